/**
 * When reminders are due (PRODUCT.md "Session lifecycle", "Relationships and matching"): pure,
 * with `now` passed in. The services find the candidates; these decide and name each reminder,
 * and the name (a dedupe key) is what makes "never the same reminder twice for the same thing" hold.
 */
const HOUR = 3_600_000
const DAY = 24 * HOUR

/** "The agenda of a scheduled session is emailed to both 24 hours before it starts." */
export const SESSION_REMINDER_LEAD_MS = DAY
/** "Mentors are reminded of sessions awaiting confirmation after 24 hours; admins see those older than 7 days." */
export const CONFIRM_REMINDER_AFTER_MS = DAY
/** A reminder found later than this before the start (a session booked late, a worker that was down) only repeats the booking email: not sent. */
export const SESSION_REMINDER_MIN_LEAD_MS = HOUR

/** The time left before a session, in words, as the reminder says it: "in 24 hours", "in 5 hours", "in 45 minutes". */
export function describeTimeLeft(startsAt: Date, now: Date): string {
	const minutes = Math.max(1, Math.round((startsAt.getTime() - now.getTime()) / 60_000))
	if (minutes < 90) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`
	return `in ${Math.round(minutes / 60)} hours`
}
export const UNCONFIRMED_ALERT_AFTER_MS = 7 * DAY
/** "A confirmed relationship with no completed session in 45 days (setting) is lapsed." */
export const LAPSED_AFTER_DAYS = 45
/** The "schedule a session" reminder repeats once per this many days without a session. */
export const SCHEDULE_REMINDER_EVERY_DAYS = 30

export const sessionReminderKey = (sessionId: string, userId: string) => `session_reminder:${sessionId}:${userId}`
export const confirmReminderKey = (sessionId: string) => `confirm_reminder:${sessionId}`
export const unconfirmedAlertKey = (sessionId: string, adminId: string) => `unconfirmed_alert:${sessionId}:${adminId}`

/**
 * The monthly reminder for a relationship with nothing booked: one per full 30 days since the pair
 * last met (or confirmed the relationship), so the key names the period it belongs to. Null until
 * the first 30 days have passed.
 */
export function scheduleReminderKey(input: { relationshipId: string; userId: string; lastTouch: Date; now: Date }): string | null {
	const period = Math.floor((input.now.getTime() - input.lastTouch.getTime()) / (SCHEDULE_REMINDER_EVERY_DAYS * DAY))
	return period >= 1 ? `schedule_reminder:${input.relationshipId}:${input.userId}:${period}` : null
}

/**
 * A lapse is named by what it follows (the last completed session, or none yet), so admins hear of
 * it once, and again only if the pair meets and then lapses anew.
 */
export function lapsedAlertKey(input: { relationshipId: string; lastCompletedSessionId: string | null; adminId: string }): string {
	return `lapsed_alert:${input.relationshipId}:${input.lastCompletedSessionId ?? 'none'}:${input.adminId}`
}

export function daysSince(instant: Date, now: Date): number {
	return Math.floor((now.getTime() - instant.getTime()) / DAY)
}

export function isLapsed(lastCompletedOrConfirmedAt: Date, now: Date): boolean {
	return now.getTime() - lastCompletedOrConfirmedAt.getTime() >= LAPSED_AFTER_DAYS * DAY
}
