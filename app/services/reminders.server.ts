import { aliasedTable, and, eq, gt, lte, sql } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { sessions, users } from '../../db/schema'
import { effectiveMeetingLocation } from '../rules/meeting-location'
import * as rules from '../rules/reminders'
import { type TemplateName } from '../../emails'
import { calendarMeetingLocation } from './meeting-locations.server'
import { queueEmail, type QueueEmailInput } from './outbox.server'

/**
 * The scheduled reminders (PRODUCT.md "Background jobs"). Each run finds what is due and queues
 * it under a dedupe key, so running twice, or on several workers at once, sends nothing new.
 * Each recipient's email is its own transaction: one bad row cannot hold the rest back.
 */

const mentors = aliasedTable(users, 'mentor')
const mentees = aliasedTable(users, 'mentee')

function sessionsWith(where: ReturnType<typeof and>) {
	return getDb()
		.select({
			session: sessions,
			mentor: { id: mentors.id, name: mentors.name },
			mentee: { id: mentees.id, name: mentees.name },
			calendarLocation: calendarMeetingLocation,
		})
		.from(sessions)
		.innerJoin(mentors, eq(mentors.id, sessions.mentorId))
		.innerJoin(mentees, eq(mentees.id, sessions.menteeId))
		.where(where)
}

const times = (s: typeof sessions.$inferSelect) => ({ id: s.id, type: s.type, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })

async function admins(): Promise<string[]> {
	return (await getDb().select({ id: users.id }).from(users).where(eq(users.isAdmin, true))).map((u) => u.id)
}

/** Queues one email in its own transaction; true when a new one was queued. */
async function queueOne<T extends TemplateName>(input: QueueEmailInput<T>): Promise<boolean> {
	return Boolean(await getDb().transaction((tx) => queueEmail(tx, input)))
}

/**
 * Both parties of every scheduled session starting within 24 hours, once each, with the agenda and
 * the time actually left; none for a session less than an hour away, which the booking email covers.
 */
export async function sendSessionReminders(now: Date): Promise<number> {
	const due = await sessionsWith(
		and(
			eq(sessions.status, 'scheduled'),
			gt(sessions.startsAt, new Date(now.getTime() + rules.SESSION_REMINDER_MIN_LEAD_MS)),
			lte(sessions.startsAt, new Date(now.getTime() + rules.SESSION_REMINDER_LEAD_MS)),
		),
	)
	let queued = 0
	for (const { session, mentor, mentee, calendarLocation } of due) {
		const meetingLocation = effectiveMeetingLocation(session.meetingLocation, calendarLocation)
		for (const [user, role, other] of [[mentee, 'mentee', mentor], [mentor, 'mentor', mentee]] as const) {
			const sent = await queueOne({
				to: user.id,
				template: 'session_reminder',
				data: { role, otherPartyName: other.name, session: times(session), agenda: session.agenda, timeLeft: rules.describeTimeLeft(session.startsAt, now), meetingLocation },
				dedupeKey: rules.sessionReminderKey(session.id, user.id),
			})
			if (sent) queued++
		}
	}
	return queued
}

/** Mentors a day after an unconfirmed session ended; every admin once it is a week old. */
export async function sendConfirmReminders(now: Date): Promise<number> {
	const due = await sessionsWith(
		and(eq(sessions.status, 'awaiting_confirmation'), lte(sessions.endsAt, new Date(now.getTime() - rules.CONFIRM_REMINDER_AFTER_MS))),
	)
	const adminIds = due.length > 0 ? await admins() : []
	let queued = 0
	for (const { session, mentor, mentee } of due) {
		if (await queueOne({ to: mentor.id, template: 'confirm_reminder', data: { menteeName: mentee.name, session: times(session) }, dedupeKey: rules.confirmReminderKey(session.id) })) queued++
		if (now.getTime() - session.endsAt.getTime() < rules.UNCONFIRMED_ALERT_AFTER_MS) continue
		for (const adminId of adminIds) {
			const data = { mentorName: mentor.name, menteeName: mentee.name, session: times(session) }
			if (await queueOne({ to: adminId, template: 'unconfirmed_session_alert', data, dedupeKey: rules.unconfirmedAlertKey(session.id, adminId) })) queued++
		}
	}
	return queued
}

