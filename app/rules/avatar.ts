/**
 * The initials avatar shown for someone without a photo: one or two letters of their name on a
 * background chosen from their user id, so a person keeps the same colour everywhere and over time.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]/u

/** The first letter (a whole grapheme: "É" written as E + accent stays one) of a word, or null. */
function initialOf(word: string): string | null {
	for (const { segment } of graphemes.segment(word)) {
		if (!LETTER_OR_DIGIT.test(segment)) continue
		const upper = segment.toLocaleUpperCase()
		// "ß" upper-cases to "SS": keep the letter as written rather than show two.
		return [...graphemes.segment(upper)].length === 1 ? upper : segment
	}
	return null
}

/**
 * "Ada Lovelace" → "AL", "Jean-Luc Picard" → "JP", "Łukasz" → "Ł", "山田 太郎" → "山太": the first
 * letter of the first and of the last word. "?" when the name holds no letter or digit.
 */
export function initialsOf(name: string): string {
	const initials = name
		.normalize('NFC')
		.split(/\s+/u)
		.map(initialOf)
		.filter((initial): initial is string => initial !== null)
	if (initials.length === 0) return '?'
	return initials.length === 1 ? initials[0]! : `${initials[0]}${initials.at(-1)}`
}

export const AVATAR_TEXT_COLOUR = '#ffffff'

/** Backgrounds white text reads on at WCAG AA for normal text (contrast at least 4.5:1; tested). */
export const AVATAR_BACKGROUNDS = [
	'#b91c1c',
	'#c2410c',
	'#a16207',
	'#4d7c0f',
	'#15803d',
	'#0f766e',
	'#0369a1',
	'#1d4ed8',
	'#4338ca',
	'#6d28d9',
	'#a21caf',
	'#be123c',
	'#475569',
] as const

/** FNV-1a over the id: the same id always lands on the same colour, ids spread over all of them. */
function hash(text: string): number {
	let value = 0x811c9dc5
	for (let i = 0; i < text.length; i++) {
		value ^= text.charCodeAt(i)
		value = Math.imul(value, 0x01000193) >>> 0
	}
	return value
}

export function avatarColours(userId: string): { background: string; text: string } {
	return { background: AVATAR_BACKGROUNDS[hash(userId) % AVATAR_BACKGROUNDS.length]!, text: AVATAR_TEXT_COLOUR }
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
	const channels = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255)
	const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number]
	return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
	return (light + 0.05) / (dark + 0.05)
}
