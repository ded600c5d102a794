/**
 * How hard a login may be tried. Attempts are counted before the password is checked, so however
 * many arrive at once, no more than `points` of them are checked per window.
 *
 * - per account and address: a guesser at one address gets 10 tries per 15 minutes at one account;
 * - per address: 100 tries per hour over all accounts (credential stuffing from one address);
 * - per account, from every unknown device: never a lock. After 10 attempts within an hour and
 *   since the last successful login, each further attempt must come after a pause twice as long
 *   as the one before (1 s, 2 s, 4 s … at most 5 minutes), and one attempt gets through per pause: a
 *   distributed guesser is slowed to a crawl, however many requests it sends at once;
 * - per known device (a device this account logged in from before, named by a signed cookie):
 *   10 tries per 15 minutes, and nothing else: a stranger's failures never block it.
 */
export const LOGIN_THROTTLE = {
	perAccountAddress: { points: 10, durationSeconds: 15 * 60 },
	perAddress: { points: 100, durationSeconds: 60 * 60 },
	perKnownDevice: { points: 10, durationSeconds: 15 * 60 },
	accountAttempts: { windowSeconds: 60 * 60, freeAttempts: 10, maxDelaySeconds: 5 * 60 },
} as const

export const SIGNUP_THROTTLE = {
	perAddress: { points: 30, durationSeconds: 60 },
	perAccount: { points: 5, durationSeconds: 60 },
} as const

/**
 * Password reset requests: an address may ask 20 times an hour over all accounts, and one email
 * address gets at most 3 links an hour (each is an email in someone's inbox). Counted whether or
 * not the address has an account, so the refusal reveals nothing either.
 */
export const RESET_THROTTLE = {
	perAddress: { points: 20, durationSeconds: 60 * 60 },
	perAccount: { points: 3, durationSeconds: 60 * 60 },
} as const

/** Verification emails asked for again: a few an hour per account is plenty for a slow inbox. */
export const VERIFY_RESEND_THROTTLE = {
	perAccount: { points: 3, durationSeconds: 60 * 60 },
} as const

/** The pause before an attempt at an account that already had `earlier` unsuccessful attempts this hour. */
export function accountPaceSeconds(earlier: number): number {
	const { freeAttempts, maxDelaySeconds } = LOGIN_THROTTLE.accountAttempts
	if (earlier < freeAttempts) return 0
	return Math.min(2 ** (earlier - freeAttempts), maxDelaySeconds)
}
