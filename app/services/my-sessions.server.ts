import { aliasedTable, and, asc, count, desc, eq, gt, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { bundles, mentorProfiles, payouts, sessionFeedback, sessions, users, type IntroDecision, type IntroForm, type SessionStatus, type SessionType } from '../../db/schema'
import * as rules from '../rules/booking-rules'
import { disputeStateOf, type DisputeState } from '../rules/disputes'
import { effectiveMeetingLocation, meetingLocationSource, visibleMeetingLocation } from '../rules/meeting-location'
import { availableCredits } from '../rules/money'
import { calendarMeetingLocation } from './meeting-locations.server'

/**
 * What "My sessions" and the availability week view read: a person's sessions on one side, with
 * the names, the intro form, reasons and, for paid sessions, the bundle they spend. Read-only;
 * every change goes through the booking service.
 */

const HOUR = 60 * 60_000
export const UPCOMING_HOURS = 72
export const SESSIONS_PAGE_SIZE = 20

export type SessionItem = {
	id: string
	type: SessionType
	/** What the session is now: a scheduled session that ended awaits confirmation, an invitation past its start expired, even before the jobs ran. */
	status: SessionStatus
	start: string
	end: string
	mentor: { id: string; name: string; slug: string | null }
	mentee: { id: string; name: string }
	introForm: IntroForm | null
	rejectionReason: string | null
	cancellationReason: string | null
	cancelledBy: 'mentor' | 'mentee' | 'admin' | null
	introDecision: IntroDecision | null
	agenda: string | null
	/** Where it happens: its own location, else its calendar's default; null when none, or not the mentee's to see yet. */
	meetingLocation: string | null
	/** Whether the session overrides its calendar's default (the mentor's forms say so). */
	meetingLocationSource: 'session' | 'calendar' | null
	bundle: { id: string; sessionMinutes: number; creditsTotal: number; creditsReserved: number; creditsConsumed: number; creditsRefunded: number; available: number } | null
	/** Whether either side may still cancel it, and why not when it is too late. */
	cancellation: rules.Cancellation | null
	/** A "mentee did not show" the mentee may still dispute, has disputed, or an admin has decided. */
	dispute: DisputeState
	/** The viewer's own rating of it, once given (nobody sees the other side's). */
	myFeedback: { rating: number; comment: string | null } | null
}

const mentors = aliasedTable(users, 'mentor')
const mentees = aliasedTable(users, 'mentee')

export function displayStatus(session: { status: SessionStatus; startsAt: Date; endsAt: Date }, now: Date): SessionStatus {
	if (session.status === 'pending' && session.startsAt.getTime() <= now.getTime()) return 'expired'
	return rules.effectiveStatus(session, now)
}

/** The SQL twin of displayStatus: sessions that are `status` now, whether or not the jobs have run. */
export function statusIs(status: SessionStatus, now: Date): SQL {
	switch (status) {
		case 'scheduled':
			return and(eq(sessions.status, 'scheduled'), gt(sessions.endsAt, now)) as SQL
		case 'awaiting_confirmation':
			return or(eq(sessions.status, 'awaiting_confirmation'), and(eq(sessions.status, 'scheduled'), lte(sessions.endsAt, now))) as SQL
		case 'pending':
			return and(eq(sessions.status, 'pending'), gt(sessions.startsAt, now)) as SQL
		case 'expired':
			return or(eq(sessions.status, 'expired'), and(eq(sessions.status, 'pending'), lte(sessions.startsAt, now))) as SQL
		default:
			return eq(sessions.status, status)
	}
}

type LoadOptions = {
	order?: 'asc' | 'desc'
	limit?: number
	offset?: number
	/** Whose page it is: their own ratings come along. */
	viewerId?: string
}

export async function loadItems(where: SQL | undefined, now: Date, options: LoadOptions = {}): Promise<SessionItem[]> {
	const direction = options.order === 'desc' ? desc : asc
	const viewerId = options.viewerId ?? null
	let query = getDb()
		.select({
			session: sessions,
			mentor: { id: mentors.id, name: mentors.name, slug: mentorProfiles.slug },
			mentee: { id: mentees.id, name: mentees.name },
			calendarLocation: calendarMeetingLocation,
			bundle: {
				id: bundles.id,
				sessionMinutes: bundles.sessionMinutes,
				creditsTotal: bundles.creditsTotal,
				creditsReserved: bundles.creditsReserved,
				creditsConsumed: bundles.creditsConsumed,
				creditsRefunded: bundles.creditsRefunded,
			},
			payout: { status: payouts.status, disputableUntil: payouts.disputableUntil },
			feedback: { rating: sessionFeedback.rating, comment: sessionFeedback.comment },
		})
		.from(sessions)
		.innerJoin(mentors, eq(mentors.id, sessions.mentorId))
		.innerJoin(mentees, eq(mentees.id, sessions.menteeId))
		.leftJoin(mentorProfiles, eq(mentorProfiles.userId, sessions.mentorId))
		.leftJoin(bundles, eq(bundles.id, sessions.bundleId))
		.leftJoin(payouts, eq(payouts.sessionId, sessions.id))
		.leftJoin(sessionFeedback, and(eq(sessionFeedback.sessionId, sessions.id), viewerId ? eq(sessionFeedback.raterId, viewerId) : sql`false`))
		.where(where)
		.orderBy(direction(sessions.startsAt), direction(sessions.id))
		.$dynamic()
	if (options.limit !== undefined) query = query.limit(options.limit)
	if (options.offset) query = query.offset(options.offset)
	const rows = await query
	return rows.map(({ session: s, mentor, mentee, bundle, payout, calendarLocation, feedback }) => ({
		id: s.id,
		type: s.type,
		status: displayStatus(s, now),
		cancellation: rules.cancellationFor({ status: displayStatus(s, now), startsAt: s.startsAt }, now),
		start: s.startsAt.toISOString(),
		end: s.endsAt.toISOString(),
		mentor,
		mentee,
		introForm: s.introForm,
		rejectionReason: s.rejectionReason,
		cancellationReason: s.cancellationReason,
		cancelledBy: s.cancelledBy === null ? null : s.cancelledBy === s.mentorId ? 'mentor' : s.cancelledBy === s.menteeId ? 'mentee' : 'admin',
		introDecision: s.introDecision,
		agenda: s.agenda,
		meetingLocation: effectiveMeetingLocation(s.meetingLocation, calendarLocation),
		meetingLocationSource: meetingLocationSource(s.meetingLocation, calendarLocation),
		bundle: bundle?.id ? { ...bundle, available: availableCredits(bundle) } : null,
		dispute: disputeStateOf(s, payout?.status ? payout : null, now),
		myFeedback: feedback?.rating ? feedback : null,
	}))
}

/** Scheduled sessions of the mentor that have not ended and start within the next 72 hours. */
export function listMentorUpcoming(mentorId: string, now: Date): Promise<SessionItem[]> {
	return loadItems(
		and(eq(sessions.mentorId, mentorId), statusIs('scheduled', now), lt(sessions.startsAt, new Date(now.getTime() + UPCOMING_HOURS * HOUR))),
		now,
		{ viewerId: mentorId },
	)
}

/** Intro invitations the mentor can still accept or reject, soonest first. */
export function listMentorInvitations(mentorId: string, now: Date): Promise<SessionItem[]> {
	return loadItems(and(eq(sessions.mentorId, mentorId), statusIs('pending', now)), now, { viewerId: mentorId })
}

/** Sessions that ended and wait for the mentor's outcome, oldest first. */
export function listMentorAwaitingConfirmation(mentorId: string, now: Date): Promise<SessionItem[]> {
	return loadItems(and(eq(sessions.mentorId, mentorId), statusIs('awaiting_confirmation', now)), now, { viewerId: mentorId })
}

/** How many invitations and confirmations wait for the mentor: the numbers on their tabs. */
export async function countMentorTodos(mentorId: string, now: Date): Promise<{ invitations: number; confirm: number }> {
	const db = getDb()
	const [[invitations], [confirm]] = await Promise.all([
		db.select({ n: count() }).from(sessions).where(and(eq(sessions.mentorId, mentorId), statusIs('pending', now))),
		db.select({ n: count() }).from(sessions).where(and(eq(sessions.mentorId, mentorId), statusIs('awaiting_confirmation', now))),
	])
	return { invitations: invitations?.n ?? 0, confirm: confirm?.n ?? 0 }
}

export type SessionFilters = {
	sort: 'newest' | 'oldest'
	type?: SessionType
	menteeId?: string
	status?: SessionStatus
	page: number
}

/** The mentor's full history, filtered and paginated; also the mentees to filter by. */
export async function listMentorSessions(mentorId: string, filters: SessionFilters, now: Date) {
	const conditions: SQL[] = [eq(sessions.mentorId, mentorId)]
	if (filters.type) conditions.push(eq(sessions.type, filters.type))
	if (filters.menteeId) conditions.push(eq(sessions.menteeId, filters.menteeId))
	if (filters.status) conditions.push(statusIs(filters.status, now))
	const where = and(...conditions)
	const db = getDb()
	const [[total], menteeRows] = await Promise.all([
		db.select({ n: count() }).from(sessions).where(where),
		db
			.selectDistinct({ id: users.id, name: users.name })
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.menteeId))
			.where(eq(sessions.mentorId, mentorId))
			.orderBy(asc(users.name), asc(users.id)),
	])
	const pageCount = Math.max(1, Math.ceil((total?.n ?? 0) / SESSIONS_PAGE_SIZE))
	const page = Math.min(Math.max(1, filters.page), pageCount)
	const items = await loadItems(where, now, {
		order: filters.sort === 'oldest' ? 'asc' : 'desc',
		limit: SESSIONS_PAGE_SIZE,
		offset: (page - 1) * SESSIONS_PAGE_SIZE,
		viewerId: mentorId,
	})
	return { items, total: total?.n ?? 0, page, pageCount, mentees: menteeRows }
}

