import { and, eq } from 'drizzle-orm'
import { getDb, type Executor } from '../../db/client'
import { emailMutes, REMINDER_CATEGORIES, type ReminderCategory } from '../../db/schema'
import { getEnv } from '../utils/env.server'
import { hasValidSignature, sign } from '../utils/signing.server'

/**
 * Which reminders a person muted, and the signed links that mute one category in one click.
 * Transactional emails (a booking, a cancellation, a receipt) cannot be muted.
 */

/** How each reminder category is named on the settings page and the unsubscribe page. */
export const REMINDER_LABELS: Record<ReminderCategory, string> = {
	session_reminder: 'Session reminders 24 hours before, with the agenda',
	confirm_reminder: 'Reminders to confirm sessions after they end',
	schedule_reminder: 'Monthly reminders to schedule a session',
	admin_alert: 'Admin alerts: lapsed relationships and sessions unconfirmed for a week',
	programme_reminder: 'Programme reminders: "have you found your match?" and the quarterly reflection',
}

export function isReminderCategory(value: unknown): value is ReminderCategory {
	return typeof value === 'string' && (REMINDER_CATEGORIES as readonly string[]).includes(value)
}

export async function mutedCategories(userId: string, db: Executor = getDb()): Promise<ReminderCategory[]> {
	const rows = await db.select({ category: emailMutes.category }).from(emailMutes).where(eq(emailMutes.userId, userId))
	return rows.map((r) => r.category)
}

export async function isMuted(db: Executor, userId: string, category: ReminderCategory): Promise<boolean> {
	const [row] = await db
		.select({ userId: emailMutes.userId })
		.from(emailMutes)
		.where(and(eq(emailMutes.userId, userId), eq(emailMutes.category, category)))
	return Boolean(row)
}

export async function setMuted(userId: string, category: ReminderCategory, muted: boolean): Promise<void> {
	const db = getDb()
	if (muted) await db.insert(emailMutes).values({ userId, category }).onConflictDoNothing()
	else await db.delete(emailMutes).where(and(eq(emailMutes.userId, userId), eq(emailMutes.category, category)))
}

/** Saves the whole set at once (the settings form sends every box). */
export async function saveMutedCategories(userId: string, muted: ReminderCategory[]): Promise<void> {
	for (const category of REMINDER_CATEGORIES) await setMuted(userId, category, muted.includes(category))
}

/** `<user id>.<category>.<HMAC>`: stateless, so it works for every email ever sent, and unforgeable. */
export function unsubscribeToken(userId: string, category: ReminderCategory): string {
	return `${userId}.${category}.${sign('unsubscribe', `${userId}.${category}`)}`
}

export function readUnsubscribeToken(token: string): { userId: string; category: ReminderCategory } | null {
	const [userId, category, sig, ...rest] = token.split('.')
	if (!userId || !sig || rest.length > 0 || !isReminderCategory(category)) return null
	if (!hasValidSignature('unsubscribe', `${userId}.${category}`, sig)) return null
	return { userId, category }
}

export function unsubscribeUrl(userId: string, category: ReminderCategory): string {
	return `${getEnv().APP_URL}/unsubscribe/${unsubscribeToken(userId, category)}`
}

/**
 * `digest.<user id>.<programme id>.<HMAC>`: the link in a weekly report email, which ends that one
 * subscription (the same page and one-click POST as the reminders' links).
 */
export function digestUnsubscribeToken(userId: string, programmeId: string): string {
	return `digest.${userId}.${programmeId}.${sign('unsubscribe-digest', `${userId}.${programmeId}`)}`
}

export function readDigestUnsubscribeToken(token: string): { userId: string; programmeId: string } | null {
	const [kind, userId, programmeId, sig, ...rest] = token.split('.')
	if (kind !== 'digest' || !userId || !programmeId || !sig || rest.length > 0) return null
	if (!hasValidSignature('unsubscribe-digest', `${userId}.${programmeId}`, sig)) return null
	return { userId, programmeId }
}

export function digestUnsubscribeUrl(userId: string, programmeId: string): string {
	return `${getEnv().APP_URL}/unsubscribe/${digestUnsubscribeToken(userId, programmeId)}`
}
