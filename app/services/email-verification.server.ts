import { and, eq, isNull } from 'drizzle-orm'
import { getDb, type Transaction } from '../../db/client'
import { users } from '../../db/schema'
import { accountLinkPayload, parseAccountLinkToken, VERIFY_LINK_LIFETIME_MS } from '../rules/account-links'
import { DomainError } from '../utils/errors'
import { getEnv } from '../utils/env.server'
import { hasValidSignature, sign } from '../utils/signing.server'
import { queueEmail } from './outbox.server'
import { admitVerificationResend } from './throttle.server'

/**
 * Email verification (app/rules/account-links.ts): sign-up emails a signed link for a week; opening
 * it shows a button (mail scanners follow links, and must not confirm an address for someone else),
 * pressing it marks the address verified. Booking waits for that.
 */

const fingerprintOf = (email: string) => sign('email-verification-fingerprint', email.toLowerCase()).slice(0, 22)

function tokenFor(user: { id: string; email: string }, now: Date): string {
	const parts = { userId: user.id, expiresAt: now.getTime() + VERIFY_LINK_LIFETIME_MS, fingerprint: fingerprintOf(user.email) }
	return `${accountLinkPayload(parts)}.${sign('email-verification', accountLinkPayload(parts))}`
}

/** Queues the verification email in the caller's transaction (sign-up's, or a resend's). */
export async function queueVerificationEmail(tx: Transaction, user: { id: string; email: string }, now: Date): Promise<void> {
	await queueEmail(tx, {
		to: user.id,
		template: 'verify_email',
		data: {
			verifyUrl: `${getEnv().APP_URL}/verify-email/${tokenFor(user, now)}`,
			expiresAt: new Date(now.getTime() + VERIFY_LINK_LIFETIME_MS).toISOString(),
		},
	})
}

/** Another link, for a signed-in person whose address is not verified yet; a few an hour. */
export async function resendVerificationEmail(input: { userId: string; now: Date }): Promise<{ email: string }> {
	const [user] = await getDb().select({ id: users.id, email: users.email, emailVerifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, input.userId))
	if (!user) throw new DomainError('not_found', 'That account does not exist.')
	if (user.emailVerifiedAt) throw new DomainError('already_verified', 'Your email address is already confirmed.')
	await admitVerificationResend(user.id)
	await getDb().transaction((tx) => queueVerificationEmail(tx, user, input.now))
	return { email: user.email }
}

type Holder = { id: string; email: string; emailVerifiedAt: Date | null }

const invalid = () =>
	new DomainError('verify_link_invalid', 'This confirmation link is not valid. Check that the whole link was copied, or ask for a new one from your dashboard.')

/** The account a link verifies, or why it cannot: not ours, or for another address (404), expired (410). */
async function holderOf(token: string, now: Date): Promise<Holder> {
	const parts = parseAccountLinkToken(token)
	if (!parts || !hasValidSignature('email-verification', accountLinkPayload(parts), parts.signature)) throw invalid()
	const [user] = await getDb()
		.select({ id: users.id, email: users.email, emailVerifiedAt: users.emailVerifiedAt })
		.from(users)
		.where(eq(users.id, parts.userId))
	if (!user || parts.fingerprint !== fingerprintOf(user.email)) throw invalid()
	// An address already confirmed stays confirmed: an old link then just says so.
	if (!user.emailVerifiedAt && now.getTime() >= parts.expiresAt) {
		throw new DomainError('verify_link_expired', 'This confirmation link has expired: links work for a week. Log in and ask for a new one.')
	}
	return user
}

/** What an opened link is for (its page names the address and whether it is already confirmed). */
export async function readVerificationLink(token: string, now: Date): Promise<{ email: string; verified: boolean }> {
	const user = await holderOf(token, now)
	return { email: user.email, verified: user.emailVerifiedAt !== null }
}

/** Marks the address verified; using the link again changes nothing. */
export async function verifyEmail(input: { token: string; now: Date }): Promise<{ userId: string; email: string }> {
	const user = await holderOf(input.token, input.now)
	await getDb()
		.update(users)
		.set({ emailVerifiedAt: input.now, updatedAt: input.now })
		.where(and(eq(users.id, user.id), isNull(users.emailVerifiedAt)))
	return { userId: user.id, email: user.email }
}
