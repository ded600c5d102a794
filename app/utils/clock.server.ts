/**
 * The one clock of the app. Rules take `now` as an argument; services and jobs ask this module.
 *
 * Like Stripe's test clocks, MENTORA_CLOCK starts the clock at a given instant and lets it tick
 * on from there. Tests may freeze it at an instant or move it. State lives on globalThis so the
 * server bundle and modules loaded beside it share one clock.
 */
type ClockState = { offsetMs: number; frozenAt: number | null }

const store = globalThis as unknown as { __mentoraClock?: ClockState }

function state(): ClockState {
	store.__mentoraClock ??= { offsetMs: 0, frozenAt: null }
	return store.__mentoraClock
}

export function now(): Date {
	const { offsetMs, frozenAt } = state()
	return new Date(frozenAt ?? Date.now() + offsetMs)
}

/** The clock starts at `instant` and ticks on in real time. */
export function startClockAt(instant: Date): void {
	store.__mentoraClock = { offsetMs: instant.getTime() - Date.now(), frozenAt: null }
}

/** The clock stands still at `instant` until moved or reset. */
export function freezeClockAt(instant: Date): void {
	store.__mentoraClock = { offsetMs: 0, frozenAt: instant.getTime() }
}

export function advanceClock(ms: number): void {
	const s = state()
	if (s.frozenAt !== null) s.frozenAt += ms
	else s.offsetMs += ms
}

export function resetClock(): void {
	store.__mentoraClock = { offsetMs: 0, frozenAt: null }
}
