import { z } from 'zod'
import type { SessionStatus } from '../../db/schema/bookings'

/**
 * "Every session says where it happens: the mentor's default meeting link or place for that
 * calendar, or one set for the session." A location is a meeting link (an absolute http(s) URL) or
 * a place (one line of free text). The page forms and the JSON API read it with one schema.
 */

export const MEETING_LOCATION_MAX_LENGTH = 500

export type MeetingLocation = { kind: 'link'; href: string; text: string } | { kind: 'place'; text: string }

/** "https:", "javascript:", "mailto:" or "www.": written as a link, so it is read as one. "Office: 2nd floor" is a place. */
const SCHEME = /^[a-z][a-z0-9+.-]*:(?!\s)/i
const looksLikeLink = (value: string) => SCHEME.test(value) || /^www\./i.test(value)

/** The http(s) URL a value is, or null: only such a value is ever put in an href. */
function httpUrl(value: string): URL | null {
	if (!/^https?:\/\//i.test(value)) return null
	try {
		const url = new URL(value)
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url : null
	} catch {
		return null
	}
}

// Control characters (a NUL PostgreSQL refuses, a line break that would split an .ics line) have no place in one line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

/**
 * A location as typed: trimmed; empty (or null) clears it. A link must be a whole http(s) URL;
 * anything else is a place of one line, at most MEETING_LOCATION_MAX_LENGTH characters.
 */
export const MeetingLocationSchema = z
	.string({ required_error: 'Give a meeting link or a place, or null for none.', invalid_type_error: 'Give a meeting link or a place, or leave it empty.' })
	.nullable()
	.transform((raw, ctx) => {
		const value = raw?.trim() ?? ''
		if (value === '') return null
		const refuse = (message: string) => {
			ctx.addIssue({ code: 'custom', message })
			return z.NEVER
		}
		if (value.length > MEETING_LOCATION_MAX_LENGTH) return refuse(`Use at most ${MEETING_LOCATION_MAX_LENGTH} characters.`)
		if (CONTROL.test(value)) return refuse('Write the place on one line.')
		if (looksLikeLink(value)) {
			if (/^www\./i.test(value)) return refuse('Write the whole link, starting with https://.')
			if (!/^https?:/i.test(value)) return refuse('A meeting link starts with https:// (or http://); other kinds of link are not accepted.')
			if (!httpUrl(value) || /\s/.test(value)) return refuse('That is not a valid link: check it, e.g. https://meet.example.com/abc-defg.')
		}
		return value
	})

/** How a stored location is shown: a link only when it is an http(s) URL, otherwise plain text. */
export function describeMeetingLocation(value: string): MeetingLocation {
	const url = httpUrl(value)
	return url && !/\s/.test(value) ? { kind: 'link', href: url.href, text: value } : { kind: 'place', text: value }
}

/** "The effective location of a session is its own, else its calendar's", the calendar read when the session is. */
export function effectiveMeetingLocation(own: string | null | undefined, calendarDefault: string | null | undefined): string | null {
	return own ?? calendarDefault ?? null
}

/** Where the effective location comes from, so the mentor sees whether a session overrides the default. */
export function meetingLocationSource(own: string | null | undefined, calendarDefault: string | null | undefined): 'session' | 'calendar' | null {
	return own ? 'session' : calendarDefault ? 'calendar' : null
}

/**
 * The mentee learns where a session happens once it is booked: a scheduled session and what it
 * became, never an invitation the mentor has not accepted (nor one declined, expired or cancelled).
 */
const SEEN_BY_MENTEE: readonly SessionStatus[] = ['scheduled', 'awaiting_confirmation', 'completed', 'no_show_mentee', 'no_show_mentor']

export function menteeSeesMeetingLocation(status: SessionStatus): boolean {
	return SEEN_BY_MENTEE.includes(status)
}

/** Whose view this is decides whether the location is in it: the mentor and admins always, the mentee once booked. */
export function visibleMeetingLocation(location: string | null, viewer: 'mentor' | 'mentee' | 'admin', status: SessionStatus): string | null {
	return viewer === 'mentee' && !menteeSeesMeetingLocation(status) ? null : location
}
