/**
 * How fast the slot engine lists a mentor's bookable slots, the work behind every public profile
 * and every booking check. Run: `npm run bench` (see bench/README.md).
 */
import { performance } from 'node:perf_hooks'
import {
	MAX_BOOKING_WINDOW_DAYS,
	MAX_WINDOWS_PER_DAY,
	MIN_SLOT_MINUTES,
	type BusyInterval,
	type Calendar,
	type WeeklyWindow,
} from '../app/rules/availability'
import { listSlots, MAX_SLOT_RANGE_DAYS, slotIsBookable } from '../app/rules/slots'


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

/**
 * The worst calendar the bounds allow (decision 015): on every weekday as many windows as allowed,
 * touching, covering the whole day; the shortest slots; a year's booking window; on every date of
 * the range as many extra windows as allowed, off the weekly grid by 5 minutes so every one adds
 * starts; the longest range one request may ask for, across Berlin's spring-forward night.
 */
const perDay = MAX_WINDOWS_PER_DAY
const span = (i: number, shift = 0) => {
	const at = (m: number) => (m >= 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`)
	const length = 1440 / perDay
	return { start: at(i * length + shift), end: at(Math.min(1440, (i + 1) * length + shift)) }
}
const rangeDays = MAX_SLOT_RANGE_DAYS
const worst: Calendar = {
	timeZone: 'Europe/Berlin',
	weekly: ([1, 2, 3, 4, 5, 6, 7] as const).flatMap((weekday) => Array.from({ length: perDay }, (_, i) => ({ weekday, ...span(i) }))),
	overrides: Array.from({ length: rangeDays + 1 }, (_, d) => ({
		date: new Date(now.getTime() + d * 24 * HOUR).toISOString().slice(0, 10),
		windows: Array.from({ length: perDay }, (_, i) => span(i, 5)),
	})),
	slotMinutes: MIN_SLOT_MINUTES,
	bufferMinutes: 0,
	bookingWindow: { minLeadMinutes: 0, maxLeadMinutes: MAX_BOOKING_WINDOW_DAYS * 24 * 60 },
}
const worstTo = new Date(now.getTime() + rangeDays * 24 * HOUR)
measure('worst allowed paid calendar, 62 days', () => listSlots({ calendar: worst, busy, from: now, to: worstTo, now }).length, 200)
measure('the same, written as the API answers it', () => {
	const slots = listSlots({ calendar: worst, busy, from: now, to: worstTo, now })
	JSON.stringify({ slots: slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() })) })
	return slots.length
}, 200)
measure('the same without the cap on slots', () =>
	listSlots({ calendar: worst, busy, from: now, to: worstTo, now, limit: Infinity }).length, 50)

/** The calendar of the report, saved before the bounds existed: 100 weekly windows 00:00–24:00, 10-minute slots. */
const legacy: Calendar = {
	...worst,
	weekly: Array.from({ length: 100 }, (_, i) => ({ weekday: ((i % 7) + 1) as WeeklyWindow['weekday'], start: '00:00', end: '24:00' })),
	overrides: [],
}
measure('saved before the bounds: 100 × 00:00–24:00', () => listSlots({ calendar: legacy, busy, from: now, to: worstTo, now }).length, 200)

const candidate = listSlots({ calendar: intro, busy, from: now, to: new Date(now.getTime() + 14 * 24 * HOUR), now })[40]!
measure('slotIsBookable for one intro start (booking)', () =>
	slotIsBookable({ calendar: intro, busy, start: candidate.start, now }).ok ? 1 : 0, 2000)
