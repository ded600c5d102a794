import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { authSessions, menteeProfiles, mentorProfiles, users } from '../../db/schema'
import * as login from '../../app/routes/api.v1.auth.login'
import * as logout from '../../app/routes/api.v1.auth.logout'
import * as signup from '../../app/routes/api.v1.auth.signup'
import * as me from '../../app/routes/api.v1.me'
import * as unknown from '../../app/routes/api.v1.$'
import { advanceClock, freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { call, cookieFrom } from '../support/http'
import { createUser, uniqueEmail } from '../support/factories'

afterEach(() => resetClock())

const signupBody = (overrides: Record<string, unknown> = {}) => ({
	email: uniqueEmail(),
	password: 'correct horse battery',
	name: 'Grace Hopper',
	role: 'mentee',
	timeZone: 'America/New_York',
	...overrides,
})

const countUsers = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n

describe('POST /api/v1/auth/signup', () => {
	test('creates the account, a mentee profile and a session cookie with safe flags', async () => {
		const body = signupBody()
		const { response, json } = await call(signup.action, { path: '/api/v1/auth/signup', body })
		expect(response.status).toBe(201)
		expect(json.user).toMatchObject({ email: body.email, name: 'Grace Hopper', timeZone: 'America/New_York', roles: { mentee: true, mentor: false, admin: false } })
		expect(json.user).not.toHaveProperty('passwordHash')
		const cookie = response.headers.get('Set-Cookie')!
		expect(cookie).toMatch(/^mentora_session=[a-z0-9]+\.[a-z0-9]+;/)
		expect(cookie).toContain('HttpOnly')
		expect(cookie).toContain('SameSite=Lax')
		expect(cookie).toContain('Path=/')
		const profiles = await getDb().select().from(menteeProfiles).where(eq(menteeProfiles.userId, json.user.id))
		expect(profiles).toHaveLength(1)
	})

	test('a mentor gets a dossier with a unique public slug', async () => {
		const first = await call(signup.action, { path: '/api/v1/auth/signup', body: signupBody({ role: 'mentor', name: 'Zoë O’Brien' }) })
		const second = await call(signup.action, { path: '/api/v1/auth/signup', body: signupBody({ role: 'mentor', name: 'Zoe OBrien' }) })
		const slugs = await getDb()
			.select({ slug: mentorProfiles.slug })
			.from(mentorProfiles)
			.where(sql`${mentorProfiles.userId} in (${first.json.user.id}, ${second.json.user.id})`)
		expect(slugs.map((s) => s.slug).sort()).toEqual(['zoe-obrien', 'zoe-obrien-2'])
	})

	test('stores neither the password nor the session token in plain text', async () => {
		const body = signupBody({ password: 'plain-text-would-be-bad' })
		const { response, json } = await call(signup.action, { path: '/api/v1/auth/signup', body })
		const token = cookieFrom(response)!.split('=')[1]!
		const [id, secret] = token.split('.') as [string, string]
		const [user] = await getDb().select().from(users).where(eq(users.id, json.user.id))
		expect(user!.passwordHash).toMatch(/^\$argon2id\$/)
		expect(user!.passwordHash).not.toContain(body.password)
		const [session] = await getDb().select().from(authSessions).where(eq(authSessions.userId, json.user.id))
		expect(session!.id).toBe(id)
		expect(session!.secretHash).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(secret))))
		expect(JSON.stringify(session)).not.toContain(secret)
	})

	test('the same email in another case is taken (409), and nothing is written', async () => {
		const body = signupBody({ email: 'Ada.Lovelace@Example.com' })
		expect((await call(signup.action, { path: '/api/v1/auth/signup', body })).response.status).toBe(201)
		const before = await countUsers()
		const { response, json } = await call(signup.action, {
			path: '/api/v1/auth/signup',
			body: { ...body, email: 'ada.lovelace@example.COM' },
		})
		expect(response.status).toBe(409)
		expect(json.error.code).toBe('email_taken')
		expect(json.error.fields.email).toBeDefined()
		expect(await countUsers()).toBe(before)
	})

	test.each([
		['not JSON', '{"email": ', 400, 'invalid_json'],
		['a JSON array', '[1,2]', 400, 'invalid_json'],
		['null', 'null', 400, 'invalid_json'],
		['an empty body', '', 400, 'invalid_json'],
	])('%s answers %i with the error shape and writes nothing', async (_label, rawBody, status, code) => {
		const before = await countUsers()
		const { response, json } = await call(signup.action, { path: '/api/v1/auth/signup', rawBody })
		expect(response.status).toBe(status)
		expect(json).toEqual({ error: { code, message: expect.any(String) } })
		expect(await countUsers()).toBe(before)
	})

	test('wrong types and bad values answer 422 with a message per field, writing nothing', async () => {
		const before = await countUsers()
		const { response, json } = await call(signup.action, {
			path: '/api/v1/auth/signup',
			body: { email: 42, password: 'short', name: '', role: 'admin', timeZone: 'Mars/Olympus_Mons' },
		})
		expect(response.status).toBe(422)
		expect(json.error.code).toBe('validation_failed')
		expect(Object.keys(json.error.fields).sort()).toEqual(['email', 'name', 'password', 'role', 'timeZone'])
		expect(await countUsers()).toBe(before)
	})

	test('GET is not the way to sign up: 405 in the error shape', async () => {
		const response = signup.loader()
		expect(response.status).toBe(405)
		expect((await response.json()).error.code).toBe('method_not_allowed')
	})
})

