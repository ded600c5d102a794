import { and, eq, gt, inArray, lt } from 'drizzle-orm'
import { getDb, type Executor } from '../../db/client'
import {
	availabilityCalendars,
	availabilityOverrides,
	availabilityWindows,
	mentorProfiles,
	sessions,
	users,
	type SessionType,
} from '../../db/schema'
import {
	weeklyRule,
	weeklyWindowsFromRule,
	type BusyInterval,
	type Calendar,
	type DateOverride,
	type Slot,
	type WeeklyWindow,
} from '../rules/availability'
import * as rules from '../rules/booking-rules'
import { listSlots, MAX_SLOTS_PER_QUERY, slotIsBookable } from '../rules/slots'
import { DomainError } from '../utils/errors'
import { tellMenteesOfNewDefault } from './meeting-locations.server'
import { keptForMentor } from './mentor-schedule-cache.server'
import { bookIntro, bookPaid, type BookIntroInput, type BookPaidInput, type IsBookableSlot } from './booking.server'

/**
 * A mentor's two availability calendars: reading and saving them, and the slots they offer once
 * the mentor's live sessions are taken out. The slot engine (app/rules/slots.ts) does the maths.
 */

const MINUTE = 60_000
/** The largest buffer a calendar allows (its CHECK): sessions further away never touch a slot. */
const MAX_BUFFER_MINUTES = 120
export const PAID_DEFAULT_SLOT_MINUTES = 60

/**
 * A calendar as the API and the pages see it: the slot engine's Calendar plus which one it is and
 * where its sessions happen by default (the mentor's own pages only: never on the public profile).
 */
export type MentorCalendar = Calendar & { type: SessionType; meetingLocation: string | null }

/** What a mentor may change; the intro calendar's slot length and booking window are the rulebook's. */
export type CalendarInput = {
	timeZone: string
	weekly: WeeklyWindow[]
	overrides: DateOverride[]
	bufferMinutes: number
	slotMinutes?: number
	bookingWindow?: rules.LeadWindow
	/** Left out, the saved default stays; null clears it. */
	meetingLocation?: string | null
}

function defaultCalendar(type: SessionType, timeZone: string): MentorCalendar {
	return {
		type,
		timeZone,
		weekly: [],
		overrides: [],
		bufferMinutes: 0,
		meetingLocation: null,
		slotMinutes: type === 'intro' ? rules.INTRO_MINUTES : PAID_DEFAULT_SLOT_MINUTES,
		bookingWindow:
			type === 'intro'
				? { ...rules.INTRO_WINDOW }
				: { minLeadMinutes: rules.PAID_DEFAULT_MIN_LEAD_MINUTES, maxLeadMinutes: rules.PAID_DEFAULT_MAX_LEAD_MINUTES },
	}
}

// Postgres answers a `time` as 'HH:mm:ss'; the calendar speaks 'HH:mm' ('24:00:00' stays '24:00').
const hhmm = (time: string) => time.slice(0, 5)

async function loadCalendar(db: Executor, mentorId: string, type: SessionType): Promise<MentorCalendar> {
	const [mentor] = await db.select({ timeZone: users.timeZone, isMentor: users.isMentor }).from(users).where(eq(users.id, mentorId))
	if (!mentor?.isMentor) throw new DomainError('not_found', 'That mentor does not exist.')
	const [row] = await db
		.select()
		.from(availabilityCalendars)
		.where(and(eq(availabilityCalendars.mentorId, mentorId), eq(availabilityCalendars.type, type)))
	if (!row) return defaultCalendar(type, mentor.timeZone)

	const windows = await db.select().from(availabilityWindows).where(eq(availabilityWindows.calendarId, row.id))
	const overrideRows = await db.select().from(availabilityOverrides).where(eq(availabilityOverrides.calendarId, row.id))
	const weekly = windows
		.flatMap((w) => weeklyWindowsFromRule({ rrule: w.rrule, start: hhmm(w.startTime), end: hhmm(w.endTime) }))
		.sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))
	return {
		type,
		timeZone: row.timeZone,
		weekly,
		overrides: groupOverrides(overrideRows),
		bufferMinutes: row.bufferMinutes,
		slotMinutes: row.slotMinutes,
		bookingWindow: { minLeadMinutes: row.minLeadMinutes, maxLeadMinutes: row.maxLeadMinutes },
		meetingLocation: row.meetingLocation,
	}
}

/** One row per extra window in the database; one entry per date (and per blocked date) for people. */
function groupOverrides(rows: (typeof availabilityOverrides.$inferSelect)[]): DateOverride[] {
	const blocked = rows.filter((r) => r.blocked).map((r): DateOverride => ({ date: r.date, blocked: true }))
	const extra = new Map<string, { start: string; end: string }[]>()
	for (const r of rows) {
		if (r.blocked || !r.startTime || !r.endTime) continue
		const list = extra.get(r.date) ?? []
		list.push({ start: hhmm(r.startTime), end: hhmm(r.endTime) })
		extra.set(r.date, list)
	}
	const withWindows = [...extra].map(([date, windows]): DateOverride => ({ date, windows: windows.sort((a, b) => a.start.localeCompare(b.start)) }))
	return [...blocked, ...withWindows].sort((a, b) => a.date.localeCompare(b.date) || ('blocked' in a ? -1 : 1))
}

