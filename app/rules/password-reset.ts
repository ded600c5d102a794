/**
 * Password reset links (PRODUCT.md "Accounts"), pure: how long one works and what its token holds.
 *
 * A token is `<userId>.<expiresAt ms>.<fingerprint>.<signature>`. The fingerprint is derived from the
 * password hash the account had when the link was sent, so setting a new password (a fresh argon2
 * salt) makes every earlier link unusable: a link works once, with no table to keep.
 */
export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000

export type ResetTokenParts = { userId: string; expiresAt: number; fingerprint: string; signature: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const BASE64URL = /^[A-Za-z0-9_-]{16,64}$/

/** The token's parts, or null when it cannot be one (a mistyped or cut link). */
export function parseResetToken(token: string): ResetTokenParts | null {
	const parts = token.split('.')
	if (parts.length !== 4) return null
	const [userId, expires, fingerprint, signature] = parts as [string, string, string, string]
	if (!UUID.test(userId) || !/^\d{13}$/.test(expires) || !BASE64URL.test(fingerprint) || !BASE64URL.test(signature)) return null
	return { userId, expiresAt: Number(expires), fingerprint, signature }
}

export const resetTokenPayload = (p: Pick<ResetTokenParts, 'userId' | 'expiresAt' | 'fingerprint'>) => `${p.userId}.${p.expiresAt}.${p.fingerprint}`
