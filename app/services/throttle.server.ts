import { randomBytes } from 'node:crypto'
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible'
import { getDb } from '../../db/client'
import { throttleCounters } from '../../db/schema'
import { accountPaceSeconds, LOGIN_THROTTLE, RESET_THROTTLE, SIGNUP_THROTTLE, VERIFY_RESEND_THROTTLE } from '../rules/login-throttle'
import { DomainError } from '../utils/errors'
import { hasValidSignature, sign } from '../utils/signing.server'

/**
 * Login and sign-up throttling (app/rules/login-throttle.ts says how much) on
 * rate-limiter-flexible's Drizzle store: each count is one atomic upsert in PostgreSQL, shared by
 * every web process. Expired counters are purged by the purge-expired-sessions job.
 */
function limiter(keyPrefix: string, limit: { points: number; durationSeconds: number }) {
	return new RateLimiterDrizzle({
		storeClient: getDb(),
		schema: throttleCounters,
		keyPrefix,
		points: limit.points,
		duration: limit.durationSeconds,
		clearExpiredByTimeout: false,
	})
}

const limiters = {
	accountAddress: () => limiter('login:account-address', LOGIN_THROTTLE.perAccountAddress),
	address: () => limiter('login:address', LOGIN_THROTTLE.perAddress),
	knownDevice: () => limiter('login:device', LOGIN_THROTTLE.perKnownDevice),
	// A counter, never refused: attempts at an account from unknown devices this hour since its last success.
	accountAttempts: () =>
		limiter('login:account-attempts', { points: Number.MAX_SAFE_INTEGER, durationSeconds: LOGIN_THROTTLE.accountAttempts.windowSeconds }),
	// One attempt per pace interval; the interval is given per attempt.
	accountPace: () => limiter('login:account-pace', { points: 1, durationSeconds: 1 }),
	signupAddress: () => limiter('signup:address', SIGNUP_THROTTLE.perAddress),
	signupAccount: () => limiter('signup:account', SIGNUP_THROTTLE.perAccount),
	resetAddress: () => limiter('reset:address', RESET_THROTTLE.perAddress),
	resetAccount: () => limiter('reset:account', RESET_THROTTLE.perAccount),
	verifyResend: () => limiter('verify:account', VERIFY_RESEND_THROTTLE.perAccount),
}

function rateLimited(msBeforeNext: number): DomainError {
	const wait = Math.max(1, Math.ceil(msBeforeNext / 1000))
	return new DomainError('rate_limited', `Too many attempts. Try again in ${wait} second${wait === 1 ? '' : 's'}.`, undefined, {
		'Retry-After': String(wait),
	})
}

/** Counts one attempt; a refused count throws `rate_limited` with Retry-After. */
async function count(attempt: Promise<RateLimiterRes>): Promise<void> {
	try {
		await attempt
	} catch (refusal) {
		if (refusal instanceof RateLimiterRes) throw rateLimited(refusal.msBeforeNext)
		throw refusal
	}
}

export type LoginAttempt = { email: string; ip: string; userId: string | null; deviceToken: string | null }

/** The device this account logged in from before, when the request carries its signed cookie. */
export function knownDevice(attempt: LoginAttempt): string | null {
	const [nonce, signature, ...rest] = (attempt.deviceToken ?? '').split('.')
	if (!attempt.userId || !nonce || !signature || rest.length > 0) return null
	return hasValidSignature('device', `${attempt.userId}.${nonce}`, signature) ? nonce : null
}

/** A new signed device token for `userId`, set as a cookie after a successful login. */
export function newDeviceToken(userId: string): string {
	const nonce = randomBytes(16).toString('base64url')
	return `${nonce}.${sign('device', `${userId}.${nonce}`)}`
}

const accountKey = (email: string) => email.toLowerCase()

/** Counts a login attempt before its password is checked; throws `rate_limited` when it must wait. */
export async function admitLoginAttempt(attempt: LoginAttempt): Promise<void> {
	const device = knownDevice(attempt)
	if (device) return count(limiters.knownDevice().consume(`${attempt.userId}:${device}`))
	const account = accountKey(attempt.email)
	await count(limiters.accountAddress().consume(`${account}:${attempt.ip}`))
	await count(limiters.address().consume(attempt.ip))
	// Counted atomically before the pace is read, so concurrent attempts each see a different count.
	const attempts = await limiters.accountAttempts().consume(account)
	const pace = accountPaceSeconds(attempts.consumedPoints - 1)
	if (pace > 0) await count(limiters.accountPace().consume(account, 1, { customDuration: pace }))
}

/** A successful login clears what its account's attempts counted at that address or device, and account-wide. */
export async function recordLoginSuccess(attempt: LoginAttempt): Promise<void> {
	const device = knownDevice(attempt)
	if (device) {
		await limiters.knownDevice().delete(`${attempt.userId}:${device}`)
		return
	}
	await limiters.accountAddress().delete(`${accountKey(attempt.email)}:${attempt.ip}`)
	await limiters.address().reward(attempt.ip, 1)
	await limiters.accountAttempts().delete(accountKey(attempt.email))
}

export async function admitSignup(email: string, ip: string): Promise<void> {
	await count(limiters.signupAddress().consume(ip))
	await count(limiters.signupAccount().consume(accountKey(email)))
}

/** Counts a password reset request, whether or not the address has an account. */
export async function admitPasswordResetRequest(email: string, ip: string): Promise<void> {
	await count(limiters.resetAddress().consume(ip))
	await count(limiters.resetAccount().consume(accountKey(email)))
}

/** Counts a request for another verification email from one account. */
export async function admitVerificationResend(userId: string): Promise<void> {
	await count(limiters.verifyResend().consume(userId))
}