/** The calendar of one type; a mentor who never saved it gets the defaults in their own time zone. */
export function getCalendar(mentorId: string, type: SessionType): Promise<MentorCalendar> {
	return keptForMentor(`calendar:${mentorId}:${type}`, async () => ({ mentorId, value: await loadCalendar(getDb(), mentorId, type) }))
}

/**
 * Replaces the whole calendar (settings, weekly windows, overrides, and the default location when
 * given) in one transaction; a new default is emailed to the mentees whose sessions follow it.
 */
export async function saveCalendar(mentorId: string, type: SessionType, input: CalendarInput, now: Date): Promise<MentorCalendar> {
	const fixed = type === 'intro' ? defaultCalendar('intro', input.timeZone) : null
	const settings = {
		timeZone: input.timeZone,
		bufferMinutes: input.bufferMinutes,
		slotMinutes: fixed?.slotMinutes ?? input.slotMinutes ?? PAID_DEFAULT_SLOT_MINUTES,
		minLeadMinutes: (fixed?.bookingWindow ?? input.bookingWindow)?.minLeadMinutes ?? rules.PAID_DEFAULT_MIN_LEAD_MINUTES,
		maxLeadMinutes: (fixed?.bookingWindow ?? input.bookingWindow)?.maxLeadMinutes ?? rules.PAID_DEFAULT_MAX_LEAD_MINUTES,
		...(input.meetingLocation !== undefined ? { meetingLocation: input.meetingLocation } : {}),
		updatedAt: now,
	}
	return getDb().transaction(async (tx) => {
		// Locked, so two saves at once each compare the default with the one saved before them.
		const [previous] = await tx
			.select({ meetingLocation: availabilityCalendars.meetingLocation })
			.from(availabilityCalendars)
			.where(and(eq(availabilityCalendars.mentorId, mentorId), eq(availabilityCalendars.type, type)))
			.for('update')
		const [calendar] = await tx
			.insert(availabilityCalendars)
			.values({ mentorId, type, ...settings })
			// The upsert locks the row, so two saves of one calendar replace it one after the other.
			.onConflictDoUpdate({ target: [availabilityCalendars.mentorId, availabilityCalendars.type], set: settings })
			.returning({ id: availabilityCalendars.id })
		if (!calendar) throw new Error('calendar upsert returned no row')
		await tx.delete(availabilityWindows).where(eq(availabilityWindows.calendarId, calendar.id))
		await tx.delete(availabilityOverrides).where(eq(availabilityOverrides.calendarId, calendar.id))
		if (input.weekly.length > 0) {
			await tx.insert(availabilityWindows).values(
				input.weekly.map((w) => {
					const stored = weeklyRule(w)
					// The column holds the rule's body ('FREQ=WEEKLY;…'), as its CHECK expects.
					return { calendarId: calendar.id, weekday: w.weekday, rrule: stored.rrule.replace(/^RRULE:/, ''), startTime: stored.start, endTime: stored.end }
				}),
			)
		}
		const overrideRows = input.overrides.flatMap((o): (typeof availabilityOverrides.$inferInsert)[] =>
			'blocked' in o
				? [{ calendarId: calendar.id, date: o.date, blocked: true, startTime: null, endTime: null }]
				: o.windows.map((w) => ({ calendarId: calendar.id, date: o.date, blocked: false, startTime: w.start, endTime: w.end })),
		)
		if (overrideRows.length > 0) await tx.insert(availabilityOverrides).values(overrideRows)
		const saved = await loadCalendar(tx, mentorId, type)
		await tellMenteesOfNewDefault(tx, { mentorId, type, before: previous?.meetingLocation ?? null, after: saved.meetingLocation, now })
		return saved
	})
}

/** The mentor behind a public profile slug. */
export function findMentorBySlug(slug: string): Promise<{ id: string; name: string; slug: string }> {
	return keptForMentor(`slug:${slug}`, async () => {
		const [mentor] = await getDb()
			.select({ id: users.id, name: users.name, slug: mentorProfiles.slug })
			.from(mentorProfiles)
			.innerJoin(users, eq(users.id, mentorProfiles.userId))
			.where(and(eq(mentorProfiles.slug, slug), eq(users.isMentor, true)))
		if (!mentor) throw new DomainError('not_found', 'That mentor does not exist.')
		return { mentorId: mentor.id, value: mentor }
	})
}

/**
 * The mentor's live sessions near [from, to), from both calendars, each widened by the buffer of
 * the calendar it was booked in: "booking anything removes the time from both calendars at once".
 */
