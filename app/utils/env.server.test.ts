import { describe, expect, test } from 'vitest'
import { EnvError, parseEnv } from './env.server'

function linesFor(source: Record<string, string>): string[] {
	try {
		parseEnv(source)
	} catch (error) {
		if (error instanceof EnvError) return error.lines
		throw error
	}
	return []
}

describe('parseEnv', () => {
	test('defaults make a local run work with nothing set', () => {
		const env = parseEnv({})
		expect(env.PORT).toBe(3000)
		expect(env.APP_URL).toBe('http://localhost:3000')
		expect(env.DATABASE_URL).toBeUndefined()
	})

	test('one clear line per bad variable, naming it', () => {
		const lines = linesFor({ PORT: 'eighty', DATABASE_URL: 'mysql://x', MENTORA_CLOCK: 'tomorrow' })
		expect(lines).toHaveLength(3)
		expect(lines.find((l) => l.includes('PORT'))).toMatch(/^Invalid environment variable PORT: /)
		expect(lines.find((l) => l.includes('DATABASE_URL'))).toContain('postgres://')
		expect(lines.find((l) => l.includes('MENTORA_CLOCK'))).toContain('ISO 8601')
	})

	test('production refuses a set clock and requires a database', () => {
		const lines = linesFor({ NODE_ENV: 'production', MENTORA_CLOCK: '2027-03-28T00:30:00Z' })
		expect(lines.map((l) => l.split(':')[0])).toEqual([
			'Invalid environment variable MENTORA_CLOCK',
			'Invalid environment variable DATABASE_URL',
		])
	})

	test('the clock accepts an instant with an offset', () => {
		expect(parseEnv({ MENTORA_CLOCK: '2027-03-28T01:30:00+01:00' }).MENTORA_CLOCK).toBe('2027-03-28T01:30:00+01:00')
	})
})
