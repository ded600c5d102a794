import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { eq } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { authSessions, profilePhotos, users } from '../../db/schema'

/**
 * Sessions as Lucia's author now publishes them (the `lucia` package is deprecated): a token is
 * `<id>.<secret>`, the row stores only SHA-256(secret), and validation compares in constant time.
 * Expiry slides: a session used in the second half of its life is extended to a full period.
 */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000

export type SessionUser = typeof users.$inferSelect

function randomString(): string {
	const bytes = new Uint8Array(24)
	crypto.getRandomValues(bytes)
	return encodeBase32LowerCaseNoPadding(bytes)
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret))
}

export async function createSession(userId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
	const id = randomString()
	const secret = randomString()
	const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS)
	await getDb()
		.insert(authSessions)
		.values({ id, userId, secretHash: encodeHexLowerCase(hashSecret(secret)), createdAt: now, expiresAt })
	return { token: `${id}.${secret}`, expiresAt }
}

/** `photoVersion`: the person's profile photo (null: none), read in the same query for the site header. */
export type ValidSession = { sessionId: string; user: SessionUser; photoVersion: string | null; expiresAt: Date; renewed: boolean }

export async function validateSessionToken(token: string, now: Date): Promise<ValidSession | null> {
	const [id, secret, ...rest] = token.split('.')
	if (!id || !secret || rest.length > 0) return null
	const db = getDb()
	const [row] = await db
		.select({ session: authSessions, user: users, photoVersion: profilePhotos.version })
		.from(authSessions)
		.innerJoin(users, eq(users.id, authSessions.userId))
		.leftJoin(profilePhotos, eq(profilePhotos.userId, authSessions.userId))
		.where(eq(authSessions.id, id))
	if (!row) return null
	const stored = new TextEncoder().encode(row.session.secretHash)
	const given = new TextEncoder().encode(encodeHexLowerCase(hashSecret(secret)))
	if (!constantTimeEqual(stored, given)) return null
	if (row.session.expiresAt.getTime() <= now.getTime()) {
		await db.delete(authSessions).where(eq(authSessions.id, id))
		return null
	}
	let expiresAt = row.session.expiresAt
	const renewed = expiresAt.getTime() - now.getTime() < SESSION_LIFETIME_MS / 2
	if (renewed) {
		expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS)
		await db.update(authSessions).set({ expiresAt }).where(eq(authSessions.id, id))
	}
	return { sessionId: id, user: row.user, photoVersion: row.photoVersion, expiresAt, renewed }
}

export async function deleteSession(sessionId: string): Promise<void> {
	await getDb().delete(authSessions).where(eq(authSessions.id, sessionId))
}

export async function deleteAllSessions(userId: string): Promise<void> {
	await getDb().delete(authSessions).where(eq(authSessions.userId, userId))
}
