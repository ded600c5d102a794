import { and, asc, count, eq, gt, inArray, lt, sql } from 'drizzle-orm'
import { getDb, type Executor, type Transaction } from '../../db/client'
import { availabilityCalendars, bundles, relationships, sessions, users, type SessionType } from '../../db/schema'
import * as rules from '../rules/booking-rules'
import { DomainError } from '../utils/errors'
import { fieldErrors } from '../utils/validation'
import { publishBookingEvent } from './booking-events.server'
import { ensure, type Session } from './session-lifecycle.server'

/**
 * Booking: a mentee takes a slot (an intro invitation, or a paid session paid with a credit). The
 * database refuses overlaps; the per-mentor and per-month locks below make buffers and the intro
 * quota exact under concurrent requests.
 */

// Review, cancellation and confirmation live beside booking; callers find every booking change here.
export * from './session-lifecycle.server'

const MINUTE = 60_000
/** The largest buffer a calendar allows (its CHECK): sessions further away can never clash. */
const MAX_BUFFER_MINUTES = 120

export type SlotCheck = { tx: Transaction; mentorId: string; type: SessionType; start: Date; end: Date; now: Date }
/**
 * Whether `start` is a slot the mentor's calendar offers (weekly windows, overrides). The slot
 * engine answers it; the caller passes it in, so this service owns only the booking rules.
 */
export type IsBookableSlot = (check: SlotCheck) => boolean | Promise<boolean>

const slotTaken = () => new DomainError('slot_unavailable', 'That time is no longer available. Choose another slot.')

/** The exclusion constraints are the last word on overlap, whatever raced past the checks in code. */
function overlapError(error: unknown): unknown {
	const e = error as { code?: string; constraint_name?: string; cause?: unknown }
	if (e?.code === '23P01') {
		return e.constraint_name === 'sessions_no_mentee_overlap'
			? new DomainError('slot_unavailable', 'You already have a session at that time.')
			: slotTaken()
	}
	return e?.cause !== undefined ? overlapError(e.cause) : error
}

