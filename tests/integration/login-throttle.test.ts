import { describe, expect, test } from 'vitest'
import * as login from '../../app/routes/api.v1.auth.login'
import * as signup from '../../app/routes/api.v1.auth.signup'
import { LOGIN_THROTTLE } from '../../app/rules/login-throttle'
import { createUser, uniqueEmail } from '../support/factories'
import { call } from '../support/http'

const PER_ACCOUNT_ADDRESS = LOGIN_THROTTLE.perAccountAddress.points
const FREE_ATTEMPTS = LOGIN_THROTTLE.accountAttempts.freeAttempts

let addresses = 0
/** An address no other test of this file used. */
const newAddress = () => `198.51.${Math.floor(++addresses / 250)}.${addresses % 250}`

function attempt(email: string, password: string, ip: string, deviceCookie?: string) {
	return call(login.action, { path: '/api/v1/auth/login', body: { email, password }, ip, cookie: deviceCookie })
}

function deviceCookieOf(response: Response): string {
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mentora_device='))
	if (!cookie) throw new Error('no device cookie was set')
	return cookie.split(';')[0]!
}

const statuses = (answers: { response: Response }[]) => answers.map((a) => a.response.status)
const countOf = (list: number[], status: number) => list.filter((s) => s === status).length

describe('login throttling', () => {
	test('60 concurrent wrong passwords from one address: at most 10 are checked, the rest and the right one answer 429', async () => {
		const { user, password } = await createUser()
		const ip = newAddress()
		const answers = statuses(await Promise.all(Array.from({ length: 60 }, () => attempt(user.email, 'not-the-password', ip))))
		expect(countOf(answers, 401)).toBeLessThanOrEqual(PER_ACCOUNT_ADDRESS)
		expect(countOf(answers, 401) + countOf(answers, 429)).toBe(60)
		const right = await attempt(user.email, password, ip)
		expect(right.response.status).toBe(429)
		expect(right.json.error.code).toBe('rate_limited')
		expect(Number(right.response.headers.get('Retry-After'))).toBeGreaterThan(0)
	})

	test('60 concurrent wrong passwords from 60 addresses check at most the free attempts and one more', async () => {
		const { user } = await createUser()
		const answers = statuses(await Promise.all(Array.from({ length: 60 }, () => attempt(user.email, 'not-the-password', newAddress()))))
		expect(countOf(answers, 401)).toBeLessThanOrEqual(FREE_ATTEMPTS + 1)
		expect(countOf(answers, 429)).toBeGreaterThanOrEqual(60 - FREE_ATTEMPTS - 1)
		const refused = await attempt(user.email, 'not-the-password', newAddress())
		// Slowed, never locked: the pause is at most five minutes.
		expect(refused.response.status).toBe(429)
		expect(Number(refused.response.headers.get('Retry-After'))).toBeLessThanOrEqual(LOGIN_THROTTLE.accountAttempts.maxDelaySeconds)
	})

	test("a stranger's ten wrong passwords from one address do not keep the owner out from another", async () => {
		const { user, password } = await createUser()
		const stranger = newAddress()
		for (let i = 0; i < PER_ACCOUNT_ADDRESS; i++) expect((await attempt(user.email, 'guess', stranger)).response.status).toBe(401)
		expect((await attempt(user.email, 'guess', stranger)).response.status).toBe(429)
		expect((await attempt(user.email, password, newAddress())).response.status).toBe(200)
	})

	test('a known device logs in at once while strangers hammer the account from everywhere', async () => {
		const { user, password } = await createUser()
		const first = await attempt(user.email, password, newAddress())
		expect(first.response.status).toBe(200)
		const device = deviceCookieOf(first.response)

		await Promise.all(Array.from({ length: 40 }, () => attempt(user.email, 'not-the-password', newAddress())))
		expect((await attempt(user.email, password, newAddress())).response.status).toBe(429)

		const again = await attempt(user.email, password, newAddress(), device)
		expect(again.response.status).toBe(200)
		expect(deviceCookieOf(again.response)).toBe(device)
	})

	test("a device cookie forged, tampered with or of another account earns no exemption", async () => {
		const { user, password } = await createUser()
		const other = await createUser()
		const othersDevice = deviceCookieOf((await attempt(other.user.email, other.password, newAddress())).response)
		const tampered = `${othersDevice.slice(0, -2)}xx`
		await Promise.all(Array.from({ length: 30 }, () => attempt(user.email, 'not-the-password', newAddress())))
		for (const cookie of [othersDevice, tampered, 'mentora_device=abc.def']) {
			expect((await attempt(user.email, password, newAddress(), cookie)).response.status).toBe(429)
		}
	})

	test('one address trying many accounts is stopped after the per-address limit', async () => {
		const ip = newAddress()
		const { points } = LOGIN_THROTTLE.perAddress
		const answers = statuses(await Promise.all(Array.from({ length: points + 20 }, (_, i) => attempt(uniqueEmail(`spray${i}`), 'not-the-password', ip))))
		expect(countOf(answers, 401)).toBe(points)
		expect(countOf(answers, 429)).toBe(20)
	})

	test('a successful login clears the counts of its account, at its address and everywhere', async () => {
		const { user, password } = await createUser()
		const ip = newAddress()
		for (let round = 0; round < 3; round++) {
			for (let i = 0; i < PER_ACCOUNT_ADDRESS - 1; i++) expect((await attempt(user.email, 'typo', ip)).response.status).toBe(401)
			expect((await attempt(user.email, password, ip)).response.status).toBe(200)
		}
	})

	test('sign-ups are limited per account, counted before the account is created, under concurrency', async () => {
		const email = uniqueEmail('twice')
		const body = { email, password: 'correct horse battery', name: 'Ada', role: 'mentee', timeZone: 'Europe/Berlin' }
		const answers = statuses(await Promise.all(Array.from({ length: 20 }, () => call(signup.action, { path: '/api/v1/auth/signup', body, ip: newAddress() }))))
		expect(countOf(answers, 201)).toBe(1)
		expect(countOf(answers, 429)).toBe(20 - 5)
	})
})
