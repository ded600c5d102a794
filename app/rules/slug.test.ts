import { expect, test } from 'vitest'
import { slugify } from './slug'

test.each([
	['Zoë O’Brien', 'zoe-obrien'],
	['  Lena   Hoffmann ', 'lena-hoffmann'],
	['Émile Zola', 'emile-zola'],
	['李小龍', 'mentor'],
	['Anne-Marie  de la Cruz!', 'anne-marie-de-la-cruz'],
])('slugify(%j) is %j', (name, slug) => {
	expect(slugify(name)).toBe(slug)
})

test('a slug never exceeds 60 characters nor ends with a dash', () => {
	const slug = slugify('a'.repeat(59) + ' b')
	expect(slug.length).toBeLessThanOrEqual(60)
	expect(slug.endsWith('-')).toBe(false)
})
