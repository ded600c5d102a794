import fc from 'fast-check'
import { DateTime, IANAZone } from 'luxon'
import { describe, expect, test } from 'vitest'
import type { BusyInterval, Calendar, DateOverride, LocalWindow, Slot, WeeklyWindow } from './availability'
import { listSlots, MAX_SLOTS_PER_QUERY, slotIsBookable } from './slots'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const INTRO = { minLeadMinutes: 48 * 60, maxLeadMinutes: 14 * 24 * 60 }
// Far from the dates under test, with a booking window wide enough to reach them.
const LONG_AGO = new Date('2026-01-01T00:00:00Z')
const ANY_LEAD = { minLeadMinutes: 0, maxLeadMinutes: 1000 * 24 * 60 }

function makeCalendar(overrides: Partial<Calendar> = {}): Calendar {
	return { timeZone: 'UTC', weekly: [], overrides: [], slotMinutes: 60, bufferMinutes: 0, bookingWindow: ANY_LEAD, ...overrides }
}

const iso = (slots: Slot[]) => slots.map((slot) => slot.start.toISOString())

/** UTC starts of the slots a calendar offers on one local date. */
function startsOn(calendar: Calendar, date: string): string[] {
	const noon = Date.parse(`${date}T12:00:00Z`)
	const slots = listSlots({ calendar, busy: [], from: new Date(noon - 2 * DAY), to: new Date(noon + 2 * DAY), now: LONG_AGO })
	return iso(slots.filter((slot) => DateTime.fromJSDate(slot.start, { zone: calendar.timeZone }).toISODate() === date))
}

