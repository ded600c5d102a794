import { randomBytes } from 'node:crypto'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { aliasedTable, and, eq, gt, inArray, or } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { calendarFeeds, sessions, users } from '../../db/schema'
import { getEnv } from '../utils/env.server'
import { effectiveMeetingLocation } from '../rules/meeting-location'
import { calendarFeed } from './calendar-files.server'
import { calendarMeetingLocation } from './meeting-locations.server'

/**
 * A private, revocable calendar feed per person (webcal://…/calendar/<token>.ics) for Google,
 * Apple or Outlook to subscribe to. Only the token's SHA-256 is stored, so the URL is shown once,
 * when it is made; making a new one revokes the old.
 */

/** Sessions that belong in someone's calendar: asked for, booked, or held (the last 90 days of them). */
const FEED_STATUSES = ['pending', 'scheduled', 'awaiting_confirmation', 'completed', 'no_show_mentee', 'no_show_mentor'] as const
const FEED_HISTORY_MS = 90 * 24 * 3_600_000

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)))

export function feedUrls(token: string): { https: string; webcal: string } {
	const https = `${getEnv().APP_URL}/calendar/${token}.ics`
	return { https, webcal: https.replace(/^https?:/, 'webcal:') }
}

/** Makes (or replaces) the person's feed; the token is returned this once and never stored. */
export async function createCalendarFeed(userId: string, now: Date): Promise<{ token: string; https: string; webcal: string }> {
	const token = randomBytes(32).toString('base64url')
	await getDb()
		.insert(calendarFeeds)
		.values({ userId, tokenHash: hashToken(token), createdAt: now })
		.onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: hashToken(token), createdAt: now } })
	return { token, ...feedUrls(token) }
}

export async function revokeCalendarFeed(userId: string): Promise<void> {
	await getDb().delete(calendarFeeds).where(eq(calendarFeeds.userId, userId))
}

export async function calendarFeedCreatedAt(userId: string): Promise<Date | null> {
	const [feed] = await getDb().select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId))
	return feed?.createdAt ?? null
}

const mentors = aliasedTable(users, 'mentor')
const mentees = aliasedTable(users, 'mentee')

/** The feed's .ics for a token, or null for a token that is unknown or revoked. */
export async function calendarFeedFor(token: string, now: Date): Promise<string | null> {
	if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
	const db = getDb()
	const [owner] = await db
		.select({ id: users.id, name: users.name })
		.from(calendarFeeds)
		.innerJoin(users, eq(users.id, calendarFeeds.userId))
		.where(eq(calendarFeeds.tokenHash, hashToken(token)))
	if (!owner) return null
	const rows = await db
		.select({
			session: sessions,
			mentor: { name: mentors.name, email: mentors.email },
			mentee: { name: mentees.name, email: mentees.email },
			calendarLocation: calendarMeetingLocation,
		})
		.from(sessions)
		.innerJoin(mentors, eq(mentors.id, sessions.mentorId))
		.innerJoin(mentees, eq(mentees.id, sessions.menteeId))
		.where(
			and(
				or(eq(sessions.mentorId, owner.id), eq(sessions.menteeId, owner.id)),
				inArray(sessions.status, FEED_STATUSES),
				gt(sessions.startsAt, new Date(now.getTime() - FEED_HISTORY_MS)),
			),
		)
	return calendarFeed(
		owner.id,
		owner.name,
		rows.map(({ session, mentor, mentee, calendarLocation }) => ({
			...session,
			mentor,
			mentee,
			meetingLocation: effectiveMeetingLocation(session.meetingLocation, calendarLocation),
		})),
	)
}
