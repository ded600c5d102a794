import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { authSessions, emailOutbox } from '../../db/schema'
import * as forgotPage from '../../app/routes/forgot-password'
import * as resetPage from '../../app/routes/reset-password.$token'
import { RESET_THROTTLE } from '../../app/rules/login-throttle'
import { RESET_LINK_LIFETIME_MS } from '../../app/rules/account-links'
import { logIn } from '../../app/services/accounts.server'
import { readResetLink, requestPasswordReset, resetPassword } from '../../app/services/password-reset.server'
import { validateSessionToken } from '../../app/services/auth-sessions.server'
import { isDomainError } from '../../app/utils/errors'
import { createUser, uniqueEmail } from '../support/factories'
import { emailsTo } from '../support/outbox'
import { submit } from '../support/forms'

const NOW = new Date()
let addresses = 0
const newAddress = () => `192.0.2.${++addresses}`

/** The token of the newest reset email to `userId`, read from its link as the reader would. */
async function tokenMailedTo(userId: string): Promise<string> {
	const resets = (await emailsTo(userId)).filter((e) => e.template === 'password_reset')
	const link = /\/reset-password\/([^"\s<]+)/.exec(resets.at(-1)?.text ?? '')
	if (!link) throw new Error('no reset link was mailed')
	return decodeURIComponent(link[1]!)
}

async function refusal(run: Promise<unknown>): Promise<string> {
	try {
		await run
	} catch (error) {
		if (isDomainError(error)) return error.code
		throw error
	}
	throw new Error('expected a refusal')
}

const resetEmailsTo = async (address: string) => (await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, address))).filter((e) => e.template === 'password_reset')

