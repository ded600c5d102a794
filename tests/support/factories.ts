import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { signUp } from '../../app/services/accounts.server'
import { getDb } from '../../db/client'
import { emailOutbox, users } from '../../db/schema'

let counter = 0

export function uniqueEmail(prefix = 'person'): string {
	counter += 1
	return `${prefix}-${counter}-${randomBytes(3).toString('hex')}@example.com`
}

/**
 * Signs a person up through the real service; returns the user, their password and session token.
 * The address counts as confirmed, as if the sign-up email's link had been followed long ago (that
 * email is gone from the outbox, so tests count only the emails they cause), unless `verified: false`.
 */
export async function createUser(overrides: { role?: 'mentee' | 'mentor'; email?: string; name?: string; timeZone?: string; verified?: boolean } = {}) {
	const password = `pw-${randomBytes(6).toString('hex')}`
	const input = {
		email: overrides.email ?? uniqueEmail(overrides.role ?? 'mentee'),
		password,
		name: overrides.name ?? 'Test Person',
		role: overrides.role ?? 'mentee',
		timeZone: overrides.timeZone ?? 'Europe/Berlin',
	} as const
	const signedUp = await signUp(input, { ip: `198.51.100.${(counter % 250) + 1}`, now: new Date() })
	const { session } = signedUp
	let user = signedUp.user
	if (overrides.verified !== false) {
		;[user] = (await getDb().update(users).set({ emailVerifiedAt: user.createdAt }).where(eq(users.id, user.id)).returning()) as [typeof user]
		await getDb().delete(emailOutbox).where(and(eq(emailOutbox.userId, user.id), eq(emailOutbox.template, 'verify_email')))
	}
	return { user, password, token: session.token, cookie: `mentora_session=${session.token}` }
}