describe('across the clock changes, windows keep their wall-clock times', () => {
	// Each expectation is worked out by hand from the zone's rules; the comment gives the local times.
	test.each<[string, string, string, WeeklyWindow, number, string[]]>([
		// Berlin springs forward on Sunday 2027-03-28 at 02:00 CET (+01) to 03:00 CEST (+02).
		['Berlin spring: 02:00 does not exist and is skipped', 'Europe/Berlin', '2027-03-28', { weekday: 7, start: '01:00', end: '04:00' }, 60,
			['2027-03-28T00:00:00.000Z', '2027-03-28T01:00:00.000Z']], // 01:00 CET, 03:00 CEST (ends 04:00 CEST)
		['Berlin spring: a slot that would overlap its predecessor after the jump is dropped', 'Europe/Berlin', '2027-03-28', { weekday: 7, start: '01:00', end: '04:00' }, 45,
			['2027-03-28T00:00:00.000Z', '2027-03-28T00:45:00.000Z']], // 01:00, 01:45 CET (ends 03:30 CEST); 02:30 missing; 03:15 CEST = 01:15Z < 01:30Z
		['Berlin spring: a window starting in the gap skips the missing start, not shifts it', 'Europe/Berlin', '2027-03-28', { weekday: 7, start: '02:30', end: '05:00' }, 60,
			['2027-03-28T01:30:00.000Z']], // 02:30 missing; 03:30 CEST; 04:30 would end after 05:00
		['Berlin spring: a window ending in the gap ends when the clocks jump', 'Europe/Berlin', '2027-03-28', { weekday: 7, start: '00:00', end: '02:30' }, 30,
			['2027-03-27T23:00:00.000Z', '2027-03-27T23:30:00.000Z', '2027-03-28T00:00:00.000Z', '2027-03-28T00:30:00.000Z']], // 00:00 … 01:30 CET
		// Berlin falls back on Sunday 2027-10-31 at 03:00 CEST to 02:00 CET: 02:00–02:59 happen twice.
		['Berlin autumn: 02:00 is offered once, in summer time', 'Europe/Berlin', '2027-10-31', { weekday: 7, start: '01:00', end: '04:00' }, 60,
			['2027-10-30T23:00:00.000Z', '2027-10-31T00:00:00.000Z', '2027-10-31T02:00:00.000Z']], // 01:00, 02:00 CEST, 03:00 CET
		['Berlin, the Friday before spring forward: CET', 'Europe/Berlin', '2027-03-26', { weekday: 5, start: '09:00', end: '12:00' }, 60,
			['2027-03-26T08:00:00.000Z', '2027-03-26T09:00:00.000Z', '2027-03-26T10:00:00.000Z']],
		['Berlin, the Monday after: the same local times, an hour earlier in UTC', 'Europe/Berlin', '2027-03-29', { weekday: 1, start: '09:00', end: '12:00' }, 60,
			['2027-03-29T07:00:00.000Z', '2027-03-29T08:00:00.000Z', '2027-03-29T09:00:00.000Z']],
		// New York: 2027-03-14 02:00 EST (-05) → 03:00 EDT (-04); 2027-11-07 02:00 EDT → 01:00 EST.
		['New York spring', 'America/New_York', '2027-03-14', { weekday: 7, start: '01:00', end: '04:00' }, 60,
			['2027-03-14T06:00:00.000Z', '2027-03-14T07:00:00.000Z']], // 01:00 EST, 03:00 EDT
		['New York autumn: 01:00 offered once', 'America/New_York', '2027-11-07', { weekday: 7, start: '00:00', end: '03:00' }, 60,
			['2027-11-07T04:00:00.000Z', '2027-11-07T05:00:00.000Z', '2027-11-07T07:00:00.000Z']], // 00:00, 01:00 EDT, 02:00 EST
		['New York autumn: a window starting in the repeated hour starts at its first pass', 'America/New_York', '2027-11-07', { weekday: 7, start: '01:30', end: '03:00' }, 30,
			['2027-11-07T05:30:00.000Z', '2027-11-07T07:00:00.000Z', '2027-11-07T07:30:00.000Z']], // 01:30 EDT, 02:00, 02:30 EST
		// Sydney: 2027-04-04 03:00 AEDT (+11) → 02:00 AEST (+10); 2027-10-03 02:00 AEST → 03:00 AEDT.
		['Sydney autumn', 'Australia/Sydney', '2027-04-04', { weekday: 7, start: '01:00', end: '04:00' }, 60,
			['2027-04-03T14:00:00.000Z', '2027-04-03T15:00:00.000Z', '2027-04-03T17:00:00.000Z']], // 01:00, 02:00 AEDT, 03:00 AEST
		['Sydney spring', 'Australia/Sydney', '2027-10-03', { weekday: 7, start: '01:00', end: '04:00' }, 60,
			['2027-10-02T15:00:00.000Z', '2027-10-02T16:00:00.000Z']], // 01:00 AEST, 03:00 AEDT
		['Sydney spring: a window ending at 02:00 keeps its 01:00 slot, which ends as the clocks jump', 'Australia/Sydney', '2027-10-03', { weekday: 7, start: '00:00', end: '02:00' }, 60,
			['2027-10-02T14:00:00.000Z', '2027-10-02T15:00:00.000Z']], // 00:00, 01:00 AEST
		// Lord Howe moves half an hour: 2027-04-04 02:00 (+11) → 01:30 (+10:30); 2027-10-03 02:00 (+10:30) → 02:30 (+11).
		['Lord Howe autumn, hour slots: 02:00 exists once, after the repeated half hour', 'Australia/Lord_Howe', '2027-04-04', { weekday: 7, start: '01:00', end: '03:00' }, 60,
			['2027-04-03T14:00:00.000Z', '2027-04-03T15:30:00.000Z']], // 01:00 +11, 02:00 +10:30 (ends 03:00)
		['Lord Howe autumn, half-hour slots: 01:30 offered once', 'Australia/Lord_Howe', '2027-04-04', { weekday: 7, start: '01:00', end: '03:00' }, 30,
			['2027-04-03T14:00:00.000Z', '2027-04-03T14:30:00.000Z', '2027-04-03T15:30:00.000Z', '2027-04-03T16:00:00.000Z']], // 01:00, 01:30 +11, 02:00, 02:30 +10:30
		['Lord Howe spring, hour slots: 02:00 skipped, 03:00 keeps its place', 'Australia/Lord_Howe', '2027-10-03', { weekday: 7, start: '01:00', end: '04:00' }, 60,
			['2027-10-02T14:30:00.000Z', '2027-10-02T16:00:00.000Z']], // 01:00 +10:30, 03:00 +11
		['Lord Howe spring, half-hour slots', 'Australia/Lord_Howe', '2027-10-03', { weekday: 7, start: '01:00', end: '04:00' }, 30,
			['2027-10-02T14:30:00.000Z', '2027-10-02T15:00:00.000Z', '2027-10-02T15:30:00.000Z', '2027-10-02T16:00:00.000Z', '2027-10-02T16:30:00.000Z']], // 01:00, 01:30 +10:30, 02:30, 03:00, 03:30 +11
		// Chatham: 2027-04-04 03:45 (+13:45) → 02:45 (+12:45); 2027-09-26 02:45 (+12:45) → 03:45 (+13:45).
		['Chatham autumn: 03:00 offered once', 'Pacific/Chatham', '2027-04-04', { weekday: 7, start: '02:00', end: '05:00' }, 60,
			['2027-04-03T12:15:00.000Z', '2027-04-03T13:15:00.000Z', '2027-04-03T15:15:00.000Z']], // 02:00, 03:00 +13:45, 04:00 +12:45
		['Chatham spring: 03:00 does not exist', 'Pacific/Chatham', '2027-09-26', { weekday: 7, start: '02:00', end: '05:00' }, 60,
			['2027-09-25T13:15:00.000Z', '2027-09-25T14:15:00.000Z']], // 02:00 +12:45, 04:00 +13:45
		// St John's falls back on 2027-11-07 at 02:00 NDT (-02:30) to 01:00 NST (-03:30).
		["St John's autumn: 01:00 offered once", 'America/St_Johns', '2027-11-07', { weekday: 7, start: '00:00', end: '02:00' }, 60,
			['2027-11-07T02:30:00.000Z', '2027-11-07T03:30:00.000Z']], // 00:00, 01:00 NDT
		// Kolkata has no DST: +05:30 all year.
		['Kolkata, an ordinary Wednesday at +05:30', 'Asia/Kolkata', '2027-06-16', { weekday: 3, start: '09:00', end: '11:00' }, 30,
			['2027-06-16T03:30:00.000Z', '2027-06-16T04:00:00.000Z', '2027-06-16T04:30:00.000Z', '2027-06-16T05:00:00.000Z']],
	])('%s', (_name, timeZone, date, window, slotMinutes, expected) => {
		expect(startsOn(makeCalendar({ timeZone, weekly: [window], slotMinutes }), date)).toEqual(expected)
	})
})

