/**
 * The slot engine: which sessions a mentor's calendar offers over a range. Pure: `now` comes in.
 *
 * "A slot is offered when it lies wholly inside a window, inside the booking window of its type,
 * and overlaps none of the mentor's live sessions plus buffer." How wall-clock windows meet
 * instants, so that "DST is never an excuse":
 *
 * - Windows are wall-clock times on local dates of the calendar's zone. A weekly window is stored
 *   as an RRULE with one BYDAY day; the engine walks the local dates of the range once and takes
 *   each date's windows by its weekday, which is what the rule expands to (the availability tests
 *   hold the two together) without expanding a rule per window per request. The zone's offsets
 *   (read through Luxon once per zone and kept: zone-offsets.ts) turn each wall time into an
 *   instant; no zone enters the dates.
 * - On a date whose offset does not change, a wall time is its midnight's offset away from its
 *   instant: three offset look-ups a day, then arithmetic. Only the few dates around a clock change
 *   convert wall time by wall time.
 * - A window's slots start on its wall-clock grid (start, start + slot, …), so 09:00–12:00 offers
 *   09:00, 10:00 and 11:00 local on both sides of a transition. Each slot lasts slotMinutes of real
 *   time and must end by the instant of the window's end.
 * - A wall time that does not exist (clocks going forward) is skipped, never shifted: on the Berlin
 *   spring-forward night 01:00–04:00 offers 01:00 and 03:00. A window ending inside the gap ends
 *   when the clocks jump. Right after a jump the next wall time can come sooner than a slot's
 *   length (45-minute slots, or Lord Howe's 30-minute jump); a slot that would overlap the one
 *   before it in the same window is dropped, so a window's slots never overlap.
 * - A wall time that exists twice (clocks going back) means its first occurrence, for starts and
 *   ends alike, so it is offered once: on the Berlin fall-back night 01:00–04:00 offers 01:00, 02:00
 *   (summer time) and 03:00, and the hour between the two 02:00s stays free.
 * - We step on the wall-clock grid rather than in elapsed minutes from the window's start: elapsed
 *   stepping agrees whenever the jump is a multiple of the slot length, and otherwise moves every
 *   later slot off the grid (hourly slots at 02:30 and 03:30 on Lord Howe's spring night).
 * - '24:00' as an end is the midnight that closes the day; windows never cross midnight. A window
 *   whose end is not after its start offers nothing.
 * - Both booking-window edges are bookable (exactly now + minLead, exactly now + maxLead).
 * - Busy time is widened by the buffer on both sides; a slot touching it is fine.
 * - Windows may overlap one another; a start instant is offered once.
 * - One query lists at most `limit` slots (the earliest), so no calendar, however it was saved,
 *   makes one request do unbounded work.
 */
import { IANAZone } from 'luxon'
import type { ErrorCode } from '../utils/errors'
import { addDays, minutesOfDay, weekdayOf, type BusyInterval, type Calendar, type LocalDate, type LocalWindow, type Slot } from './availability'
import { zoneOffsets, type ZoneOffsets } from './zone-offsets'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
// No zone's offset reaches beyond ±14 hours, so a wall time's instants lie within 14 hours of it.
const OFFSET_REACH = 14 * 60 * MINUTE

/** The most slots one query lists: more than two weeks of the shortest slots around the clock. */
export const MAX_SLOTS_PER_QUERY = 5000
/** The longest range one slots request may ask for. */
export const MAX_SLOT_RANGE_DAYS = 62

/** A zone as the engine reads it: its offsets, kept per zone across queries (zone-offsets.ts). */
type Zone = ZoneOffsets

export type SlotQuery = { calendar: Calendar; busy: BusyInterval[]; from: Date; to: Date; now: Date; limit?: number }