async function busyIntervals(db: Executor, mentorId: string, from: Date, to: Date): Promise<BusyInterval[]> {
	const reach = MAX_BUFFER_MINUTES * MINUTE
	const buffers = await db
		.select({ type: availabilityCalendars.type, bufferMinutes: availabilityCalendars.bufferMinutes })
		.from(availabilityCalendars)
		.where(eq(availabilityCalendars.mentorId, mentorId))
	const live = await db
		.select({ start: sessions.startsAt, end: sessions.endsAt, type: sessions.type })
		.from(sessions)
		.where(
			and(
				eq(sessions.mentorId, mentorId),
				inArray(sessions.status, rules.LIVE_STATUSES),
				lt(sessions.startsAt, new Date(to.getTime() + reach)),
				gt(sessions.endsAt, new Date(from.getTime() - reach)),
			),
		)
	return live.map((s) => ({ start: s.start, end: s.end, bufferMinutes: buffers.find((b) => b.type === s.type)?.bufferMinutes ?? 0 }))
}

/** Busy time is read for this much ahead at once and kept, so the next visits' ranges fall inside it. */
const BUSY_READ_AHEAD_MS = 63 * 24 * 60 * MINUTE

/**
 * busyIntervals over at least [from, to), read from `now` (no slot starts earlier, whatever its
 * calendar's lead) for BUSY_READ_AHEAD_MS and kept: both calendars' visits then share one read.
 */
async function keptBusyIntervals(mentorId: string, now: number, from: number, to: number): Promise<BusyInterval[]> {
	const kept = await keptForMentor(
		`busy:${mentorId}`,
		async () => {
			const since = Math.min(now, from)
			const until = Math.max(to, since + BUSY_READ_AHEAD_MS)
			return { mentorId, value: { from: since, to: until, intervals: await busyIntervals(getDb(), mentorId, new Date(since), new Date(until)) } }
		},
		(read) => read.from <= from && to <= read.to,
	)
	return kept.intervals
}

/** slotMinutes: a paid session lasts its bundle's length, so its slots are read with that length (as isBookableSlot does). */
export type SlotsQuery = { mentorSlug: string; type: SessionType; from: Date; to: Date; now: Date; slotMinutes?: number }

/**
 * The slots a mentor's calendar offers a mentee over [from, to): at most MAX_SLOTS_PER_QUERY, the
 * earliest, and whether more were left out.
 */
export async function listMentorSlots(query: SlotsQuery): Promise<{ mentor: { id: string; slug: string }; slots: Slot[]; truncated: boolean }> {
	const mentor = await findMentorBySlug(query.mentorSlug)
	const stored = await getCalendar(mentor.id, query.type)
	const calendar = query.slotMinutes ? { ...stored, slotMinutes: query.slotMinutes } : stored
	// Only the booking window can hold a slot: narrowed to it, a range far in the past or future asks
	// the database nothing (and never names an instant it cannot hold).
	const { minLeadMinutes, maxLeadMinutes } = calendar.bookingWindow
	const from = Math.max(query.from.getTime(), query.now.getTime() + minLeadMinutes * MINUTE)
	const to = Math.min(query.to.getTime(), query.now.getTime() + (maxLeadMinutes + calendar.slotMinutes) * MINUTE)
	if (!(from < to)) return { mentor, slots: [], truncated: false }
	const busy = await keptBusyIntervals(mentor.id, query.now.getTime(), from, to)
	const slots = listSlots({ calendar, busy, from: query.from, to: query.to, now: query.now, limit: MAX_SLOTS_PER_QUERY + 1 })
	return { mentor, slots: slots.slice(0, MAX_SLOTS_PER_QUERY), truncated: slots.length > MAX_SLOTS_PER_QUERY }
}

/**
 * The booking service's slot hook: the start must be one the calendar offers, read inside the
 * booking transaction. Live sessions and buffers are left out here on purpose: the booking service
 * checks them itself with the mentor's calendar locked, and answers with the sharper message.
 * A paid session lasts its bundle's length, so the calendar is read with that slot length.
 */
export const isBookableSlot: IsBookableSlot = async ({ tx, mentorId, type, start, end, now }) => {
	const calendar = await loadCalendar(tx, mentorId, type)
	const slotMinutes = Math.round((end.getTime() - start.getTime()) / MINUTE)
	return slotIsBookable({ calendar: { ...calendar, slotMinutes }, busy: [], start, now }).ok
}

/** bookIntro, held to the mentor's intro calendar. */
export function bookIntroAtSlot(input: Omit<BookIntroInput, 'isBookableSlot'>) {
	return bookIntro({ ...input, isBookableSlot })
}

/** bookPaid, held to the mentor's paid calendar. */
export function bookPaidAtSlot(input: Omit<BookPaidInput, 'isBookableSlot'>) {
	return bookPaid({ ...input, isBookableSlot })
}
