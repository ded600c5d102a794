import { Link } from '@react-email/components'
import { type ReactNode } from 'react'
import { describeMeetingLocation } from '../../app/rules/meeting-location'

/**
 * Where a session happens, as the "Where" line of an email: a meeting link is a link, a place is
 * plain text. Emails queued before sessions said where they happen carry no location at all.
 */
export function whereItem(meetingLocation: string | null | undefined, role: 'mentor' | 'mentee'): [string, ReactNode][] {
	if (meetingLocation === undefined) return []
	if (meetingLocation === null) {
		return [['Where', role === 'mentor' ? 'not set yet: add a meeting link or place on your availability settings' : 'your mentor has not said yet; My sessions will show it']]
	}
	const location = describeMeetingLocation(meetingLocation)
	return [['Where', location.kind === 'link' ? <Link href={location.href}>{location.text}</Link> : location.text]]
}
