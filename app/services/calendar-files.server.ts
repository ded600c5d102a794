import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator'
import { type EmailAttachment, type SessionStatus, type SessionType } from '../../db/schema'
import { describeMeetingLocation, visibleMeetingLocation } from '../rules/meeting-location'
import { getEnv } from '../utils/env.server'

/**
 * Calendar files (.ics) for sessions, with ical-generator. Times are UTC instants (no TZID to get
 * wrong); each session keeps one UID for life, so a cancellation (METHOD:CANCEL, a higher
 * SEQUENCE) removes the very event the booking added.
 */

export type CalendarSession = {
	id: string
	type: SessionType
	status: SessionStatus
	startsAt: Date
	endsAt: Date
	updatedAt: Date
	mentor: { name: string; email: string }
	mentee: { name: string; email: string }
	/** Where it happens, as the viewer may see it (effective: the session's own, else its calendar's). */
	meetingLocation?: string | null
}

const PROD_ID = { company: 'Mentora', product: 'Sessions', language: 'EN' }

export function sessionUid(sessionId: string): string {
	return `session-${sessionId}@mentora`
}

/** "Mentora <notifications@mentora.test>" → its parts, for the ORGANIZER line. */
function organizer() {
	const from = getEnv().EMAIL_FROM
	const match = /^(.*)<([^>]+)>\s*$/.exec(from)
	return match ? { name: match[1]!.trim() || 'Mentora', email: match[2]!.trim() } : { name: 'Mentora', email: from.trim() }
}

function title(session: CalendarSession, viewer: 'mentor' | 'mentee'): string {
	const other = viewer === 'mentor' ? session.mentee.name : session.mentor.name
	const pending = session.status === 'pending' ? ' (invitation, not accepted yet)' : ''
	return `${session.type === 'intro' ? 'Mentora intro' : 'Mentora session'} with ${other}${pending}`
}

function addEvent(calendar: ICalCalendar, session: CalendarSession, viewer: 'mentor' | 'mentee', cancelled: boolean) {
	const sessionsUrl = `${getEnv().APP_URL}/sessions`
	// LOCATION names where it happens; a meeting link is the event's URL too, so calendars offer to join it.
	const where = session.meetingLocation ? describeMeetingLocation(session.meetingLocation) : null
	const url = where?.kind === 'link' ? where.href : sessionsUrl
	const event = calendar.createEvent({
		id: sessionUid(session.id),
		start: session.startsAt,
		end: session.endsAt,
		stamp: session.updatedAt,
		summary: title(session, viewer),
		description: `Your ${session.type === 'intro' ? 'free 20-minute intro' : 'mentoring session'} on Mentora.\n${where ? `Where: ${where.text}\n` : ''}${sessionsUrl}`,
		location: where?.text ?? null,
		url,
		organizer: organizer(),
		// The booking is revision 0; a cancellation must outrank it or calendars ignore it.
		sequence: cancelled ? 1 : 0,
		status: cancelled ? ICalEventStatus.CANCELLED : session.status === 'pending' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
	})
	// Only the person the file is for: the other side's email address is theirs to share, and Mentora has no such consent.
	const person = viewer === 'mentor' ? session.mentor : session.mentee
	event.createAttendee({ name: person.name, email: person.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED })
}

/** The .ics attached to a booking email (METHOD:REQUEST) or a cancellation (METHOD:CANCEL). */
export function sessionCalendarFile(session: CalendarSession, viewer: 'mentor' | 'mentee', method: 'request' | 'cancel'): EmailAttachment {
	const calendar = ical({ prodId: PROD_ID, method: method === 'cancel' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST })
	addEvent(calendar, session, viewer, method === 'cancel')
	return {
		filename: method === 'cancel' ? 'cancelled-session.ics' : 'session.ics',
		contentType: `text/calendar; charset=utf-8; method=${method === 'cancel' ? 'CANCEL' : 'REQUEST'}`,
		content: calendar.toString(),
	}
}

/** A person's subscribed feed: every session they are part of, seen from their side (a mentee sees where once it is booked). */
export function calendarFeed(ownerId: string, ownerName: string, sessions: (CalendarSession & { mentorId: string })[]): string {
	const calendar = ical({ prodId: PROD_ID, name: `Mentora: ${ownerName}`, ttl: 60 * 30 })
	for (const session of sessions) {
		const viewer = session.mentorId === ownerId ? 'mentor' : 'mentee'
		const meetingLocation = visibleMeetingLocation(session.meetingLocation ?? null, viewer, session.status)
		addEvent(calendar, { ...session, meetingLocation }, viewer, session.status === 'cancelled')
	}
	return calendar.toString()
}