/** The mentee's view of a session: where it happens only once it is booked, and never whether the mentor overrode a default. */
function asMentee(item: SessionItem): SessionItem {
	const meetingLocation = visibleMeetingLocation(item.meetingLocation, 'mentee', item.status)
	return { ...item, meetingLocation, meetingLocationSource: null }
}

/** The mentee's side: sessions to come, the invitations they sent, and the rest of their history. */
export async function listMenteeSessions(menteeId: string, now: Date) {
	const mine = eq(sessions.menteeId, menteeId)
	const [upcoming, invitations, past] = await Promise.all([
		loadItems(and(mine, statusIs('scheduled', now)), now, { viewerId: menteeId }),
		loadItems(and(mine, eq(sessions.type, 'intro'), or(statusIs('pending', now), statusIs('expired', now), eq(sessions.status, 'rejected'))), now, {
			order: 'desc',
			limit: 50,
			viewerId: menteeId,
		}),
		loadItems(
			and(
				mine,
				or(
					statusIs('awaiting_confirmation', now),
					inArray(sessions.status, ['completed', 'no_show_mentee', 'no_show_mentor', 'cancelled']),
				),
			),
			now,
			{ order: 'desc', limit: 50, viewerId: menteeId },
		),
	])
	return { upcoming: upcoming.map(asMentee), invitations: invitations.map(asMentee), past: past.map(asMentee) }
}