describe('the booking window, both edges included', () => {
	// Every minute of every day is open in 20-minute slots: only the lead decides.
	const calendar = makeCalendar({
		slotMinutes: 20,
		bookingWindow: INTRO,
		weekly: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
	})
	const now = new Date('2027-05-03T10:00:00Z')
	const ahead = (minutes: number, from = now) => new Date(from.getTime() + minutes * MINUTE)

	test('exactly 48 hours ahead is bookable and is the first slot listed', () => {
		expect(slotIsBookable({ calendar, busy: [], start: ahead(48 * 60), now })).toMatchObject({ ok: true })
		const slots = listSlots({ calendar, busy: [], from: now, to: ahead(20 * 24 * 60), now })
		expect(slots[0]?.start).toEqual(ahead(48 * 60))
	})

	test('47 hours 59 minutes ahead is too soon, even on the grid', () => {
		const later = ahead(1)
		expect(slotIsBookable({ calendar, busy: [], start: ahead(48 * 60 - 1, later), now: later })).toEqual({ ok: false, code: 'too_soon' })
		expect(listSlots({ calendar, busy: [], from: now, to: ahead(3 * 24 * 60), now: later })[0]?.start).toEqual(ahead(48 * 60 + 20))
	})

	test('exactly 14 days ahead is bookable and is the last slot listed', () => {
		expect(slotIsBookable({ calendar, busy: [], start: ahead(14 * 24 * 60), now })).toMatchObject({ ok: true })
		expect(listSlots({ calendar, busy: [], from: now, to: ahead(20 * 24 * 60), now }).at(-1)?.start).toEqual(ahead(14 * 24 * 60))
	})

	test('14 days and 1 minute ahead is too far, even on the grid', () => {
		const earlier = ahead(-1)
		expect(slotIsBookable({ calendar, busy: [], start: ahead(14 * 24 * 60), now: earlier })).toEqual({ ok: false, code: 'too_far' })
		expect(listSlots({ calendar, busy: [], from: now, to: ahead(20 * 24 * 60), now: earlier }).at(-1)?.start).toEqual(ahead(14 * 24 * 60 - 20))
	})

	test('a time inside the booking window but off the grid is unavailable', () => {
		expect(slotIsBookable({ calendar, busy: [], start: ahead(3 * 24 * 60 + 5), now })).toEqual({ ok: false, code: 'slot_unavailable' })
	})
})