describe('password reset', () => {
	test('the emailed link sets a new password once, signs out every session, and the old password stops working', async () => {
		const { user, password, token: oldSession } = await createUser({ timeZone: 'Asia/Tokyo' })
		await requestPasswordReset({ email: user.email.toUpperCase(), ip: newAddress(), now: NOW })
		const [email] = (await emailsTo(user.id)).filter((e) => e.template === 'password_reset')
		expect(email!.subject).toBe('Reset your Mentora password')
		expect(email!.text).toContain('Asia/Tokyo')
		const token = await tokenMailedTo(user.id)
		expect(await readResetLink(token, NOW)).toEqual({ email: user.email })

		const { session } = await resetPassword({ token, password: 'a brand new passphrase', now: NOW })
		expect(await validateSessionToken(oldSession, NOW)).toBeNull()
		expect(await validateSessionToken(session.token, NOW)).not.toBeNull()
		expect(await getDb().select().from(authSessions).where(eq(authSessions.userId, user.id))).toHaveLength(1)

		expect(await refusal(logIn({ email: user.email, password }, { ip: newAddress(), now: NOW }))).toBe('invalid_credentials')
		await logIn({ email: user.email, password: 'a brand new passphrase' }, { ip: newAddress(), now: NOW })

		// Used once: the same link, opened or posted again, is refused and changes nothing.
		expect(await refusal(readResetLink(token, NOW))).toBe('reset_link_used')
		expect(await refusal(resetPassword({ token, password: 'yet another passphrase', now: NOW }))).toBe('reset_link_used')
		await logIn({ email: user.email, password: 'a brand new passphrase' }, { ip: newAddress(), now: NOW })
	})

	test('two uses of one link at once: exactly one sets its password', async () => {
		const { user } = await createUser()
		await requestPasswordReset({ email: user.email, ip: newAddress(), now: NOW })
		const token = await tokenMailedTo(user.id)
		const outcomes = await Promise.allSettled(['first passphrase', 'second passphrase'].map((password) => resetPassword({ token, password, now: NOW })))
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
		const [refused] = outcomes.filter((o) => o.status === 'rejected')
		expect(isDomainError(refused!.reason) && refused!.reason.code).toBe('reset_link_used')
	})

	test('a link works for an hour; a forged, cut or other account’s link is not ours', async () => {
		const { user } = await createUser()
		const other = await createUser()
		await requestPasswordReset({ email: user.email, ip: newAddress(), now: NOW })
		const token = await tokenMailedTo(user.id)
		const justBefore = new Date(NOW.getTime() + RESET_LINK_LIFETIME_MS - 1000)
		expect(await readResetLink(token, justBefore)).toEqual({ email: user.email })
		expect(await refusal(readResetLink(token, new Date(NOW.getTime() + RESET_LINK_LIFETIME_MS)))).toBe('reset_link_expired')
		expect(await refusal(resetPassword({ token, password: 'too late passphrase', now: new Date(NOW.getTime() + RESET_LINK_LIFETIME_MS) }))).toBe(
			'reset_link_expired',
		)

		const [userId, expires, fingerprint, signature] = token.split('.') as [string, string, string, string]
		const longer = `${userId}.${Number(expires) + 86_400_000}.${fingerprint}.${signature}`
		const someoneElse = `${other.user.id}.${expires}.${fingerprint}.${signature}`
		for (const forged of [longer, someoneElse, token.slice(0, -3), 'nonsense', '']) {
			expect(await refusal(readResetLink(forged, NOW))).toBe('reset_link_invalid')
			expect(await refusal(resetPassword({ token: forged, password: 'a forged passphrase', now: NOW }))).toBe('reset_link_invalid')
		}
		await logIn({ email: other.user.email, password: other.password }, { ip: newAddress(), now: NOW })
	})

	test('the page answers the same whether or not the address has an account, and mails only an account', async () => {
		const { user } = await createUser()
		const stranger = uniqueEmail('nobody')
		const answers = await Promise.all(
			[user.email, stranger].map(async (email) => {
				const response = await submit(forgotPage.action, { path: '/forgot-password', cookie: '', fields: { email } })
				return { status: response.status, body: await response.json() }
			}),
		)
		expect(answers.map((a) => a.status)).toEqual([200, 200])
		expect(answers[0]!.body.sentTo).toBe(user.email)
		expect(answers[1]!.body.sentTo).toBe(stranger)
		expect(await resetEmailsTo(user.email)).toHaveLength(1)
		expect(await resetEmailsTo(stranger)).toHaveLength(0)

		const bad = await submit(forgotPage.action, { path: '/forgot-password', cookie: '', fields: { email: 'not an address' } })
		expect(bad.status).toBe(400)
	})

	test('one address gets at most 3 links an hour, told to wait whether or not it has an account', async () => {
		for (const email of [(await createUser()).user.email, uniqueEmail('nobody')]) {
			const ip = newAddress()
			for (let i = 0; i < RESET_THROTTLE.perAccount.points; i++) await requestPasswordReset({ email, ip, now: NOW })
			expect(await refusal(requestPasswordReset({ email, ip, now: NOW }))).toBe('rate_limited')
			expect((await resetEmailsTo(email)).length).toBeLessThanOrEqual(RESET_THROTTLE.perAccount.points)
		}
	})

	test('the reset page refuses a weak or mistyped password and a used link with a clear message, and signs the browser in', async () => {
		const { user } = await createUser()
		await requestPasswordReset({ email: user.email, ip: newAddress(), now: NOW })
		const token = await tokenMailedTo(user.id)
		const post = (fields: Record<string, string>) =>
			resetPage.action({ request: new Request(`http://localhost:3000/reset-password/${token}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) }), params: { token }, context: { ip: '203.0.113.9', responseCookies: [] } } as never)

		for (const fields of [
			{ password: '        ', confirmation: '        ' },
			{ password: 'short', confirmation: 'short' },
			{ password: 'a long passphrase', confirmation: 'a long passphrasf' },
		]) {
			const answer = (await post(fields)) as { init: { status: number } }
			expect(answer.init.status).toBe(400)
		}
		expect(await readResetLink(token, new Date())).toEqual({ email: user.email })

		const done = (await post({ password: 'a long passphrase', confirmation: 'a long passphrase' })) as Response
		expect(done.status).toBe(302)
		expect(done.headers.get('Location')).toBe('/dashboard')
		expect(done.headers.getSetCookie().some((c) => c.startsWith('mentora_session='))).toBe(true)

		const again = (await post({ password: 'a long passphrase', confirmation: 'a long passphrase' })) as { data: { result: { error: Record<string, string[]> } }; init: { status: number } }
		expect(again.init.status).toBe(409)
		const opened = (await resetPage.loader({ request: new Request(`http://localhost:3000/reset-password/${token}`), params: { token }, context: {} } as never)) as {
			data: { code: string }
			init: { status: number }
		}
		expect(opened.init.status).toBe(409)
		expect(opened.data.code).toBe('reset_link_used')
	})
})
