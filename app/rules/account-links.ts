/**
 * Links emailed about an account (password reset, email verification), pure: what their token holds.
 *
 * A token is `<userId>.<expiresAt ms>.<fingerprint>.<signature>`. The fingerprint is derived from
 * what the account had when the link was sent (its password hash, its address), so a link stops
 * working once that changes, with no table to keep; the signature is an HMAC for the link's purpose.
 */
export type AccountLinkParts = { userId: string; expiresAt: number; fingerprint: string; signature: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const BASE64URL = /^[A-Za-z0-9_-]{16,64}$/

/** The token's parts, or null when it cannot be one (a mistyped or cut link). */
export function parseAccountLinkToken(token: string): AccountLinkParts | null {
	const parts = token.split('.')
	if (parts.length !== 4) return null
	const [userId, expires, fingerprint, signature] = parts as [string, string, string, string]
	if (!UUID.test(userId) || !/^\d{13}$/.test(expires) || !BASE64URL.test(fingerprint) || !BASE64URL.test(signature)) return null
	return { userId, expiresAt: Number(expires), fingerprint, signature }
}

export const accountLinkPayload = (p: Pick<AccountLinkParts, 'userId' | 'expiresAt' | 'fingerprint'>) => `${p.userId}.${p.expiresAt}.${p.fingerprint}`

/** A reset link works for an hour, and once: setting a password (a fresh argon2 salt) changes its fingerprint. */
export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000

/** A verification link works for a week, for the address it was sent to. */
export const VERIFY_LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000