/** Bookable slots starting at or after `from` and ending by `to`, sorted by start: the first `limit` of them. */
export function listSlots({ calendar, busy, from, to, now, limit = MAX_SLOTS_PER_QUERY }: SlotQuery): Slot[] {
	const ianaZone = IANAZone.create(calendar.timeZone)
	const slotMs = calendar.slotMinutes * MINUTE
	if (!ianaZone.isValid || !(slotMs > 0)) return []
	const earliest = Math.max(from.getTime(), now.getTime() + calendar.bookingWindow.minLeadMinutes * MINUTE)
	const latest = Math.min(to.getTime() - slotMs, now.getTime() + calendar.bookingWindow.maxLeadMinutes * MINUTE)
	if (!(earliest <= latest)) return []

	const zone = zoneOffsets(ianaZone)
	const taken = takenTime(busy, calendar.bufferMinutes, earliest, latest + slotMs)
	const windowsOn = windowsByDate(calendar)
	const starts = new Set<number>()
	// A day a side: a local date's windows can reach into the neighbouring UTC dates.
	const last = addDays(localDate(zone, latest), 1)
	for (let date = addDays(localDate(zone, earliest), -1); date <= last && starts.size < limit; date = addDays(date, 1)) {
		const windows = windowsOn(date)
		if (windows.length === 0) continue
		const clock = dayClock(zone, date)
		const onDate: number[] = []
		for (const window of windows) {
			if (clock?.jump === Infinity) pushSteadyStarts(onDate, date, window, slotMs, clock.before)
			else pushWindowStarts(onDate, date, window, slotMs, clock ? (wall) => instantOn(clock, wall) : (wall) => instantOf(zone, wall))
		}
		// Later dates only start later, so the first `limit` slots are those of the dates walked so far.
		onDate.sort((a, b) => a - b)
		for (const start of onDate) {
			if (start < earliest || start > latest || starts.has(start) || overlapsTaken(taken, start, start + slotMs)) continue
			starts.add(start)
		}
	}
	return [...starts]
		.sort((a, b) => a - b)
		.slice(0, Math.max(0, limit))
		.map((start) => ({ start: new Date(start), end: new Date(start + slotMs) }))
}

export type SlotVerdict =
	| { ok: true; slot: Slot }
	| { ok: false; code: Extract<ErrorCode, 'too_soon' | 'too_far' | 'slot_unavailable'> }

/** Whether `start` is one of the slots `listSlots` offers, and if not, why. */
export function slotIsBookable({ calendar, busy, start, now }: Omit<SlotQuery, 'from' | 'to'> & { start: Date }): SlotVerdict {
	const lead = start.getTime() - now.getTime()
	if (lead < calendar.bookingWindow.minLeadMinutes * MINUTE) return { ok: false, code: 'too_soon' }
	if (lead > calendar.bookingWindow.maxLeadMinutes * MINUTE) return { ok: false, code: 'too_far' }
	const to = new Date(start.getTime() + calendar.slotMinutes * MINUTE)
	const slot = listSlots({ calendar, busy, from: start, to, now }).find((s) => s.start.getTime() === start.getTime())
	return slot ? { ok: true, slot } : { ok: false, code: 'slot_unavailable' }
}

/**
 * The windows of a local date: that weekday's weekly windows plus the date's extra windows, none
 * when the date is blocked, each distinct window once (a window saved twice adds nothing).
 */
function windowsByDate(calendar: Calendar): (date: LocalDate) => LocalWindow[] {
	const weekly = new Map<number, LocalWindow[]>()
	for (const window of calendar.weekly) {
		if (!Number.isInteger(window.weekday) || window.weekday < 1 || window.weekday > 7) continue
		weekly.set(window.weekday, [...(weekly.get(window.weekday) ?? []), window])
	}
	for (const [weekday, windows] of weekly) weekly.set(weekday, distinct(windows))
	const extra = new Map<LocalDate, LocalWindow[]>()
	const blocked = new Set<LocalDate>()
	for (const override of calendar.overrides) {
		if ('blocked' in override && override.blocked) blocked.add(override.date)
		else if ('windows' in override) extra.set(override.date, [...(extra.get(override.date) ?? []), ...override.windows])
	}
	return (date) => {
		if (blocked.has(date)) return []
		const onWeekday = weekly.get(weekdayOf(date)) ?? []
		const onDate = extra.get(date)
		return onDate ? distinct([...onWeekday, ...onDate]) : onWeekday
	}
}

function distinct(windows: LocalWindow[]): LocalWindow[] {
	const seen = new Set<string>()
	return windows.filter((w) => !seen.has(`${w.start}-${w.end}`) && seen.add(`${w.start}-${w.end}`))
}

/**
 * Busy time widened by the buffers, the part that reaches into [from, to) only, sorted by start and
 * merged, so one binary search answers a slot.
 */
function takenTime(busy: BusyInterval[], bufferMinutes: number, from: number, to: number): { start: number; end: number }[] {
	const widened: { start: number; end: number }[] = []
	for (const interval of busy) {
		// Two sessions keep the larger of their calendars' buffers between them.
		const gap = Math.max(bufferMinutes, interval.bufferMinutes ?? 0, 0) * MINUTE
		const start = interval.start.getTime() - gap
		const end = interval.end.getTime() + gap
		if (start < end && end > from && start < to) widened.push({ start, end })
	}
	widened.sort((a, b) => a.start - b.start)
	const merged: { start: number; end: number }[] = []
	for (const interval of widened) {
		const previous = merged.at(-1)
		if (previous && interval.start <= previous.end) previous.end = Math.max(previous.end, interval.end)
		else merged.push({ ...interval })
	}
	return merged
}

