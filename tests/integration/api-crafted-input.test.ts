import { count } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { sessions, users } from '../../db/schema'
import * as login from '../../app/routes/api.v1.auth.login'
import * as signup from '../../app/routes/api.v1.auth.signup'
import * as bookingsIndex from '../../app/routes/api.v1.bookings._index'
import * as slots from '../../app/routes/api.v1.mentors.$slug.slots'
import { call } from '../support/http'
import { createUser } from '../support/factories'

/** Input no form sends but a script can: it must answer 4xx in the error shape, never a 500. */

describe('crafted input answers 4xx, never a 500', () => {
	test('a NUL character in a mentor slug answers 422 for slots and for a booking, and books nothing', async () => {
		const bad = await call(slots.loader, { path: '/api/v1/mentors/x/slots', params: { slug: 'a\u0000b' }, cookie: null })
		expect(bad.response.status).toBe(422)
		expect(bad.json.error.code).toBe('validation_failed')

		const { cookie } = await createUser({ role: 'mentee' })
		const [before] = await getDb().select({ n: count() }).from(sessions)
		const booking = await call(bookingsIndex.action, {
			path: '/api/v1/bookings',
			cookie,
			body: {
				mentor: 'a\u0000b',
				type: 'intro',
				start: '2030-01-07T09:00:00Z',
				introForm: { helpWith: 'Career change into data', goals: 'A plan for the year' },
			},
		})
		expect(booking.response.status).toBe(422)
		expect(booking.json.error.code).toBe('validation_failed')
		const [after] = await getDb().select({ n: count() }).from(sessions)
		expect(after?.n).toBe(before?.n)
	})

	test('a NUL character in a login email or a sign-up name answers 422 and creates no account', async () => {
		const refusedLogin = await call(login.action, { path: '/api/v1/auth/login', body: { email: 'a\u0000b@example.com', password: 'whatever-it-is' } })
		expect(refusedLogin.response.status).toBe(422)
		expect(refusedLogin.json.error.fields).toHaveProperty('email')

		const [before] = await getDb().select({ n: count() }).from(users)
		const refusedSignup = await call(signup.action, {
			path: '/api/v1/auth/signup',
			body: { email: 'nul-name@example.com', password: 'long enough pw', name: 'Eve\u0000', role: 'mentee', timeZone: 'UTC' },
		})
		expect(refusedSignup.response.status).toBe(422)
		expect(refusedSignup.json.error.fields).toHaveProperty('name')
		const [after] = await getDb().select({ n: count() }).from(users)
		expect(after?.n).toBe(before?.n)
	})

	test('an instant beyond what a date can hold answers 422 with a field message', async () => {
		const slug = 'any-mentor'
		for (const from of ['275760-09-13T00:00:00Z', '+275760-09-13T00:00:00Z']) {
			const res = await call(slots.loader, { path: `/api/v1/mentors/${slug}/slots?from=${encodeURIComponent(from)}`, params: { slug }, cookie: null })
			expect(res.response.status).toBe(422)
			expect(res.json.error.fields).toHaveProperty('from')
		}
	})
})
