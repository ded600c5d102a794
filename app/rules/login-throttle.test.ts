import { describe, expect, test } from 'vitest'
import { accountPaceSeconds, LOGIN_THROTTLE } from './login-throttle'

describe('accountPaceSeconds', () => {
	const free = LOGIN_THROTTLE.accountAttempts.freeAttempts

	test('the first attempts at an account need no pause', () => {
		for (let earlier = 0; earlier < free; earlier++) expect(accountPaceSeconds(earlier)).toBe(0)
	})

	test('each attempt past the free ones doubles the pause', () => {
		expect([free, free + 1, free + 2, free + 3].map(accountPaceSeconds)).toEqual([1, 2, 4, 8])
	})

	test('the pause never exceeds five minutes: the account slows down, it is never locked', () => {
		expect(accountPaceSeconds(free + 8)).toBe(256)
		expect(accountPaceSeconds(free + 9)).toBe(300)
		expect(accountPaceSeconds(10_000)).toBe(300)
	})
})