describe('busy time and buffers', () => {
	const now = new Date('2027-05-01T00:00:00Z')
	const calendar = makeCalendar({ slotMinutes: 20, bufferMinutes: 20, weekly: [{ weekday: 4, start: '11:00', end: '14:00' }] })
	const busy: BusyInterval = { start: new Date('2027-05-06T12:00:00Z'), end: new Date('2027-05-06T12:20:00Z') }
	const day = { from: new Date('2027-05-06T00:00:00Z'), to: new Date('2027-05-07T00:00:00Z') }

	test('a slot ending exactly where the buffer begins is offered; overlapping ones are not', () => {
		const starts = iso(listSlots({ calendar, busy: [busy], ...day, now })).map((s) => s.slice(11, 16))
		// busy 12:00–12:20 widened to 11:40–12:40: 11:20–11:40 touches it, 12:40 starts as it ends
		expect(starts).toEqual(['11:00', '11:20', '12:40', '13:00', '13:20', '13:40'])
	})

	test('a session from the other calendar keeps the larger of the two buffers', () => {
		const starts = iso(listSlots({ calendar, busy: [{ ...busy, bufferMinutes: 30 }], ...day, now })).map((s) => s.slice(11, 16))
		expect(starts).toEqual(['11:00', '13:00', '13:20', '13:40'])
	})

	test('slotIsBookable refuses a start clashing with busy time', () => {
		expect(slotIsBookable({ calendar, busy: [busy], start: new Date('2027-05-06T11:40:00Z'), now })).toEqual({ ok: false, code: 'slot_unavailable' })
		expect(slotIsBookable({ calendar, busy: [busy], start: new Date('2027-05-06T11:20:00Z'), now })).toEqual({
			ok: true,
			slot: { start: new Date('2027-05-06T11:20:00Z'), end: new Date('2027-05-06T11:40:00Z') },
		})
	})
})

describe('date overrides', () => {
	// Berlin in June is CEST, +02:00. 2027-06-14 and 2027-06-21 are Mondays.
	const weekly: WeeklyWindow[] = [{ weekday: 1, start: '09:00', end: '12:00' }]
	const fortnight = (overrides: DateOverride[]) =>
		iso(listSlots({ calendar: makeCalendar({ timeZone: 'Europe/Berlin', weekly, overrides }), busy: [], from: new Date('2027-06-13T00:00:00Z'), to: new Date('2027-06-23T00:00:00Z'), now: LONG_AGO }))

	test('a blocked date removes that day’s weekly windows, and its extra windows too', () => {
		expect(fortnight([{ date: '2027-06-14', blocked: true }, { date: '2027-06-14', windows: [{ start: '15:00', end: '16:00' }] }])).toEqual([
			'2027-06-21T07:00:00.000Z',
			'2027-06-21T08:00:00.000Z',
			'2027-06-21T09:00:00.000Z',
		])
	})

	test('extra windows add slots, on a free day and beside the weekly ones, each start listed once', () => {
		const extra: LocalWindow[] = [{ start: '11:00', end: '13:00' }]
		expect(fortnight([{ date: '2027-06-15', windows: [{ start: '14:00', end: '15:00' }] }, { date: '2027-06-21', windows: extra }])).toEqual([
			'2027-06-14T07:00:00.000Z',
			'2027-06-14T08:00:00.000Z',
			'2027-06-14T09:00:00.000Z',
			'2027-06-15T12:00:00.000Z',
			'2027-06-21T07:00:00.000Z',
			'2027-06-21T08:00:00.000Z',
			'2027-06-21T09:00:00.000Z',
			'2027-06-21T10:00:00.000Z',
		])
	})

	test('a window whose end is not after its start offers nothing', () => {
		expect(fortnight([{ date: '2027-06-15', windows: [{ start: '14:00', end: '14:00' }, { start: '15:00', end: '13:00' }] }])).toHaveLength(6)
	})
})