/** The mentor's live sessions (either calendar) overlapping [from, to): what the week view draws in. */
export function listMentorLiveSessions(mentorId: string, from: Date, to: Date, now: Date): Promise<SessionItem[]> {
	return loadItems(
		and(eq(sessions.mentorId, mentorId), inArray(sessions.status, rules.LIVE_STATUSES), lt(sessions.startsAt, to), gt(sessions.endsAt, from)),
		now,
	)
}

/** How many sessions of a mentee count against the intro quota, per month 'YYYY-MM'. */
export async function countQuotaIntros(menteeId: string, months: string[]): Promise<Map<string, number>> {
	const counts = new Map<string, number>()
	if (months.length === 0) return counts
	const rows = await getDb()
		.select({ month: sessions.quotaMonth, n: sql<number>`count(*)::int` })
		.from(sessions)
		.where(and(eq(sessions.menteeId, menteeId), eq(sessions.type, 'intro'), inArray(sessions.quotaMonth, months), inArray(sessions.status, rules.QUOTA_STATUSES)))
		.groupBy(sessions.quotaMonth)
	for (const row of rows) counts.set(row.month, row.n)
	return counts
}

/** The mentee's live intro with this mentor, if any: a second one would only ask the same question. */
export async function findIntroInProgress(menteeId: string, mentorId: string, now: Date): Promise<SessionItem | null> {
	const [item] = await loadItems(
		and(eq(sessions.menteeId, menteeId), eq(sessions.mentorId, mentorId), eq(sessions.type, 'intro'), inArray(sessions.status, rules.LIVE_STATUSES)),
		now,
		{ limit: 1 },
	)
	// Shown on the mentor's public profile page: where the session happens is for My sessions only.
	return item ? { ...item, meetingLocation: null, meetingLocationSource: null } : null
}
