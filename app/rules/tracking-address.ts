/**
 * "Every relationship has a private tracking address, `<token>@<MENTORA_INBOUND_DOMAIN>`": mail
 * either person sends with it in To or Cc lands in the relationship's timeline.
 */

/** The largest mail accepted at the tracking address, whole message as sent (10 MB). */
export const MAX_TRACKED_EMAIL_BYTES = 10 * 1024 * 1024

/** Tokens are 32 lowercase hex characters (a uuid without its dashes). */
const TOKEN = /^[0-9a-f]{32}$/

export function trackingAddress(token: string, domain: string): string {
	return `${token}@${domain.toLowerCase()}`
}

/**
 * The token in a tracking address, or null when the address is not one. Mail systems may change
 * the case of the local part, so it is read case-insensitively; the domain must be ours exactly
 * (case aside), never a subdomain or a look-alike.
 */
export function parseTrackingAddress(address: string, domain: string): string | null {
	const trimmed = address.trim().replace(/^<(.*)>$/, '$1')
	const at = trimmed.lastIndexOf('@')
	if (at <= 0) return null
	const local = trimmed.slice(0, at).toLowerCase()
	if (trimmed.slice(at + 1).toLowerCase() !== domain.toLowerCase()) return null
	return TOKEN.test(local) ? local : null
}

/** The tracking tokens among the addresses, in their order (To, Cc, then the envelope's recipients), each once. */
export function findTrackingTokens(addresses: readonly string[], domain: string): string[] {
	const tokens = addresses.map((address) => parseTrackingAddress(address, domain)).filter((token): token is string => token !== null)
	return [...new Set(tokens)]
}
