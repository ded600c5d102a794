import { describe, expect, test } from 'vitest'
import { AssignmentRequestSchema, fingerprintOf, MAX_CANDIDATE_LIMIT, throttleProgress } from './cohort-assignments'

describe('throttleProgress', () => {
	test('passes a share only every 5 % and 200 ms, and always the end', () => {
		let now = 0
		const seen: number[] = []
		const report = throttleProgress((f) => seen.push(f), { clock: () => now })
		report(0.01)
		report(0.06)
		now = 100
		report(0.2)
		now = 300
		report(0.22)
		report(0.3)
		now = 600
		report(0.26)
		report(1)
		expect(seen).toEqual([0.06, 0.22, 1])
	})
})

describe('fingerprintOf', () => {
	const rows = [
		{ id: 'b', status: 'searching', capacity: 3, live: 1 },
		{ id: 'a', status: 'searching', capacity: null, live: 0 },
	]
	test('ignores the order rows come in and changes with any status, capacity or live count', () => {
		expect(fingerprintOf(rows)).toBe(fingerprintOf([...rows].reverse()))
		expect(fingerprintOf([{ ...rows[0]!, live: 2 }, rows[1]!])).not.toBe(fingerprintOf(rows))
		expect(fingerprintOf([{ ...rows[0]!, capacity: 2 }, rows[1]!])).not.toBe(fingerprintOf(rows))
		expect(fingerprintOf([{ ...rows[0]!, status: 'withdrawn' }, rows[1]!])).not.toBe(fingerprintOf(rows))
	})
})

describe('AssignmentRequestSchema', () => {
	test('candidateLimit is optional (every pair by default) and a whole number from 1 to the maximum', () => {
		expect(AssignmentRequestSchema.parse({})).toEqual({ lockedPairs: [], forbiddenPairs: [] })
		expect(AssignmentRequestSchema.parse({ candidateLimit: 20 }).candidateLimit).toBe(20)
		expect(AssignmentRequestSchema.parse({ candidateLimit: MAX_CANDIDATE_LIMIT }).candidateLimit).toBe(MAX_CANDIDATE_LIMIT)
		for (const bad of [0, -3, 2.5, MAX_CANDIDATE_LIMIT + 1, '20', null]) {
			expect(AssignmentRequestSchema.safeParse({ candidateLimit: bad }).success, String(bad)).toBe(false)
		}
	})
})