describe('one query’s work is bounded', () => {
	const everyMinute = makeCalendar({
		slotMinutes: 10,
		weekly: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
	})
	const from = new Date('2027-06-01T00:00:00Z')
	const to = new Date(from.getTime() + 62 * DAY)

	test('at most MAX_SLOTS_PER_QUERY slots are listed, the earliest ones', () => {
		const all = listSlots({ calendar: everyMinute, busy: [], from, to, now: LONG_AGO, limit: Infinity })
		expect(all).toHaveLength(62 * 144)
		const capped = listSlots({ calendar: everyMinute, busy: [], from, to, now: LONG_AGO })
		expect(capped).toHaveLength(MAX_SLOTS_PER_QUERY)
		expect(capped).toEqual(all.slice(0, MAX_SLOTS_PER_QUERY))
	})

	test('a window saved many times over offers its slots once', () => {
		const once = listSlots({ calendar: everyMinute, busy: [], from, to: new Date(from.getTime() + 7 * DAY), now: LONG_AGO })
		const hundredfold = makeCalendar({ ...everyMinute, weekly: Array.from({ length: 100 }, (_, i) => everyMinute.weekly[i % 7]!) })
		expect(listSlots({ calendar: hundredfold, busy: [], from, to: new Date(from.getTime() + 7 * DAY), now: LONG_AGO })).toEqual(once)
	})
})

test('slots lie within [from, to): a slot ending after `to` is left out', () => {
	const calendar = makeCalendar({ weekly: [{ weekday: 3, start: '09:00', end: '12:00' }] })
	const slots = listSlots({ calendar, busy: [], from: new Date('2027-06-16T09:00:00Z'), to: new Date('2027-06-16T11:30:00Z'), now: LONG_AGO })
	expect(iso(slots)).toEqual(['2027-06-16T09:00:00.000Z', '2027-06-16T10:00:00.000Z'])
})

