import { eq, sql } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { authSessions, users } from '../../db/schema'
import { accountLinkPayload, parseAccountLinkToken, RESET_LINK_LIFETIME_MS } from '../rules/account-links'
import { DomainError } from '../utils/errors'
import { getEnv } from '../utils/env.server'
import { hasValidSignature, sign } from '../utils/signing.server'
import { createSession } from './auth-sessions.server'
import { queueEmail } from './outbox.server'
import { hashPassword } from './password.server'
import { admitPasswordResetRequest } from './throttle.server'

/**
 * Password reset by email (app/rules/account-links.ts): a signed link that works for an hour and
 * once. Asking for one answers the same whether or not the address has an account; setting the
 * new password signs out every session of the account and signs this browser in.
 */

const fingerprintOf = (passwordHash: string) => sign('password-reset-fingerprint', passwordHash).slice(0, 22)

function tokenFor(user: { id: string; passwordHash: string }, now: Date): string {
	const parts = { userId: user.id, expiresAt: now.getTime() + RESET_LINK_LIFETIME_MS, fingerprint: fingerprintOf(user.passwordHash) }
	return `${accountLinkPayload(parts)}.${sign('password-reset', accountLinkPayload(parts))}`
}

export const resetUrl = (token: string) => `${getEnv().APP_URL}/reset-password/${token}`

/** Emails a reset link when the address has an account; nothing tells the caller which. */
export async function requestPasswordReset(input: { email: string; ip: string; now: Date }): Promise<void> {
	await admitPasswordResetRequest(input.email, input.ip)
	await getDb().transaction(async (tx) => {
		const [user] = await tx
			.select({ id: users.id, passwordHash: users.passwordHash })
			.from(users)
			.where(sql`lower(${users.email}) = lower(${input.email})`)
		if (!user) return
		const token = tokenFor(user, input.now)
		await queueEmail(tx, {
			to: user.id,
			template: 'password_reset',
			data: { resetUrl: resetUrl(token), expiresAt: new Date(input.now.getTime() + RESET_LINK_LIFETIME_MS).toISOString() },
		})
	})
}

const invalid = () => new DomainError('reset_link_invalid', 'This reset link is not valid. Check that the whole link was copied, or ask for a new one.')

type Holder = { id: string; email: string; passwordHash: string }

/** The account a link resets, or why it cannot: not a link of ours (404), expired (410), already used (409). */
function check(token: string, user: Holder | undefined, now: Date): Holder {
	const parts = parseAccountLinkToken(token)
	if (!parts || !hasValidSignature('password-reset', accountLinkPayload(parts), parts.signature) || !user || user.id !== parts.userId) throw invalid()
	if (now.getTime() >= parts.expiresAt) throw new DomainError('reset_link_expired', 'This reset link has expired: links work for an hour. Ask for a new one.')
	if (parts.fingerprint !== fingerprintOf(user.passwordHash)) {
		throw new DomainError('reset_link_used', 'This reset link was already used: the password has changed since it was sent. Ask for a new one if you need to.')
	}
	return user
}

async function holderOf(token: string): Promise<Holder | undefined> {
	const userId = parseAccountLinkToken(token)?.userId
	if (!userId) return undefined
	const [user] = await getDb().select({ id: users.id, email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId))
	return user
}

/** Whom an opened link is for (its page names the address), or the refusal. */
export async function readResetLink(token: string, now: Date): Promise<{ email: string }> {
	const user = check(token, await holderOf(token), now)
	return { email: user.email }
}

/**
 * Sets the new password and signs out every session of the account, in one transaction that holds
 * the account's row: of two uses of one link at once, one sets the password and the other is told
 * the link was used. Returns a new session for this browser.
 */
export async function resetPassword(input: { token: string; password: string; now: Date }) {
	// Hashed before the transaction: argon2 takes a while and must not hold the row meanwhile.
	const passwordHash = await hashPassword(input.password)
	const userId = await getDb().transaction(async (tx) => {
		const userId = parseAccountLinkToken(input.token)?.userId
		const [user] = userId
			? await tx.select({ id: users.id, email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).for('update')
			: []
		const holder = check(input.token, user, input.now)
		await tx.update(users).set({ passwordHash, updatedAt: input.now }).where(eq(users.id, holder.id))
		await tx.delete(authSessions).where(eq(authSessions.userId, holder.id))
		return holder.id
	})
	return { userId, session: await createSession(userId, input.now) }
}
