/**
 * A token bucket that makes callers wait their turn instead of refusing them (the generic cell
 * rate algorithm): at most `ratePerSecond` on average, with bursts of `burst`, so any one second
 * sees at most `ratePerSecond + burst` takes. A slot is taken when the caller actually goes, not
 * when it starts waiting, so timers that fire late (a busy event loop) cannot bunch requests up.
 * `pause` holds every caller back, e.g. after a 429.
 */
export type TokenBucket = {
	/** Takes a token at `t` if one is free (answers 0), else answers how long to wait before asking again. */
	tryTake: (t: number) => number
	take: () => Promise<void>
	pause: (ms: number) => void
}

export function createTokenBucket(options: { ratePerSecond: number; burst?: number; now?: () => number }): TokenBucket {
	const now = options.now ?? Date.now
	const interval = 1000 / options.ratePerSecond
	const tolerance = ((options.burst ?? 1) - 1) * interval
	// The theoretical arrival time of the next token.
	let tat = 0
	const tryTake = (t: number) => {
		const wait = tat - tolerance - t
		if (wait > 0) return wait
		tat = Math.max(tat, t) + interval
		return 0
	}
	return {
		tryTake,
		async take() {
			for (let wait = tryTake(now()); wait > 0; wait = tryTake(now())) {
				// A little jitter, so callers woken together do not all ask at the same instant again.
				await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * interval * 0.25))
			}
		},
		pause(ms) {
			tat = Math.max(tat, now() + ms)
		},
	}
}