/** Bookings with one mentor are made one at a time, so the buffer check below sees every live session. */
async function lockMentorCalendar(tx: Transaction, mentorId: string) {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext('mentor-calendar'), hashtext(${mentorId}))`)
}

/** Intros counting against one mentee's month are counted one booking at a time, so three means three. */
async function lockIntroQuota(tx: Transaction, menteeId: string, month: string) {
	await tx.execute(sql`select pg_advisory_xact_lock(hashtext('intro-quota'), hashtext(${`${menteeId}:${month}`}))`)
}

async function loadParties(tx: Transaction, menteeId: string, mentorId: string) {
	const rows = await tx
		.select({ id: users.id, timeZone: users.timeZone, isMentor: users.isMentor, isMentee: users.isMentee, emailVerifiedAt: users.emailVerifiedAt })
		.from(users)
		.where(inArray(users.id, [menteeId, mentorId]))
	const mentee = rows.find((u) => u.id === menteeId)
	const mentor = rows.find((u) => u.id === mentorId)
	if (!mentee || !mentor?.isMentor) throw new DomainError('not_found', 'That mentor does not exist.')
	if (menteeId === mentorId) throw new DomainError('not_allowed', 'You cannot book a session with yourself.')
	ensure(rules.checkBooker(mentee))
	return { mentee, mentor }
}

type CalendarSettings = rules.LeadWindow & { bufferMinutes: number }

/** Both calendars' settings; a mentor who never saved one gets the rulebook's defaults. */
async function calendarSettings(tx: Transaction, mentorId: string): Promise<Record<SessionType, CalendarSettings>> {
	const rows = await tx.select().from(availabilityCalendars).where(eq(availabilityCalendars.mentorId, mentorId))
	const paid = rows.find((c) => c.type === 'paid')
	return {
		intro: { ...rules.INTRO_WINDOW, bufferMinutes: rows.find((c) => c.type === 'intro')?.bufferMinutes ?? 0 },
		paid: {
			minLeadMinutes: paid?.minLeadMinutes ?? rules.PAID_DEFAULT_MIN_LEAD_MINUTES,
			maxLeadMinutes: paid?.maxLeadMinutes ?? rules.PAID_DEFAULT_MAX_LEAD_MINUTES,
			bufferMinutes: paid?.bufferMinutes ?? 0,
		},
	}
}

/** Call with the mentor's calendar locked: the time must be offered and clear of live sessions plus buffers. */
async function ensureSlotFree(
	tx: Transaction,
	slot: Omit<SlotCheck, 'tx'>,
	settings: Record<SessionType, CalendarSettings>,
	isBookableSlot?: IsBookableSlot,
) {
	if (isBookableSlot && !(await isBookableSlot({ tx, ...slot }))) throw slotTaken()
	const reach = MAX_BUFFER_MINUTES * MINUTE
	const nearby = await tx
		.select({ start: sessions.startsAt, end: sessions.endsAt, type: sessions.type })
		.from(sessions)
		.where(
			and(
				eq(sessions.mentorId, slot.mentorId),
				inArray(sessions.status, rules.LIVE_STATUSES),
				lt(sessions.startsAt, new Date(slot.end.getTime() + reach)),
				gt(sessions.endsAt, new Date(slot.start.getTime() - reach)),
			),
		)
	const candidate = { start: slot.start, end: slot.end, bufferMinutes: settings[slot.type].bufferMinutes }
	ensure(rules.checkClearOfSessions(candidate, nearby.map((s) => ({ ...s, bufferMinutes: settings[s.type].bufferMinutes }))))
}

async function insertSession(tx: Transaction, values: typeof sessions.$inferInsert): Promise<Session> {
	const [created] = await tx
		.insert(sessions)
		.values(values)
		.returning()
		.catch((error: unknown) => {
			throw overlapError(error)
		})
	if (!created) throw new Error('insert returned no session')
	return created
}

/** The bundles and relationships a mentee already has with a mentor (checkNotAlreadyRelated). */
export async function findTies(db: Executor, menteeId: string, mentorId: string): Promise<rules.ExistingTies> {
	const [[bundleCount], [relationshipCount]] = await Promise.all([
		db
			.select({ n: count() })
			.from(bundles)
			.where(and(eq(bundles.menteeId, menteeId), eq(bundles.mentorId, mentorId), eq(bundles.status, 'active'))),
		db
			.select({ n: count() })
			.from(relationships)
			.where(and(eq(relationships.menteeId, menteeId), eq(relationships.mentorId, mentorId), inArray(relationships.status, ['pending', 'confirmed']))),
	])
	return { activeBundles: bundleCount?.n ?? 0, liveRelationships: relationshipCount?.n ?? 0 }
}

export type BookIntroInput = {
	menteeId: string
	mentorId: string
	start: Date
	introForm: unknown
	now: Date
	isBookableSlot?: IsBookableSlot
}

/** A mentee asks a mentor for a free 20-minute intro: a pending invitation the mentor reviews. */
export async function bookIntro(input: BookIntroInput): Promise<Session> {
	const form = rules.IntroFormSchema.safeParse(input.introForm)
	if (!form.success) throw new DomainError('validation_failed', 'Some fields of the intro form are missing or invalid.', fieldErrors(form.error))
	ensure(rules.checkIntroWindow(input.start, input.now))
	const end = new Date(input.start.getTime() + rules.INTRO_MINUTES * MINUTE)

	return getDb().transaction(async (tx) => {
		const { mentee } = await loadParties(tx, input.menteeId, input.mentorId)
		const month = rules.quotaMonth(input.start, mentee.timeZone)
		// Quota lock first, calendar lock second, always in this order, so two bookings never wait on each other in a circle.
		await lockIntroQuota(tx, input.menteeId, month)
		const [quota] = await tx
			.select({ n: count() })
			.from(sessions)
			.where(
				and(
					eq(sessions.menteeId, input.menteeId),
					eq(sessions.type, 'intro'),
					eq(sessions.quotaMonth, month),
					inArray(sessions.status, rules.QUOTA_STATUSES),
				),
			)
		ensure(rules.checkIntroQuota(quota?.n ?? 0))

		await lockMentorCalendar(tx, input.mentorId)
		const [inProgress] = await tx
			.select({ n: count() })
			.from(sessions)
			.where(
				and(
					eq(sessions.menteeId, input.menteeId),
					eq(sessions.mentorId, input.mentorId),
					eq(sessions.type, 'intro'),
					inArray(sessions.status, rules.LIVE_STATUSES),
				),
			)
		ensure(rules.checkNoIntroInProgress(inProgress?.n ?? 0))
		ensure(rules.checkNotAlreadyRelated(await findTies(tx, input.menteeId, input.mentorId)))
		const settings = await calendarSettings(tx, input.mentorId)
		await ensureSlotFree(tx, { mentorId: input.mentorId, type: 'intro', start: input.start, end, now: input.now }, settings, input.isBookableSlot)

		const session = await insertSession(tx, {
			mentorId: input.mentorId,
			menteeId: input.menteeId,
			type: 'intro',
			status: 'pending',
			startsAt: input.start,
			endsAt: end,
			introForm: form.data,
			quotaMonth: month,
			createdAt: input.now,
			updatedAt: input.now,
		})
		await publishBookingEvent(tx, { type: 'invitation_received', sessionId: session.id })
		return session
	})
}

export type BookPaidInput = {
	menteeId: string
	mentorId: string
	/** Without one, the oldest active bundle with that mentor that still has a credit pays. */
	bundleId?: string
	start: Date
	now: Date
	isBookableSlot?: IsBookableSlot
}

/** A mentee books a paid session directly (no review), reserving one credit of an active bundle. */
export async function bookPaid(input: BookPaidInput): Promise<Session> {
	return getDb().transaction(async (tx) => {
		const { mentee } = await loadParties(tx, input.menteeId, input.mentorId)
		const settings = await calendarSettings(tx, input.mentorId)
		ensure(rules.checkBookingWindow(input.start, input.now, settings.paid, 'Paid sessions'))
		await lockMentorCalendar(tx, input.mentorId)

		const bundle = await reserveCredit(tx, input)
		const end = new Date(input.start.getTime() + bundle.sessionMinutes * MINUTE)
		await ensureSlotFree(tx, { mentorId: input.mentorId, type: 'paid', start: input.start, end, now: input.now }, settings, input.isBookableSlot)

		const session = await insertSession(tx, {
			mentorId: input.mentorId,
			menteeId: input.menteeId,
			type: 'paid',
			status: 'scheduled',
			startsAt: input.start,
			endsAt: end,
			bundleId: bundle.id,
			quotaMonth: rules.quotaMonth(input.start, mentee.timeZone),
			createdAt: input.now,
			updatedAt: input.now,
		})
		await publishBookingEvent(tx, { type: 'session_booked', sessionId: session.id })
		return session
	})
}

/** One atomic update: the credit is reserved only if the bundle still has one, whatever runs beside it. */
async function reserveCredit(tx: Transaction, input: { menteeId: string; mentorId: string; bundleId?: string; now: Date }) {
	const usable = and(
		eq(bundles.menteeId, input.menteeId),
		eq(bundles.mentorId, input.mentorId),
		eq(bundles.status, 'active'),
		sql`${bundles.creditsReserved} + ${bundles.creditsConsumed} + ${bundles.creditsRefunded} < ${bundles.creditsTotal}`,
	)
	let bundleId = input.bundleId
	if (!bundleId) {
		const [oldest] = await tx.select({ id: bundles.id }).from(bundles).where(usable).orderBy(asc(bundles.createdAt)).limit(1)
		bundleId = oldest?.id
	}
	const [reserved] = bundleId
		? await tx
				.update(bundles)
				.set({ creditsReserved: sql`${bundles.creditsReserved} + 1`, updatedAt: input.now })
				.where(and(eq(bundles.id, bundleId), usable))
				.returning({ id: bundles.id, sessionMinutes: bundles.sessionMinutes })
		: []
	if (!reserved) throw new DomainError('no_credit', 'You have no unused session left with this mentor. Buy a bundle to book more sessions.')
	return reserved
}