describe('POST /api/v1/auth/login', () => {
	test('logs in with the right password whatever the email case, and /me answers with the user', async () => {
		const { user, password } = await createUser({ email: uniqueEmail('Case') })
		const { response, json } = await call(login.action, {
			path: '/api/v1/auth/login',
			body: { email: user.email.toUpperCase(), password },
		})
		expect(response.status).toBe(200)
		expect(json.user.id).toBe(user.id)
		const mine = await call(me.loader, { path: '/api/v1/me', cookie: cookieFrom(response) })
		expect(mine.response.status).toBe(200)
		expect(mine.json.user).toMatchObject({ id: user.id, email: user.email })
	})

	test('a wrong password and an unknown email get the identical answer', async () => {
		const { user } = await createUser()
		const wrong = await call(login.action, { path: '/api/v1/auth/login', body: { email: user.email, password: 'not-the-password' }, ip: '192.0.2.1' })
		const unknownEmail = await call(login.action, { path: '/api/v1/auth/login', body: { email: uniqueEmail('ghost'), password: 'not-the-password' }, ip: '192.0.2.2' })
		expect(wrong.response.status).toBe(401)
		expect(unknownEmail.response.status).toBe(wrong.response.status)
		expect(unknownEmail.json).toEqual(wrong.json)
		expect(wrong.json.error.code).toBe('invalid_credentials')
		expect(wrong.response.headers.get('Set-Cookie')).toBeNull()
	})
})

describe('sessions', () => {
	test('logout deletes the session and clears the cookie; /me then answers 401', async () => {
		const { user, cookie } = await createUser()
		const out = await call(logout.action, { path: '/api/v1/auth/logout', method: 'POST', cookie })
		expect(out.response.status).toBe(200)
		expect(out.response.headers.get('Set-Cookie')).toMatch(/^mentora_session=;.*Max-Age=0/)
		expect(await getDb().select().from(authSessions).where(eq(authSessions.userId, user.id))).toHaveLength(0)
		const mine = await call(me.loader, { path: '/api/v1/me', cookie })
		expect(mine.response.status).toBe(401)
		expect(mine.json.error.code).toBe('unauthenticated')
	})

	test('a forged secret for a real session id is refused', async () => {
		const { token } = await createUser()
		const [id] = token.split('.')
		const mine = await call(me.loader, { path: '/api/v1/me', cookie: `mentora_session=${id}.${'a'.repeat(39)}` })
		expect(mine.response.status).toBe(401)
	})

	test('expiry slides: a session used after 20 days is renewed, one unused for 31 days is gone', async () => {
		freezeClockAt(new Date('2027-02-01T08:00:00Z'))
		const active = await call(login.action, { path: '/api/v1/auth/login', body: await credentials() })
		const idle = await call(login.action, { path: '/api/v1/auth/login', body: await credentials() })
		advanceClock(20 * 86_400_000)
		const used = await call(me.loader, { path: '/api/v1/me', cookie: cookieFrom(active.response) })
		expect(used.response.status).toBe(200)
		expect(used.context.responseCookies[0]).toMatch(/Max-Age=2592000/)
		advanceClock(11 * 86_400_000)
		expect((await call(me.loader, { path: '/api/v1/me', cookie: cookieFrom(active.response) })).response.status).toBe(200)
		expect((await call(me.loader, { path: '/api/v1/me', cookie: cookieFrom(idle.response) })).response.status).toBe(401)
	})

	test('unknown API paths answer 404 in the error shape', async () => {
		const { response, json } = await call(unknown.loader, { path: '/api/v1/nope' })
		expect(response.status).toBe(404)
		expect(json.error.code).toBe('not_found')
	})
})

async function credentials() {
	const { user, password } = await createUser()
	return { email: user.email, password }
}