/** Whether [start, end) overlaps taken time; touching it is fine. */
function overlapsTaken(taken: { start: number; end: number }[], start: number, end: number): boolean {
	// The first interval ending after `start`: the only one that can overlap, the list being disjoint and sorted.
	let lo = 0
	let hi = taken.length
	while (lo < hi) {
		const mid = (lo + hi) >>> 1
		if (taken[mid]!.end > start) hi = mid
		else lo = mid + 1
	}
	return lo < taken.length && taken[lo]!.start < end
}

/**
 * How wall times of one local date become instants. All instants of its wall times lie from 14
 * hours before its midnight to 14 hours after the next; the zone's offset there is read at three
 * points 26 hours apart, which under instantOf's assumption (at most one change within 28 hours)
 * finds every change: none (one offset all day), one (`jump`, found once by bisection), or, never
 * in today's tz database, two, when the date falls back to instantOf wall time by wall time.
 */
type DayClock = { before: number; after: number; jump: number }

function dayClock(zone: Zone, date: LocalDate): DayClock | null {
	const midnight = Date.parse(`${date}T00:00:00Z`)
	const [early, middle, late] = [midnight - OFFSET_REACH, midnight + DAY / 2, midnight + DAY + OFFSET_REACH]
	const [before, between, after] = [zone.at(early), zone.at(middle), zone.at(late)]
	if (before === between && between === after) return { before, after, jump: Infinity }
	if (before !== between && between !== after) return null
	return { before, after, jump: before !== between ? clockJump(zone, early, middle) : clockJump(zone, middle, late) }
}

/** instantOf on a date whose clock is known: the first occurrence of a wall time, or the jump past it. */
function instantOn(clock: DayClock, wall: number): { at: number; exists: boolean } {
	// On the old offset it happens before the jump; on the new one from the jump on. When both, the old comes first.
	const onBefore = wall - clock.before * MINUTE
	if (onBefore < clock.jump) return { at: onBefore, exists: true }
	const onAfter = wall - clock.after * MINUTE
	if (onAfter >= clock.jump) return { at: onAfter, exists: true }
	return { at: clock.jump, exists: false }
}

/** windowStarts on a date of one offset all day: the window's wall-clock grid, that offset away. */
function pushSteadyStarts(into: number[], date: LocalDate, window: LocalWindow, slotMs: number, offset: number) {
	const midnight = Date.parse(`${date}T00:00:00Z`) - offset * MINUTE
	const end = midnight + minutesOfDay(window.end) * MINUTE
	for (let at = midnight + minutesOfDay(window.start) * MINUTE; at + slotMs <= end; at += slotMs) into.push(at)
}

/**
 * Start instants (epoch ms) of the slots one window offers on one local date: its wall-clock grid,
 * start, start + slot, …, minus wall times that do not exist, each slot slotMinutes of real time
 * and ending by the window's end.
 */
function pushWindowStarts(into: number[], date: LocalDate, window: LocalWindow, slotMs: number, instant: (wall: number) => { at: number; exists: boolean }) {
	const midnight = Date.parse(`${date}T00:00:00Z`)
	const wallStart = midnight + minutesOfDay(window.start) * MINUTE
	const wallEnd = midnight + minutesOfDay(window.end) * MINUTE
	if (!(wallStart < wallEnd)) return
	const end = instant(wallEnd).at
	let previousEnd = -Infinity
	for (let wall = wallStart; wall < wallEnd; wall += slotMs) {
		const { at, exists } = instant(wall)
		if (!exists || at + slotMs > end) continue
		// Right after the clocks jump forward the next wall time comes sooner than a slot's length.
		if (at < previousEnd) continue
		into.push(at)
		previousEnd = at + slotMs
	}
}

/**
 * The instant a wall time (epoch ms of that wall time read as UTC) names in `zone`: its first
 * occurrence, or, when it does not exist, the moment the clocks jump past it.
 */
function instantOf(zone: Zone, wall: number): { at: number; exists: boolean } {
	// Assumes at most one offset change within 28 hours, true of every zone in the tz database today.
	const before = zone.at(wall - OFFSET_REACH)
	const after = zone.at(wall + OFFSET_REACH)
	const occurrences = [before, after].map((offset) => wall - offset * MINUTE).filter((t) => wallTime(zone, t) === wall)
	if (occurrences.length > 0) return { at: Math.min(...occurrences), exists: true }
	return { at: clockJump(zone, wall - after * MINUTE, wall - before * MINUTE), exists: false }
}

/** The instant in (lo, hi] from which the zone is on hi's offset; lo is on another one. */
function clockJump(zone: Zone, lo: number, hi: number): number {
	return zone.lastChangeIn(lo, hi) ?? hi
}

function wallTime(zone: Zone, t: number): number {
	return t + zone.at(t) * MINUTE
}

function localDate(zone: Zone, t: number): LocalDate {
	return new Date(wallTime(zone, t)).toISOString().slice(0, 10)
}
