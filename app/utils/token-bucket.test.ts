import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createTokenBucket } from './token-bucket'

/** Callers arriving at `arrivals` ask, wait as told, and ask again: answers when each one went. */
function simulate(arrivals: number[], ratePerSecond: number, burst: number): number[] {
	const bucket = createTokenBucket({ ratePerSecond, burst })
	const queue = arrivals.map((at) => ({ at }))
	const went: number[] = []
	while (queue.length > 0) {
		queue.sort((a, b) => a.at - b.at)
		const next = queue.shift()!
		const wait = bucket.tryTake(next.at)
		if (wait === 0) went.push(next.at)
		else queue.push({ at: next.at + wait })
	}
	return went
}

describe('token bucket', () => {
	test('lets a burst through at once, then spaces callers at the rate', () => {
		expect(simulate([0, 0, 0, 0, 0, 0], 10, 3)).toEqual([0, 0, 0, 100, 200, 300])
	})

	test('whatever the arrivals, no second holds more than rate + burst takes', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 5 }), (arrivals, burst) => {
				const went = simulate(arrivals, 90, burst).sort((a, b) => a - b)
				expect(went).toHaveLength(arrivals.length)
				for (const start of went) expect(went.filter((s) => s >= start && s < start + 1000).length).toBeLessThanOrEqual(90 + burst)
			}),
			{ numRuns: 30 },
		)
	})

	test('a pause holds back every later caller', () => {
		let clock = 0
		const bucket = createTokenBucket({ ratePerSecond: 10, burst: 1, now: () => clock })
		bucket.pause(2000)
		clock = 10
		expect(bucket.tryTake(clock)).toBe(1990)
		expect(bucket.tryTake(2000)).toBe(0)
	})
})
