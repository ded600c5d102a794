/**
 * How fast the slot engine lists a mentor's bookable slots, the work behind every public profile
 * and every booking check. Run: `npm run bench` (see bench/README.md).
 */
import { performance } from 'node:perf_hooks'
import { type BusyInterval, type Calendar, type WeeklyWindow } from '../app/rules/availability'
import { listSlots, slotIsBookable } from '../app/rules/slots'

const HOUR = 3_600_000
const now = new Date('2027-03-20T08:00:00Z') // the intro range crosses Berlin's spring-forward night

const weekly: WeeklyWindow[] = ([1, 2, 3, 4, 5] as const).flatMap((weekday) => [
	{ weekday, start: '08:00', end: '12:00' },
	{ weekday, start: '13:00', end: '19:00' },
])

function calendar(type: 'intro' | 'paid'): Calendar {
	return {
		timeZone: 'Europe/Berlin',
		weekly,
		overrides: [
			{ date: '2027-03-24', blocked: true },
			{ date: '2027-03-27', windows: [{ start: '10:00', end: '14:00' }] },
		],
		slotMinutes: type === 'intro' ? 20 : 60,
		bufferMinutes: 10,
		bookingWindow: type === 'intro' ? { minLeadMinutes: 2880, maxLeadMinutes: 20160 } : { minLeadMinutes: 1440, maxLeadMinutes: 86400 },
	}
}

/** A busy mentor: one live session every 7 hours over the next 60 days (about 200). */
const busy: BusyInterval[] = Array.from({ length: 206 }, (_, i) => {
	const start = new Date(now.getTime() + 24 * HOUR + i * 7 * HOUR)
	return { start, end: new Date(start.getTime() + HOUR) }
})

function measure(name: string, run: () => number, iterations: number) {
	for (let i = 0; i < Math.min(50, iterations); i++) run() // warm-up
	const times: number[] = []
	let produced = 0
	for (let i = 0; i < iterations; i++) {
		const t0 = performance.now()
		produced = run()
		times.push(performance.now() - t0)
	}
	times.sort((a, b) => a - b)
	const total = times.reduce((a, b) => a + b, 0)
	const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(3)
	console.log(
		`${name.padEnd(44)} ${String(produced).padStart(5)} slots  ${(iterations / (total / 1000)).toFixed(0).padStart(7)} ops/s  p50 ${pct(0.5)} ms  p95 ${pct(0.95)} ms`,
	)
}

const intro = calendar('intro')
const paid = calendar('paid')
measure('intro slots, next 14 days (public profile)', () =>
	listSlots({ calendar: intro, busy, from: now, to: new Date(now.getTime() + 14 * 24 * HOUR), now }).length, 500)
measure('paid slots, next 60 days', () =>
	listSlots({ calendar: paid, busy, from: now, to: new Date(now.getTime() + 60 * 24 * HOUR), now }).length, 200)
const candidate = listSlots({ calendar: intro, busy, from: now, to: new Date(now.getTime() + 14 * 24 * HOUR), now })[40]!
measure('slotIsBookable for one intro start (booking)', () =>
	slotIsBookable({ calendar: intro, busy, start: candidate.start, now }).ok ? 1 : 0, 2000)
