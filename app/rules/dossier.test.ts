import { describe, expect, test } from 'vitest'
import { isListedInDirectory, MentorDossierSchema, parseLanguages, profileSchemaFor } from './dossier'

const mentor = { headline: 'Staff engineer', languages: 'English', yearsExperience: 3, capacity: 2 }

describe('parseLanguages', () => {
	test('splits on commas, trims, drops empties and case-insensitive repeats, keeping the first spelling', () => {
		expect(parseLanguages(' English, german ,, English,  Brazilian   Portuguese ,GERMAN')).toEqual([
			'English',
			'german',
			'Brazilian Portuguese',
		])
		expect(parseLanguages('')).toEqual([])
	})
})

describe('MentorDossierSchema', () => {
	test('a mentor needs at least one language', () => {
		const result = MentorDossierSchema.safeParse({ ...mentor, languages: ' , ' })
		expect(result.success).toBe(false)
		expect(result.error?.issues[0]?.message).toBe('Add at least one language you mentor in.')
	})

	test('limits lengths and ranges from the rulebook', () => {
		expect(MentorDossierSchema.safeParse({ ...mentor, headline: 'x'.repeat(121) }).success).toBe(false)
		expect(MentorDossierSchema.safeParse({ ...mentor, bio: 'x'.repeat(2001) }).success).toBe(false)
		expect(MentorDossierSchema.safeParse({ ...mentor, yearsExperience: 71 }).success).toBe(false)
		expect(MentorDossierSchema.safeParse({ ...mentor, capacity: 51 }).success).toBe(false)
		expect(MentorDossierSchema.safeParse({ ...mentor, capacity: -1 }).success).toBe(false)
	})

	test('fills optional text with empty strings and de-duplicates subjects', () => {
		const parsed = MentorDossierSchema.parse({ ...mentor, subjects: ['leadership', 'leadership', 'backend'] })
		expect(parsed).toMatchObject({ bio: '', industry: '', workHistory: '', languages: ['English'], subjects: ['leadership', 'backend'] })
	})
})

describe('profileSchemaFor', () => {
	test('ignores a dossier section for a role the person does not have', () => {
		const schema = profileSchemaFor({ isMentor: false, isMentee: true })
		const parsed = schema.parse({ name: 'Maya', timeZone: 'Europe/Berlin', mentor: { headline: 'sneaky' }, mentee: { yearsExperience: 1 } })
		expect(parsed.mentor).toBeUndefined()
		expect(parsed.mentee).toMatchObject({ goals: '', languages: [] })
	})
})

test('a mentor is listed once they have a headline and a language', () => {
	expect(isListedInDirectory({ headline: 'Coach', languages: ['English'] })).toBe(true)
	expect(isListedInDirectory({ headline: '  ', languages: ['English'] })).toBe(false)
	expect(isListedInDirectory({ headline: 'Coach', languages: [] })).toBe(false)
})
