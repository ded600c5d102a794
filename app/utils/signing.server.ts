import { createHmac, timingSafeEqual } from 'node:crypto'
import { getEnv } from './env.server'

// Local runs and tests only: production refuses to start without EMAIL_LINK_SECRET.
const DEV_SECRET = 'mentora-local-email-link-secret-not-for-production'

/** An HMAC of `value` for one purpose, so a signature made for one thing is never valid for another. */
export function sign(purpose: string, value: string): string {
	return createHmac('sha256', getEnv().EMAIL_LINK_SECRET ?? DEV_SECRET)
		.update(`${purpose}:${value}`)
		.digest('base64url')
}

export function hasValidSignature(purpose: string, value: string, signature: string): boolean {
	const expected = Buffer.from(sign(purpose, value))
	const given = Buffer.from(signature)
	return expected.length === given.length && timingSafeEqual(expected, given)
}
