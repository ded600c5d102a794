import { describe, expect, test } from 'vitest'
import { bundleStatusLabel, describeCredits, plural } from './wording'

describe('one wording', () => {
	test('plurals follow the count: 0 and 2 take the plural, 1 the singular', () => {
		expect([0, 1, 2].map((n) => plural(n, 'unused session', 'unused sessions'))).toEqual(['0 unused sessions', '1 unused session', '2 unused sessions'])
	})

	test('credits read the same everywhere', () => {
		expect(describeCredits({ consumed: 1, reserved: 2, available: 5 })).toBe('1 used, 2 booked, 5 left')
	})

	test('a refunded bundle with sessions used or booked is partly refunded', () => {
		expect(bundleStatusLabel({ status: 'refunded', creditsConsumed: 0, creditsReserved: 0 })).toBe('Refunded')
		expect(bundleStatusLabel({ status: 'refunded', creditsConsumed: 1, creditsReserved: 0 })).toBe('Partly refunded')
		expect(bundleStatusLabel({ status: 'refunded', creditsConsumed: 0, creditsReserved: 2 })).toBe('Partly refunded')
		expect(bundleStatusLabel({ status: 'active', creditsConsumed: 3, creditsReserved: 1 })).toBe('Active')
	})
})
