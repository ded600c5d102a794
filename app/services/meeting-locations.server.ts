import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm'
import { getDb, type Transaction } from '../../db/client'
import { availabilityCalendars, sessions, users, type SessionType } from '../../db/schema'
import * as rules from '../rules/booking-rules'
import { effectiveMeetingLocation } from '../rules/meeting-location'
import { DomainError } from '../utils/errors'
import { writeAudit } from './audit.server'
import { queueEmail } from './outbox.server'

/**
 * Where sessions happen. A session's effective location is its own `meeting_location`, else the
 * default of its calendar (the mentor's calendar of the session's type) as it is when the session
 * is read: every reader selects `calendarMeetingLocation` beside the session and asks
 * effectiveMeetingLocation (app/rules/meeting-location.ts), so changing the default moves every
 * session that has no location of its own.
 */

/** The default location of the session's calendar, for a select over `sessions` (not aliased). */
export const calendarMeetingLocation: SQL<string | null> = sql<string | null>`(
	select ${availabilityCalendars.meetingLocation} from ${availabilityCalendars}
	where ${availabilityCalendars.mentorId} = ${sessions.mentorId} and ${availabilityCalendars.type} = ${sessions.type}
)`

async function calendarDefault(tx: Transaction, mentorId: string, type: SessionType): Promise<string | null> {
	const [row] = await tx
		.select({ meetingLocation: availabilityCalendars.meetingLocation })
		.from(availabilityCalendars)
		.where(and(eq(availabilityCalendars.mentorId, mentorId), eq(availabilityCalendars.type, type)))
	return row?.meetingLocation ?? null
}

/** "When the effective location of a scheduled session changes, the mentee is emailed", in the change's transaction. */
async function tellMentee(tx: Transaction, session: typeof sessions.$inferSelect, meetingLocation: string | null) {
	const [mentor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, session.mentorId))
	await queueEmail(tx, {
		to: session.menteeId,
		template: 'meeting_location_changed',
		data: {
			mentorName: mentor?.name ?? 'Your mentor',
			session: { id: session.id, type: session.type, startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString() },
			meetingLocation,
		},
	})
}

export type SetMeetingLocationInput = { sessionId: string; actorId: string; now: Date; meetingLocation: string | null }

/**
 * The mentor (or an admin) says where one session still to come happens, or clears it back to the
 * calendar's default with null. The value is already read by MeetingLocationSchema.
 */
export async function setSessionMeetingLocation(input: SetMeetingLocationInput): Promise<typeof sessions.$inferSelect> {
	return getDb().transaction(async (tx) => {
		const [session] = await tx.select().from(sessions).where(eq(sessions.id, input.sessionId)).for('update')
		const [user] = await tx.select({ id: users.id, isAdmin: users.isAdmin }).from(users).where(eq(users.id, input.actorId))
		if (!session || !user) throw new DomainError('not_found', 'That session does not exist.')
		const actor = rules.actorOf(session, user)
		if (actor !== 'mentor' && actor !== 'admin') throw new DomainError('not_allowed', 'Only the mentor of a session may say where it happens.')
		const status = rules.effectiveStatus(session, input.now)
		const toCome = (status === 'pending' && session.startsAt > input.now) || status === 'scheduled'
		if (!toCome) throw new DomainError('invalid_transition', 'Where a session happens can be changed only for an invitation or a scheduled session still to come.')

		const fallback = await calendarDefault(tx, session.mentorId, session.type)
		const before = effectiveMeetingLocation(session.meetingLocation, fallback)
		const [updated] = await tx
			.update(sessions)
			.set({ meetingLocation: input.meetingLocation, updatedAt: input.now })
			.where(eq(sessions.id, session.id))
			.returning()
		if (!updated) throw new Error('session vanished while locked')
		const after = effectiveMeetingLocation(updated.meetingLocation, fallback)
		if (status === 'scheduled' && after !== before) await tellMentee(tx, updated, after)
		// "Every admin action is written to an audit log."
		if (actor === 'admin') {
			await writeAudit(tx, {
				actorId: input.actorId,
				action: 'session.meeting_location',
				subjectType: 'session',
				subjectId: session.id,
				details: { from: session.meetingLocation, to: input.meetingLocation },
				at: input.now,
			})
		}
		return updated
	})
}

/**
 * A calendar's default changed from `before` to `after` (inside the save's transaction): the
 * mentee of each scheduled session still to come that follows the default is told its new location.
 */
export async function tellMenteesOfNewDefault(
	tx: Transaction,
	change: { mentorId: string; type: SessionType; before: string | null; after: string | null; now: Date },
): Promise<void> {
	if (change.before === change.after) return
	const following = await tx
		.select()
		.from(sessions)
		.where(
			and(
				eq(sessions.mentorId, change.mentorId),
				eq(sessions.type, change.type),
				eq(sessions.status, 'scheduled'),
				gt(sessions.endsAt, change.now),
				isNull(sessions.meetingLocation),
			),
		)
	for (const session of following) await tellMentee(tx, session, change.after)
}
