import { DateTime } from 'luxon'
import { describeTimeZone } from '../app/rules/time-zones'

/** A session's times as emails carry them: ISO instants, shown in the reader's own zone. */
export type SessionTimes = { id: string; type: 'intro' | 'paid'; startsAt: string; endsAt: string }

/** "Tuesday 2 March 2027, 09:00–09:20, Europe/Berlin (GMT+1)": the zone always named, as on the pages. */
export function formatSessionTime(session: Pick<SessionTimes, 'startsAt' | 'endsAt'>, zone: string): string {
	const start = DateTime.fromISO(session.startsAt, { zone })
	const end = DateTime.fromISO(session.endsAt, { zone })
	const endText = end.hasSame(start, 'day') ? end.toFormat('HH:mm') : end.toFormat('cccc d LLLL yyyy, HH:mm')
	return `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${endText}, ${describeTimeZone(zone, start.toJSDate())}`
}

/** "Tue 2 Mar, 09:00": short enough for a subject line. */
export function formatShortTime(iso: string, zone: string): string {
	return DateTime.fromISO(iso, { zone }).toFormat('ccc d LLL, HH:mm')
}

/** "2 March 2027" in the reader's zone. */
export function formatDate(iso: string, zone: string): string {
	return DateTime.fromISO(iso, { zone }).toFormat('d LLLL yyyy')
}

/** "240.00 EUR": amounts travel as integer cents, like Stripe's. */
/** The one money format, the pages' too (app/rules/money.ts). */
export { formatMoney } from '../app/rules/money'

export function sessionKind(session: Pick<SessionTimes, 'type'>): string {
	return session.type === 'intro' ? 'free 20-minute intro' : 'session'
}
