import { describe, expect, test } from 'vitest'
import { safeRedirectPath } from './safe-redirect'

describe('safeRedirectPath', () => {
	test('keeps a path on this site, with its query', () => {
		expect(safeRedirectPath('/mentors/lena-hoffmann')).toBe('/mentors/lena-hoffmann')
		expect(safeRedirectPath('/mentors?subject=leadership')).toBe('/mentors?subject=leadership')
	})

	test.each([
		['//evil.example/steal'],
		['/\\evil.example'],
		['https://evil.example'],
		['javascript:alert(1)'],
		['mentors'],
		['/\t/evil.example'],
		[''],
		[null],
		[undefined],
	])('falls back for %j', (to) => {
		expect(safeRedirectPath(to)).toBe('/dashboard')
	})

	test('uses the given fallback', () => {
		expect(safeRedirectPath('//x', '/')).toBe('/')
	})
})
