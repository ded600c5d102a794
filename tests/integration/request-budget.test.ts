import { randomUUID } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, describe, expect, test } from 'vitest'
import { sharedRequestBudget } from '../../app/services/request-budget.server'

// Each "process" has its own connection, as separate web and worker processes do.
const connections = Array.from({ length: 3 }, () => postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} }))
afterAll(() => Promise.all(connections.map((sql) => sql.end())))

/** The most instants that fall in any one window of `ms` milliseconds. */
function mostInAnyWindow(instants: number[], ms: number): number {
	const sorted = [...instants].sort((a, b) => a - b)
	let most = 0
	for (let first = 0, last = 0; last < sorted.length; last++) {
		while (sorted[last]! - sorted[first]! >= ms) first++
		most = Math.max(most, last - first + 1)
	}
	return most
}

describe('a request budget shared by several processes', () => {
	test('three processes taking 120 turns at 40 per second together: the rate holds across them, bursts stay bounded, and the budget is used', async () => {
		const key = `test:${randomUUID()}`
		const budgets = connections.map((sql) => sharedRequestBudget({ key, ratePerSecond: 40, burst: 4, sql }))
		const started = Date.now()
		const turns = await Promise.all(
			Array.from({ length: 120 }, async (_, i) => {
				await budgets[i % 3]!.take()
				return Date.now()
			}),
		)
		const elapsed = Date.now() - started
		// Four go at once, then one every 25 ms: the last turn comes at (120 - 4) × 25 ms = 2.9 s.
		// Three budgets each keeping 40/s to itself would be done in a third of that.
		expect(elapsed).toBeGreaterThanOrEqual(2850)
		expect(elapsed).toBeLessThan(4500)
		// 40 a second plus the burst, with a little room for timers that fire late on a busy machine.
		expect(mostInAnyWindow(turns, 1000)).toBeLessThanOrEqual(47)
	})

	test('a pause in one process holds the others back too', async () => {
		const key = `test:${randomUUID()}`
		const [first, second] = connections.map((sql) => sharedRequestBudget({ key, ratePerSecond: 100, sql }))
		await first!.take()
		await first!.pause(600)
		const started = Date.now()
		await second!.take()
		expect(Date.now() - started).toBeGreaterThanOrEqual(550)
	})
})