describe('properties over random calendars, 2026–2028', () => {
	const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'UTC']
	const START = Date.UTC(2026, 0, 1)
	const END = Date.UTC(2029, 0, 1)

	// Days on which each zone's offset changes, so that `now` can be put just before one.
	const transitionDays = new Map(
		ZONES.map((name) => {
			const zone = IANAZone.create(name)
			const days: number[] = []
			for (let t = START + DAY; t < END; t += DAY) if (zone.offset(t) !== zone.offset(t - DAY)) days.push(t)
			return [name, days] as const
		}),
	)

	const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
	// Mostly the small hours, where clocks change; sometimes anywhere in the day.
	const wallMinutes = fc.oneof(fc.integer({ min: 0, max: 60 }).map((n) => n * 5), fc.integer({ min: 0, max: 288 }).map((n) => n * 5))
	const window = fc
		.record({
			start: wallMinutes,
			// Now and then an empty or inverted window, which must offer nothing.
			length: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 72 }), weight: 9 }, { arbitrary: fc.integer({ min: -2, max: 0 }), weight: 1 }).map((n) => n * 5),
		})
		.map(({ start, length }) => ({ start: hhmm(start), end: hhmm(Math.max(0, Math.min(24 * 60, start + length))) }))
	// Most clocks change on a Sunday.
	const weekday = fc.oneof(fc.constant(7), fc.integer({ min: 1, max: 7 })) as fc.Arbitrary<WeeklyWindow['weekday']>
	const minutesAhead = (maxDays: number) => fc.integer({ min: 0, max: (maxDays * DAY) / (5 * MINUTE) }).map((n) => n * 5)

	const anytime = fc.integer({ min: START / (5 * MINUTE), max: END / (5 * MINUTE) }).map((n) => n * 5 * MINUTE)
	function nowFor(timeZone: string): fc.Arbitrary<number> {
		const days = transitionDays.get(timeZone)!
		if (days.length === 0) return anytime
		// Mostly a few days before the clocks change, so that the booking window crosses the change.
		const beforeChange = fc.tuple(fc.constantFrom(...days), minutesAhead(6)).map(([day, back]) => day - back * MINUTE)
		return fc.oneof({ arbitrary: anytime, weight: 1 }, { arbitrary: beforeChange, weight: 3 })
	}

	const scenario = fc.constantFrom(...ZONES).chain((timeZone) =>
		fc.record({
			timeZone: fc.constant(timeZone),
			now: nowFor(timeZone),
			weekly: fc.array(fc.record({ weekday, window }), { minLength: 1, maxLength: 6 }),
			overrides: fc.array(
				fc.record({ day: fc.integer({ min: -1, max: 20 }), blocked: fc.boolean(), windows: fc.array(window, { minLength: 1, maxLength: 2 }) }),
				{ maxLength: 4 },
			),
			slotMinutes: fc.constantFrom(15, 20, 30, 45, 50, 60, 90),
			bufferMinutes: fc.integer({ min: 0, max: 45 }),
			minLead: fc.integer({ min: 0, max: 2 * 24 * 60 }),
			leadSpan: fc.integer({ min: 24 * 60, max: 14 * 24 * 60 }),
			busy: fc.array(
				fc.record({
					at: minutesAhead(20),
					length: fc.integer({ min: 1, max: 48 }).map((n) => n * 5),
					// The buffer of the calendar the session was booked in, when it is the other one.
					buffer: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
				}),
				{ maxLength: 5 },
			),
			fromAhead: fc.integer({ min: -24 * 60, max: 2 * 24 * 60 }),
			rangeMinutes: fc.integer({ min: 24 * 60, max: 17 * 24 * 60 }),
			probes: fc.array(minutesAhead(18), { maxLength: 8 }),
		}),
	)

	type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

	function setUp(s: Scenario) {
		const localToday = DateTime.fromMillis(s.now, { zone: s.timeZone })
		const calendar: Calendar = {
			timeZone: s.timeZone,
			weekly: s.weekly.map(({ weekday, window }) => ({ weekday, ...window })),
			overrides: s.overrides.map(({ day, blocked, windows }) => {
				const date = localToday.plus({ days: day }).toISODate()!
				return blocked ? { date, blocked: true } : { date, windows }
			}),
			slotMinutes: s.slotMinutes,
			bufferMinutes: s.bufferMinutes,
			bookingWindow: { minLeadMinutes: s.minLead, maxLeadMinutes: s.minLead + s.leadSpan },
		}
		const busy = s.busy.map(({ at, length, buffer }) => ({
			start: new Date(s.now + at * MINUTE),
			end: new Date(s.now + (at + length) * MINUTE),
			bufferMinutes: buffer,
		}))
		const from = new Date(s.now + s.fromAhead * MINUTE)
		const to = new Date(from.getTime() + s.rangeMinutes * MINUTE)
		return { calendar, busy, from, to, now: new Date(s.now) }
	}

	const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3))

	/** The windows on a local date, read straight from the calendar. */
	function windowsOn(calendar: Calendar, date: string): LocalWindow[] {
		if (calendar.overrides.some((o) => o.date === date && 'blocked' in o)) return []
		const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday
		const extra = calendar.overrides.flatMap((o) => (o.date === date && 'windows' in o ? o.windows : []))
		return [...calendar.weekly.filter((w) => w.weekday === weekday), ...extra]
	}

	function clearOfBusy(calendar: Calendar, busy: BusyInterval[], start: number, end: number): boolean {
		return busy.every((b) => {
			const gap = Math.max(calendar.bufferMinutes, b.bufferMinutes ?? 0) * MINUTE
			return end <= b.start.getTime() - gap || b.end.getTime() + gap <= start
		})
	}

	test('every slot lies on a window’s grid, in the booking window and range, clear of busy time, listed once and in order', () => {
		fc.assert(
			fc.property(scenario, (s) => {
				const { calendar, busy, from, to, now } = setUp(s)
				const slots = listSlots({ calendar, busy, from, to, now })
				const walls = new Set<string>()
				for (const [i, slot] of slots.entries()) {
					const start = slot.start.getTime()
					const end = slot.end.getTime()
					if (i > 0) expect(start).toBeGreaterThan(slots[i - 1]!.start.getTime())
					expect(end - start).toBe(calendar.slotMinutes * MINUTE)
					expect(start - now.getTime()).toBeGreaterThanOrEqual(calendar.bookingWindow.minLeadMinutes * MINUTE)
					expect(start - now.getTime()).toBeLessThanOrEqual(calendar.bookingWindow.maxLeadMinutes * MINUTE)
					expect(start).toBeGreaterThanOrEqual(from.getTime())
					expect(end).toBeLessThanOrEqual(to.getTime())
					expect(clearOfBusy(calendar, busy, start, end)).toBe(true)

					const local = DateTime.fromJSDate(slot.start, { zone: calendar.timeZone })
					const date = local.toISODate()!
					const startMinutes = local.hour * 60 + local.minute
					// The slot's last moment, not its end: a slot ending as the clocks jump from 02:00 to
					// 03:00 ends at "03:00" yet lies inside a window ending at 02:00.
					const last = DateTime.fromMillis(end - 1, { zone: calendar.timeZone })
					const lastMinutes = last.toISODate() === date ? last.hour * 60 + last.minute : Infinity
					const inWindow = windowsOn(calendar, date).some(
						(w) => minutesOf(w.start) <= startMinutes && lastMinutes < minutesOf(w.end) && (startMinutes - minutesOf(w.start)) % calendar.slotMinutes === 0,
					)
					expect(inWindow, `${slot.start.toISOString()} (${local.toISO()}) in a window of ${date}`).toBe(true)
					// A wall-clock time that exists twice is offered once.
					const wall = local.toFormat('yyyy-MM-dd HH:mm')
					expect(walls.has(wall), `${wall} offered twice`).toBe(false)
					walls.add(wall)
				}
			}),
			{ numRuns: 200 },
		)
	})

	test('on a day without a clock change, every slot of the windows’ grids that passes the rules is listed', () => {
		fc.assert(
			fc.property(scenario, (s) => {
				const { calendar, busy, from, to, now } = setUp(s)
				const listed = listSlots({ calendar, busy, from, to, now }).map((slot) => slot.start.getTime())
				const { minLeadMinutes, maxLeadMinutes } = calendar.bookingWindow
				const zone = calendar.timeZone
				const last = DateTime.fromJSDate(to, { zone }).toISODate()!
				for (let day = DateTime.fromJSDate(from, { zone }).startOf('day'); day.toISODate()! <= last; day = day.plus({ days: 1 })) {
					const next = day.plus({ days: 1 })
					if (day.offset !== DateTime.fromMillis(next.toMillis() - 1, { zone }).offset) continue
					const expected = new Set<number>()
					for (const w of windowsOn(calendar, day.toISODate()!)) {
						for (let m = minutesOf(w.start); m + calendar.slotMinutes <= minutesOf(w.end); m += calendar.slotMinutes) {
							const start = day.toMillis() + m * MINUTE
							const end = start + calendar.slotMinutes * MINUTE
							const lead = start - now.getTime()
							if (start < from.getTime() || end > to.getTime()) continue
							if (lead < minLeadMinutes * MINUTE || lead > maxLeadMinutes * MINUTE) continue
							if (clearOfBusy(calendar, busy, start, end)) expected.add(start)
						}
					}
					const onDay = listed.filter((t) => t >= day.toMillis() && t < next.toMillis())
					expect(onDay).toEqual([...expected].sort((a, b) => a - b))
				}
			}),
			{ numRuns: 200 },
		)
	})

	test('slotIsBookable agrees with listSlots, and the range only filters', () => {
		fc.assert(
			fc.property(scenario, (s) => {
				const { calendar, busy, from, to, now } = setUp(s)
				const { minLeadMinutes, maxLeadMinutes } = calendar.bookingWindow
				const everything = listSlots({
					calendar,
					busy,
					from: new Date(now.getTime() - DAY),
					to: new Date(now.getTime() + (maxLeadMinutes + calendar.slotMinutes) * MINUTE + DAY),
					now,
				})
				const inRange = everything.filter((slot) => slot.start >= from && slot.end <= to)
				expect(listSlots({ calendar, busy, from, to, now })).toEqual(inRange)

				const byStart = new Map(everything.map((slot) => [slot.start.getTime(), slot]))
				const candidates = [...everything.slice(0, 4), ...everything.slice(-4)].map((slot) => slot.start.getTime())
				candidates.push(...s.probes.map((m) => now.getTime() + m * MINUTE))
				for (const start of candidates) {
					const verdict = slotIsBookable({ calendar, busy, start: new Date(start), now })
					const lead = start - now.getTime()
					if (lead < minLeadMinutes * MINUTE) expect(verdict).toEqual({ ok: false, code: 'too_soon' })
					else if (lead > maxLeadMinutes * MINUTE) expect(verdict).toEqual({ ok: false, code: 'too_far' })
					else if (byStart.has(start)) expect(verdict).toEqual({ ok: true, slot: byStart.get(start) })
					else expect(verdict).toEqual({ ok: false, code: 'slot_unavailable' })
				}
			}),
			{ numRuns: 200 },
		)
	})
})
