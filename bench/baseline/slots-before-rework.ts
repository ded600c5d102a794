/**
 * The slot engine as it was before it was reworked (app/rules/slots.ts as commit c605e5e of
 * 2026-11-23 wrote it), kept unchanged apart from its imports so bench/slots.ts can measure today's
 * engine against it on the same machine in the same run. Not used by the app.
 */
import { IANAZone } from 'luxon'
import type { ErrorCode } from '../../app/utils/errors'
import {
	addDays,
	minutesOfDay,
	weeklyDates,
	weeklyRule,
	type BusyInterval,
	type Calendar,
	type LocalDate,
	type LocalWindow,
	type Slot,
} from '../../app/rules/availability'

const MINUTE = 60_000
// No zone's offset reaches beyond ±14 hours, so a wall time's instants lie within 14 hours of it.
const OFFSET_REACH = 14 * 60 * MINUTE

type Zone = IANAZone

export type SlotQuery = { calendar: Calendar; busy: BusyInterval[]; from: Date; to: Date; now: Date }

/** Bookable slots starting at or after `from` and ending by `to`, sorted by start. */
export function listSlots({ calendar, busy, from, to, now }: SlotQuery): Slot[] {
	const zone = IANAZone.create(calendar.timeZone)
	const slotMs = calendar.slotMinutes * MINUTE
	if (!zone.isValid || !(slotMs > 0)) return []
	const earliest = Math.max(from.getTime(), now.getTime() + calendar.bookingWindow.minLeadMinutes * MINUTE)
	const latest = Math.min(to.getTime() - slotMs, now.getTime() + calendar.bookingWindow.maxLeadMinutes * MINUTE)
	if (!(earliest <= latest)) return []

	const taken = busy.map((interval) => {
		// Two sessions keep the larger of their calendars' buffers between them.
		const gap = Math.max(calendar.bufferMinutes, interval.bufferMinutes ?? 0, 0) * MINUTE
		return { start: interval.start.getTime() - gap, end: interval.end.getTime() + gap }
	})
	const slots = new Map<number, Slot>()
	// A day a side: a local date's windows can reach into the neighbouring UTC dates.
	const first = addDays(localDate(zone, earliest), -1)
	const last = addDays(localDate(zone, latest), 1)
	for (const [date, windows] of windowsByDate(calendar, first, last)) {
		for (const window of windows) {
			for (const start of windowStarts(zone, date, window, slotMs)) {
				if (start < earliest || start > latest || slots.has(start)) continue
				const end = start + slotMs
				if (taken.some((interval) => start < interval.end && interval.start < end)) continue
				slots.set(start, { start: new Date(start), end: new Date(end) })
			}
		}
	}
	return [...slots.values()].sort((a, b) => a.start.getTime() - b.start.getTime())
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

/** The windows of each local date from `first` to `last`: weekly ones plus extras, none when blocked. */
function windowsByDate(calendar: Calendar, first: LocalDate, last: LocalDate): Map<LocalDate, LocalWindow[]> {
	const byDate = new Map<LocalDate, LocalWindow[]>()
	for (let date = first; date <= last; date = addDays(date, 1)) byDate.set(date, [])
	for (const window of calendar.weekly) {
		if (!Number.isInteger(window.weekday) || window.weekday < 1 || window.weekday > 7) continue
		for (const date of weeklyDates(weeklyRule(window).rrule, first, last)) byDate.get(date)?.push(window)
	}
	for (const override of calendar.overrides) {
		if ('windows' in override) byDate.get(override.date)?.push(...override.windows)
	}
	for (const override of calendar.overrides) {
		if ('blocked' in override && override.blocked) byDate.delete(override.date)
	}
	return byDate
}

/**
 * Start instants (epoch ms) of the slots one window offers on one local date: its wall-clock grid,
 * start, start + slot, …, minus wall times that do not exist, each slot slotMinutes of real time
 * and ending by the window's end.
 */
function windowStarts(zone: Zone, date: LocalDate, window: LocalWindow, slotMs: number): number[] {
	const midnight = Date.parse(`${date}T00:00:00Z`)
	const wallStart = midnight + minutesOfDay(window.start) * MINUTE
	const wallEnd = midnight + minutesOfDay(window.end) * MINUTE
	if (!(wallStart < wallEnd)) return []
	const end = instantOf(zone, wallEnd).at
	const starts: number[] = []
	let previousEnd = -Infinity
	for (let wall = wallStart; wall < wallEnd; wall += slotMs) {
		const { at, exists } = instantOf(zone, wall)
		if (!exists || at + slotMs > end) continue
		// Right after the clocks jump forward the next wall time comes sooner than a slot's length.
		if (at < previousEnd) continue
		starts.push(at)
		previousEnd = at + slotMs
	}
	return starts
}

/**
 * The instant a wall time (epoch ms of that wall time read as UTC) names in `zone`: its first
 * occurrence, or, when it does not exist, the moment the clocks jump past it.
 */
function instantOf(zone: Zone, wall: number): { at: number; exists: boolean } {
	// Assumes at most one offset change within 28 hours, true of every zone in the tz database today.
	const before = zone.offset(wall - OFFSET_REACH)
	const after = zone.offset(wall + OFFSET_REACH)
	const occurrences = [before, after].map((offset) => wall - offset * MINUTE).filter((t) => wallTime(zone, t) === wall)
	if (occurrences.length > 0) return { at: Math.min(...occurrences), exists: true }
	return { at: clockJump(zone, wall - after * MINUTE, wall - before * MINUTE), exists: false }
}

/** The first whole minute in (lo, hi] on the new offset; lo is on the old one. Offsets change on whole minutes. */
function clockJump(zone: Zone, lo: number, hi: number): number {
	const offset = zone.offset(hi)
	while (hi - lo > MINUTE) {
		const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE
		if (zone.offset(mid) === offset) hi = mid
		else lo = mid
	}
	return hi
}

function wallTime(zone: Zone, t: number): number {
	return t + zone.offset(t) * MINUTE
}

function localDate(zone: Zone, t: number): LocalDate {
	return new Date(wallTime(zone, t)).toISOString().slice(0, 10)
}
