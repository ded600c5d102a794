import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { AVATAR_BACKGROUNDS, AVATAR_TEXT_COLOUR, avatarColours, contrastRatio, initialsOf } from './avatar'

describe('initials of a name', () => {
	test('the first letters of the first and last words, upper-cased', () => {
		expect(initialsOf('Ada Lovelace')).toBe('AL')
		expect(initialsOf('ana maría de la cruz')).toBe('AC')
		expect(initialsOf('Jean-Luc Picard')).toBe('JP')
		expect(initialsOf('  Priya   Raman  ')).toBe('PR')
		expect(initialsOf('Cher')).toBe('C')
	})

	test('letters beyond ASCII stay whole: accents, decomposed accents, other scripts', () => {
		expect(initialsOf('Łukasz Żółw')).toBe('ŁŻ')
		// "É" written as E + combining acute is one letter, shown composed.
		expect(initialsOf('E\u0301mile Zola')).toBe('ÉZ')
		expect(initialsOf('山田 太郎')).toBe('山太')
		expect(initialsOf('Σοφία Παππά')).toBe('ΣΠ')
		expect(initialsOf('ßarah')).toBe('ß')
	})

	test('punctuation and emoji before a word are skipped; a name without letters shows "?"', () => {
		expect(initialsOf('"Maya" (she/her) Chen')).toBe('MC')
		expect(initialsOf('🙂 Jonas')).toBe('J')
		expect(initialsOf('🙂')).toBe('?')
		expect(initialsOf('')).toBe('?')
	})

	test('always one or two letters', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (name) => {
				const initials = initialsOf(name)
				const count = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(initials)].length
				expect(count).toBeGreaterThanOrEqual(1)
				expect(count).toBeLessThanOrEqual(2)
			}),
		)
	})
})

describe('the background of an initials avatar', () => {
	test('every background reads with the text colour at WCAG AA (4.5:1)', () => {
		for (const background of AVATAR_BACKGROUNDS) expect(contrastRatio(background, AVATAR_TEXT_COLOUR), background).toBeGreaterThanOrEqual(4.5)
	})

	test('the contrast formula gives the known extremes', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
		expect(contrastRatio('#777777', '#777777')).toBe(1)
	})

	test('the same id always gets the same colour, and ids spread over the palette', () => {
		const id = '0b7c2f7e-1a2b-4c3d-8e9f-001122334455'
		expect(avatarColours(id)).toEqual(avatarColours(id))
		const used = new Set(Array.from({ length: 300 }, (_, i) => avatarColours(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).background))
		expect(used.size).toBe(AVATAR_BACKGROUNDS.length)
	})
})
