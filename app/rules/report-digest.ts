/**
 * The weekly report email for coordinators, pure: "coordinators may subscribe to a weekly report
 * email (the key numbers and a link), sent Monday 08:00 in their zone, once per week". A run finds
 * the subscriptions whose local time is Monday 08:00–08:59 (the job runs every 15 minutes, and every
 * zone's offset is a multiple of 15 minutes, so one run always falls in that hour); the week is the
 * ISO week of that Monday in the coordinator's zone, which names the one email of the week.
 */
import { DateTime } from 'luxon'
import type { FeedbackSummary } from './feedback'

/** Monday, 08:00 local. */
export const DIGEST_WEEKDAY = 1
export const DIGEST_HOUR = 8

export type DigestWeek = {
	/** ISO week of the Monday it is sent, in the subscriber's zone: `2027-W11`. */
	week: string
	/** The 7 days before that Monday (Monday to Sunday), and the 7 before those, as `YYYY-MM-DD`. */
	current: { from: string; to: string }
	previous: { from: string; to: string }
}

/** The week's digest due at `now` for a subscriber in `zone`, or null outside Monday 08:00–08:59 there. */
export function digestDue(now: Date, zone: string): DigestWeek | null {
	const local = DateTime.fromJSDate(now, { zone })
	if (!local.isValid || local.weekday !== DIGEST_WEEKDAY || local.hour !== DIGEST_HOUR) return null
	const monday = local.startOf('day')
	const day = (offset: number) => monday.plus({ days: offset }).toISODate()!
	return {
		week: monday.toFormat("kkkk-'W'WW"),
		current: { from: day(-7), to: day(-1) },
		previous: { from: day(-14), to: day(-8) },
	}
}

/** The report's numbers the digest reads (a part of the programme report's metrics). */
export type DigestMetrics = {
	registrationsByStatus: Record<string, number>
	relationships: { confirmed: number; lapsed: number; ended: number }
	feedback: Pick<FeedbackSummary, 'average' | 'count'>
	contactActivity: { sessions: number }
}

export type DigestLine = { label: string; value: number | null; previous: number | null }

/**
 * The key numbers of the last 7 days beside the 7 before: registrations made, matches (relationships
 * confirmed by both sides), sessions held (completed), the feedback average (null without ratings)
 * and relationships lapsed at the end of each week.
 */
export function digestLines(current: DigestMetrics, previous: DigestMetrics): DigestLine[] {
	const registrations = (m: DigestMetrics) => Object.values(m.registrationsByStatus).reduce((a, b) => a + b, 0)
	return [
		{ label: 'Registrations', value: registrations(current), previous: registrations(previous) },
		{ label: 'Matches', value: current.relationships.confirmed, previous: previous.relationships.confirmed },
		{ label: 'Sessions held', value: current.contactActivity.sessions, previous: previous.contactActivity.sessions },
		{ label: 'Feedback average (1–5)', value: current.feedback.average, previous: previous.feedback.average },
		{ label: 'Lapsed relationships', value: current.relationships.lapsed, previous: previous.relationships.lapsed },
	]
}

/** "+3", "−1.5", "no change", or "–" when either side has no number. */
export function describeChange(line: Pick<DigestLine, 'value' | 'previous'>): string {
	if (line.value === null || line.previous === null) return '–'
	const change = Math.round((line.value - line.previous) * 10) / 10
	if (change === 0) return 'no change'
	return change > 0 ? `+${change}` : `−${Math.abs(change)}`
}

/** The subject's name for the week reported: "1–7 March 2027", "26 April – 2 May 2027", "28 December 2026 – 3 January 2027". */
export function describeDays(range: { from: string; to: string }): string {
	const from = DateTime.fromISO(range.from, { zone: 'UTC' })
	const to = DateTime.fromISO(range.to, { zone: 'UTC' })
	if (from.year !== to.year) return `${from.toFormat('d MMMM yyyy')} – ${to.toFormat('d MMMM yyyy')}`
	if (from.month !== to.month) return `${from.toFormat('d MMMM')} – ${to.toFormat('d MMMM yyyy')}`
	return `${from.toFormat('d')}–${to.toFormat('d MMMM yyyy')}`
}
