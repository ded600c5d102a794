import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { bundles, mentorProfiles, sessions } from '../../db/schema'
import * as book from '../../app/routes/mentors.$slug_.book'
import * as bookPaid from '../../app/routes/mentors.$slug_.book-paid'
import * as buy from '../../app/routes/mentors.$slug_.buy'
import { createOffer } from '../../app/services/bundle-offers.server'
import { createUser } from '../support/factories'

/**
 * The booking and buying boxes of a mentor's page post to resource routes with a fetcher. Remix
 * sends whatever such a route returns that is not a Response as a 200, so a refusal must be a
 * Response with its 4xx and the shared error shape, which the fetcher (and any script) reads.
 */

async function post(action: typeof buy.action, path: string, cookie: string, fields: Record<string, string>, params: Record<string, string>) {
	const request = new Request(`http://localhost:3000${path}`, {
		method: 'POST',
		headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields),
	})
	const answer: unknown = await action({ request, context: { ip: '203.0.113.9', responseCookies: [] }, params })
	expect(answer).toBeInstanceOf(Response)
	const response = answer as Response
	return { status: response.status, body: await response.json() }
}

async function mentorWithOffer() {
	const { user } = await createUser({ role: 'mentor' })
	const [profile] = await getDb().select({ slug: mentorProfiles.slug }).from(mentorProfiles).where(eq(mentorProfiles.userId, user.id))
	const offer = await createOffer(user.id, { sessionsCount: 4, sessionMinutes: 60, sessionPrice: 60, currency: 'eur', validityMonths: 6 }, new Date())
	return { mentor: user, slug: profile!.slug, offer }
}

describe('refusals of the buy box answer 4xx in the error shape', () => {
	test('buying before the mentor approved continuation answers 403 continuation_not_approved and starts no bundle', async () => {
		const { slug, offer } = await mentorWithOffer()
		const mentee = await createUser({ role: 'mentee' })
		const res = await post(buy.action, `/mentors/${slug}/buy`, mentee.cookie, { offerId: offer.id }, { slug })
		expect(res.status).toBe(403)
		expect(res.body.error.code).toBe('continuation_not_approved')
		expect(res.body.error.message).toMatch(/approved continuing/)
		expect(await getDb().select().from(bundles).where(eq(bundles.menteeId, mentee.user.id))).toHaveLength(0)
	})

	test('an offer id that is not one answers 400 invalid_form naming the field', async () => {
		const { slug } = await mentorWithOffer()
		const mentee = await createUser({ role: 'mentee' })
		const res = await post(buy.action, `/mentors/${slug}/buy`, mentee.cookie, { offerId: 'not-an-offer' }, { slug })
		expect(res.status).toBe(400)
		expect(res.body.error.code).toBe('invalid_form')
		expect(res.body.error.fields).toHaveProperty('offerId')
	})
})

describe('refusals of the booking boxes answer 4xx in the error shape', () => {
	const DAY = 24 * 3_600_000

	test('a paid booking without a bundle answers 409 no_credit with its sentence, and books nothing', async () => {
		const { mentor, slug } = await mentorWithOffer()
		const mentee = await createUser({ role: 'mentee' })
		const start = new Date(Date.now() + 3 * DAY).toISOString()
		const res = await post(bookPaid.action, `/mentors/${slug}/book-paid`, mentee.cookie, { start }, { slug })
		expect(res.status).toBe(409)
		expect(res.body).toMatchObject({ ok: false, error: { code: 'no_credit' } })
		expect(res.body.error.message).toMatch(/Buy a bundle/)
		expect(await getDb().select().from(sessions).where(eq(sessions.mentorId, mentor.id))).toHaveLength(0)
	})

	test('a paid booking without a slot answers 400 invalid_form naming the field', async () => {
		const { slug } = await mentorWithOffer()
		const mentee = await createUser({ role: 'mentee' })
		const res = await post(bookPaid.action, `/mentors/${slug}/book-paid`, mentee.cookie, {}, { slug })
		expect(res.status).toBe(400)
		expect(res.body.error).toMatchObject({ code: 'invalid_form', fields: { start: ['Choose a slot.'] } })
	})

	test('an intro form missing its answers answers 400 invalid_form with the fields, and the form state the page shows', async () => {
		const { slug } = await mentorWithOffer()
		const mentee = await createUser({ role: 'mentee' })
		const start = new Date(Date.now() + 3 * DAY).toISOString()
		const res = await post(book.action, `/mentors/${slug}/book`, mentee.cookie, { start, helpWith: '', goals: '' }, { slug })
		expect(res.status).toBe(400)
		expect(res.body.error.code).toBe('invalid_form')
		expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['helpWith', 'goals']))
		expect(res.body.result.error).toHaveProperty('helpWith')
	})

	test('an intro the booking service refuses answers its 4xx and code, the sentence also above the form', async () => {
		const { slug } = await mentorWithOffer()
		const mentee = await createUser({ role: 'mentee' })
		const start = new Date(Date.now() + 3_600_000).toISOString()
		const res = await post(book.action, `/mentors/${slug}/book`, mentee.cookie, { start, helpWith: 'Leading a team', goals: 'A plan' }, { slug })
		expect(res.status).toBe(422)
		expect(res.body.error.code).toBe('too_soon')
		expect(res.body.result.error['']).toEqual([res.body.error.message])
	})
})
