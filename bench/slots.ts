/**
 * How fast the slot engine lists a mentor's bookable slots, the work behind every public profile
 * and every booking check, against the engine as it was before its rework (bench/baseline/) on the
 * same input in the same run. Run: `npm run bench` (see bench/README.md).
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
import * as before from './baseline/slots-before-rework'


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

type Timing = { produced: number; p50: number; p95: number; perSecond: number }

function time(run: () => number, iterations: number): Timing {
	for (let i = 0; i < Math.min(50, Math.max(1, Math.floor(iterations / 4))); i++) run() // warm-up
	const times: number[] = []
	let produced = 0
	for (let i = 0; i < iterations; i++) {
		const t0 = performance.now()
		produced = run()
		times.push(performance.now() - t0)
	}
	times.sort((a, b) => a - b)
	const total = times.reduce((a, b) => a + b, 0)
	const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!
	return { produced, p50: pct(0.5), p95: pct(0.95), perSecond: iterations / (total / 1000) }
}

const ms = (value: number) => (value < 0.1 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(value < 10 ? 2 : 0)} ms`)
const results: { name: string; now: Timing; before?: Timing; targetMs?: number }[] = []

/** Times today's engine and, when given, the engine before the rework on the same input; `targetMs` is the p50 to stay under. */
function measure(name: string, run: () => number, iterations: number, baseline?: { run: () => number; iterations: number }, targetMs?: number) {
	const now = time(run, iterations)
	const before = baseline ? time(baseline.run, baseline.iterations) : undefined
	results.push({ name, now, before, targetMs })
	const ratio = before ? `  ${(before.p50 / now.p50).toFixed(0).padStart(5)}× (before: p50 ${ms(before.p50)})` : ''
	console.log(`${name.padEnd(48)} ${String(now.produced).padStart(5)} slots  ${now.perSecond.toFixed(0).padStart(7)} ops/s  p50 ${ms(now.p50).padStart(9)}  p95 ${ms(now.p95).padStart(9)}${ratio}`)
}

const intro = calendar('intro')
const paid = calendar('paid')
const introQuery = { calendar: intro, busy, from: now, to: new Date(now.getTime() + 14 * 24 * HOUR), now }
const paidQuery = { calendar: paid, busy, from: now, to: new Date(now.getTime() + 60 * 24 * HOUR), now }
measure('intro slots, next 14 days (public profile)', () => listSlots(introQuery).length, 2000, { run: () => before.listSlots(introQuery).length, iterations: 100 }, 0.5)
measure('paid slots, next 60 days', () => listSlots(paidQuery).length, 1000, { run: () => before.listSlots(paidQuery).length, iterations: 50 }, 2)

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
const worstQuery = { calendar: worst, busy, from: now, to: worstTo, now }
measure('worst allowed paid calendar, 62 days', () => listSlots(worstQuery).length, 200, { run: () => before.listSlots(worstQuery).length, iterations: 5 }, 20)
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
const legacyQuery = { calendar: legacy, busy, from: now, to: worstTo, now }
measure('saved before the bounds: 100 × 00:00–24:00', () => listSlots(legacyQuery).length, 200, { run: () => before.listSlots(legacyQuery).length, iterations: 3 })

const candidate = listSlots(introQuery)[40]!
const bookable = { calendar: intro, busy, start: candidate.start, now }
measure('slotIsBookable for one intro start (booking)', () => (slotIsBookable(bookable).ok ? 1 : 0), 20000, { run: () => (before.slotIsBookable(bookable).ok ? 1 : 0), iterations: 500 }, 0.05)

/**
 * A directory's worth: 1,000 mentors' intro slots over the next 14 days, each mentor in one of 24
 * zones around the world with windows of their own and about 20 live sessions, listed one after
 * another as a page of "next available" would.
 */
const ZONES = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'America/Sao_Paulo', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Auckland', 'Africa/Lagos', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/Kyiv', 'Asia/Singapore', 'America/Mexico_City', 'Pacific/Chatham', 'Asia/Tehran', 'America/Chicago', 'Europe/Paris', 'Asia/Dubai', 'Africa/Cairo', 'America/Halifax', 'Asia/Shanghai']
const mentors = Array.from({ length: 1000 }, (_, m) => {
	const startHour = 7 + (m % 5)
	const hh = (h: number) => `${String(h).padStart(2, '0')}:00`
	const mentorCalendar: Calendar = {
		...intro,
		timeZone: ZONES[m % ZONES.length]!,
		weekly: ([1, 2, 3, 4, 5] as const).filter((d) => (d + m) % 5 !== 0).flatMap((weekday) => [
			{ weekday, start: hh(startHour), end: hh(startHour + 3) },
			{ weekday, start: hh(startHour + 5), end: hh(startHour + 8) },
		]),
		overrides: [{ date: '2027-03-25', blocked: true }],
	}
	const mentorBusy: BusyInterval[] = Array.from({ length: 20 }, (_, i) => {
		const start = new Date(now.getTime() + 48 * HOUR + ((i * 17 + m) % 300) * HOUR)
		return { start, end: new Date(start.getTime() + HOUR) }
	})
	return { calendar: mentorCalendar, busy: mentorBusy }
})
const everyMentor = (engine: typeof listSlots) => () =>
	mentors.reduce((total, m) => total + engine({ calendar: m.calendar, busy: m.busy, from: now, to: introQuery.to, now }).length, 0)
measure("1,000 mentors' intro slots, next 14 days", everyMentor(listSlots), 20, { run: everyMentor(before.listSlots), iterations: 2 }, 400)

console.log('\ntargets (p50): ')
for (const { name, now: timing, before: baseline, targetMs } of results) {
	const ratio = baseline ? baseline.p50 / timing.p50 : undefined
	const checks = [
		targetMs !== undefined ? `${ms(timing.p50)} ${timing.p50 <= targetMs ? '≤' : '>'} ${ms(targetMs)} ${timing.p50 <= targetMs ? 'met' : 'MISSED'}` : null,
		ratio !== undefined ? `${ratio.toFixed(0)}× faster than before ${ratio >= 20 ? 'met' : 'MISSED (20×)'}` : null,
	].filter(Boolean)
	console.log(`  ${name.padEnd(48)} ${checks.join('; ')}`)
}
