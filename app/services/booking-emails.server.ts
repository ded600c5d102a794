import { aliasedTable, and, eq, inArray, sql } from 'drizzle-orm'
import { type Transaction } from '../../db/client'
import { emailOutbox, mentorProfiles, sessions, users } from '../../db/schema'
import { effectiveMeetingLocation } from '../rules/meeting-location'
import { onBookingEvent, type BookingEvent } from './booking-events.server'
import { sessionCalendarFile, type CalendarSession } from './calendar-files.server'
import { fitAskedAfter } from './fit-questions.server'
import { calendarMeetingLocation } from './meeting-locations.server'
import { queueEmail } from './outbox.server'
import { disputableUntil } from '../rules/disputes'

/**
 * The emails booking changes send, queued in the booking's own transaction (PRODUCT.md "Email").
 * Registered once per process: the web server's bundle and the worker may both load this module,
 * and one event must still make one email.
 */

const mentors = aliasedTable(users, 'mentor')
const mentees = aliasedTable(users, 'mentee')

async function loadSessions(tx: Transaction, ids: string[]) {
	const rows = await tx
		.select({
			session: sessions,
			mentor: { id: mentors.id, name: mentors.name, email: mentors.email },
			mentorSlug: mentorProfiles.slug,
			mentee: { id: mentees.id, name: mentees.name, email: mentees.email },
			calendarLocation: calendarMeetingLocation,
		})
		.from(sessions)
		.innerJoin(mentors, eq(mentors.id, sessions.mentorId))
		.innerJoin(mentees, eq(mentees.id, sessions.menteeId))
		.leftJoin(mentorProfiles, eq(mentorProfiles.userId, sessions.mentorId))
		.where(inArray(sessions.id, ids))
	return rows.map((row) => {
		const { session: s } = row
		const times = { id: s.id, type: s.type, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() }
		// Where it happens as the emails are queued; the booking emails go out once the session is booked.
		const meetingLocation = effectiveMeetingLocation(s.meetingLocation, row.calendarLocation)
		const calendar: CalendarSession = { ...s, mentor: row.mentor, mentee: row.mentee, meetingLocation }
		return { ...row, times, calendar, meetingLocation }
	})
}

type Loaded = Awaited<ReturnType<typeof loadSessions>>[number]

/** Whether this person was sent a calendar file for the session, so a cancellation should remove it. */
async function hadCalendarFile(tx: Transaction, userId: string, sessionId: string): Promise<boolean> {
	const [row] = await tx
		.select({ id: emailOutbox.id })
		.from(emailOutbox)
		.where(
			and(
				eq(emailOutbox.userId, userId),
				sql`${emailOutbox.data} -> 'session' ->> 'id' = ${sessionId}`,
				sql`jsonb_array_length(${emailOutbox.attachments}) > 0`,
			),
		)
		.limit(1)
	return Boolean(row)
}

async function cancelled(tx: Transaction, { session, mentor, mentee, times, calendar }: Loaded) {
	// Both parties hear of it, the one who cancelled too: their calendar holds the event as well.
	const recipients = [
		{ user: mentee, role: 'mentee' as const, other: mentor },
		{ user: mentor, role: 'mentor' as const, other: mentee },
	]
	for (const { user, role, other } of recipients) {
		const attach = await hadCalendarFile(tx, user.id, session.id)
		await queueEmail(tx, {
			to: user.id,
			template: 'session_cancelled',
			data: {
				otherPartyName: other.name,
				cancelledBy: session.cancelledBy === user.id ? 'you' : session.cancelledBy === other.id ? 'other_party' : 'admin',
				reason: session.cancellationReason,
				session: times,
				creditReturned: session.type === 'paid' && role === 'mentee',
				calendarFile: attach,
			},
			attachments: attach ? [sessionCalendarFile(calendar, role, 'cancel')] : [],
		})
	}
}

export async function queueBookingEmails(tx: Transaction, event: BookingEvent): Promise<void> {
	const ids = 'sessionIds' in event ? event.sessionIds : [event.sessionId]
	for (const loaded of await loadSessions(tx, ids)) {
		const { session, mentor, mentee, times, calendar, meetingLocation } = loaded
		switch (event.type) {
			case 'invitation_received':
				await queueEmail(tx, {
					to: mentor.id,
					template: 'invitation_received',
					data: { menteeName: mentee.name, session: times, introForm: session.introForm ?? { helpWith: '', background: '', goals: '' } },
				})
				break
			case 'invitation_accepted':
				await queueEmail(tx, {
					to: mentee.id,
					template: 'invitation_accepted',
					data: { mentorName: mentor.name, session: times, meetingLocation },
					attachments: [sessionCalendarFile(calendar, 'mentee', 'request')],
				})
				// The mentor's calendar needs the event as much as the mentee's.
				await queueEmail(tx, {
					to: mentor.id,
					template: 'booking_confirmed',
					data: { role: 'mentor', otherPartyName: mentee.name, session: times, meetingLocation },
					attachments: [sessionCalendarFile(calendar, 'mentor', 'request')],
				})
				break
			case 'invitations_expired':
				await queueEmail(tx, {
					to: mentee.id,
					template: 'invitation_expired',
					data: { mentorName: mentor.name, mentorSlug: loaded.mentorSlug, session: times },
				})
				break
			case 'invitation_rejected':
				await queueEmail(tx, {
					to: mentee.id,
					template: 'invitation_rejected',
					data: { mentorName: mentor.name, session: times, reason: session.rejectionReason ?? '' },
				})
				break
			case 'session_booked':
				for (const [user, role, other] of [[mentee, 'mentee', mentor], [mentor, 'mentor', mentee]] as const) {
					await queueEmail(tx, {
						to: user.id,
						template: 'booking_confirmed',
						data: { role, otherPartyName: other.name, session: times, meetingLocation },
						attachments: [sessionCalendarFile(calendar, role, 'request')],
					})
				}
				break
			case 'session_cancelled':
				await cancelled(tx, loaded)
				break
			case 'awaiting_confirmation':
				await queueEmail(tx, {
					to: mentor.id,
					template: 'please_confirm',
					data: { menteeName: mentee.name, session: times },
					dedupeKey: `please_confirm:${session.id}`,
				})
				break
			case 'session_confirmed':
				// An intro's outcome carries the mentor's decision; approving it is also the relationship request.
				if (session.type === 'intro' && session.introDecision) {
					await queueEmail(tx, {
						to: mentee.id,
						template: 'intro_decision',
						data: { mentorName: mentor.name, session: times, decision: session.introDecision },
					})
				}
				if (session.type === 'paid' && session.status === 'completed') {
					const fitProgramme = await fitAskedAfter(tx, session)
					await queueEmail(tx, { to: mentee.id, template: 'feedback_request', data: { mentorName: mentor.name, session: times, fitProgramme } })
				}
				// "the mentee is told and may dispute within 48 hours"
				if (session.type === 'paid' && session.status === 'no_show_mentee') {
					await queueEmail(tx, {
						to: mentee.id,
						template: 'outcome_to_dispute',
						data: { mentorName: mentor.name, session: times, disputableUntil: disputableUntil(session.updatedAt).toISOString() },
					})
				}
				break
			default:
				// continuation_approved is told by intro_decision.
				break
		}
	}
}

const registry = globalThis as unknown as { __mentoraBookingEmails?: boolean }

/** Subscribes the booking emails once per process, whichever copy of this module loads first. */
export function registerBookingEmails(): void {
	if (registry.__mentoraBookingEmails) return
	registry.__mentoraBookingEmails = true
	onBookingEvent(queueBookingEmails)
}
