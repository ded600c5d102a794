import { describe, expect, test } from 'vitest'
import { SignupSchema } from './validation'

const signup = (over: Record<string, unknown>) =>
	SignupSchema.safeParse({ email: 'ada@example.com', password: 'correct horse', name: 'Ada', role: 'mentee', timeZone: 'Europe/Berlin', ...over })

const messages = (result: ReturnType<typeof signup>, field: string) =>
	result.success ? [] : result.error.issues.filter((i) => i.path[0] === field).map((i) => i.message)

describe('sign-up fields', () => {
	test('a password of only spaces is refused, one with spaces inside is fine', () => {
		expect(messages(signup({ password: '          ' }), 'password')).toEqual(['A password cannot be only spaces.'])
		expect(signup({ password: ' correct horse ' }).success).toBe(true)
	})

	test('a name has at most 100 characters', () => {
		expect(signup({ name: 'A'.repeat(100) }).success).toBe(true)
		expect(messages(signup({ name: 'A'.repeat(101) }), 'name')).toEqual(['A name has at most 100 characters.'])
	})
})