export type RelationshipRow = {
	id: string
	mentor_id: string
	mentee_id: string
	mentor_name: string
	mentee_name: string
	mentor_slug: string | null
	confirmed_at: string
	last_held_at: string | null
	last_completed_id: string | null
	last_completed_at: string | null
	has_upcoming: boolean
}

/** Confirmed relationships with when the pair last met, last completed a session, and whether anything is booked. */
export async function confirmedRelationships(now: Date): Promise<RelationshipRow[]> {
	return (await getDb().execute(sql`
		select r.id, r.mentor_id, r.mentee_id, mentor.name as mentor_name, mentee.name as mentee_name, mp.slug as mentor_slug,
			greatest(r.mentor_confirmed_at, r.mentee_confirmed_at) as confirmed_at,
			held.ends_at as last_held_at, done.id as last_completed_id, done.ends_at as last_completed_at,
			exists (
				select 1 from sessions s
				where s.mentor_id = r.mentor_id and s.mentee_id = r.mentee_id and s.status in ('pending', 'scheduled') and s.starts_at > ${now.toISOString()}::timestamptz
			) as has_upcoming
		from relationships r
		join users mentor on mentor.id = r.mentor_id
		join users mentee on mentee.id = r.mentee_id
		left join mentor_profiles mp on mp.user_id = r.mentor_id
		left join lateral (
			select s.ends_at from sessions s
			where s.mentor_id = r.mentor_id and s.mentee_id = r.mentee_id
				and s.status in ('awaiting_confirmation', 'completed', 'no_show_mentee', 'no_show_mentor')
			order by s.ends_at desc limit 1
		) held on true
		left join lateral (
			select s.id, s.ends_at from sessions s
			where s.mentor_id = r.mentor_id and s.mentee_id = r.mentee_id and s.status = 'completed'
			order by s.ends_at desc limit 1
		) done on true
		where r.status = 'confirmed'
	`)) as unknown as RelationshipRow[]
}

export const latest = (...instants: (string | null)[]) => new Date(Math.max(...instants.filter((i): i is string => Boolean(i)).map((i) => new Date(i).getTime())))

/** Both sides of a confirmed relationship with nothing booked, once per 30 days since they last met. */
export async function sendScheduleReminders(now: Date): Promise<number> {
	let queued = 0
	for (const r of await confirmedRelationships(now)) {
		if (r.has_upcoming) continue
		const lastTouch = latest(r.confirmed_at, r.last_held_at)
		const parties = [
			{ userId: r.mentee_id, role: 'mentee' as const, other: r.mentor_name },
			{ userId: r.mentor_id, role: 'mentor' as const, other: r.mentee_name },
		]
		for (const { userId, role, other } of parties) {
			const dedupeKey = rules.scheduleReminderKey({ relationshipId: r.id, userId, lastTouch, now })
			if (!dedupeKey) continue
			const data = { role, otherPartyName: other, mentorSlug: r.mentor_slug, lastSessionAt: r.last_held_at ? new Date(r.last_held_at).toISOString() : null }
			if (await queueOne({ to: userId, template: 'schedule_reminder', data, dedupeKey })) queued++
		}
	}
	return queued
}

/** Every admin, once per lapse, about a confirmed relationship with no completed session in 45 days. */
export async function sendLapsedAlerts(now: Date): Promise<number> {
	const lapsed = (await confirmedRelationships(now)).filter((r) => rules.isLapsed(latest(r.confirmed_at, r.last_completed_at), now))
	const adminIds = lapsed.length > 0 ? await admins() : []
	let queued = 0
	for (const r of lapsed) {
		const since = latest(r.confirmed_at, r.last_completed_at)
		const data = {
			relationshipId: r.id,
			mentorName: r.mentor_name,
			menteeName: r.mentee_name,
			lastCompletedAt: r.last_completed_at ? new Date(r.last_completed_at).toISOString() : null,
			lapsedDays: rules.daysSince(since, now),
		}
		for (const adminId of adminIds) {
			const dedupeKey = rules.lapsedAlertKey({ relationshipId: r.id, lastCompletedSessionId: r.last_completed_id, adminId })
			if (await queueOne({ to: adminId, template: 'lapsed_relationship_alert', data, dedupeKey })) queued++
		}
	}
	return queued
}
