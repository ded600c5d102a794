import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { payouts, sessionFeedback, sessions, type SessionStatus } from '../../db/schema'
import * as feedbackApi from '../../app/routes/api.v1.sessions.$id.feedback'
import * as sessionsPage from '../../app/routes/sessions/route'
import { createSession } from '../../app/services/auth-sessions.server'
import { getMentorNumbers } from '../../app/services/mentor-numbers.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { type StripeEmulator } from '../../server/stripe-emulator'
import { call } from '../support/http'
import { submit } from '../support/forms'
import { emailsTo } from '../support/outbox'
import { approvedContinuation, boughtBundle, bundleNow, heldSession, mentor, person } from '../support/payments'
import { useStripeEmulator } from '../support/stripe'

let emulator: StripeEmulator
beforeAll(async () => {
	emulator = await useStripeEmulator()
})

const HOUR = 3_600_000
const cookieOf = async (id: string) => `mentora_session=${(await createSession(id, new Date())).token}`

/** An intro between two new people, written straight into the table in the given state. */
async function intro(status: SessionStatus) {
	const [mentee, m] = [await person(), await person('mentor')]
	const start = new Date(Date.now() - 72 * HOUR)
	const [session] = await getDb()
		.insert(sessions)
		.values({
			mentorId: m.id,
			menteeId: mentee.id,
			type: 'intro',
			status,
			startsAt: start,
			endsAt: new Date(start.getTime() + 20 * 60_000),
			introForm: { helpWith: 'x', background: 'y', goals: 'z' },
			quotaMonth: start.toISOString().slice(0, 7),
		})
		.returning()
	return { mentee, mentor: m, session: session! }
}

const rate = async (sessionId: string, cookie: string | null, body: unknown) =>
	call(feedbackApi.action, { path: `/api/v1/sessions/${sessionId}/feedback`, cookie, params: { id: sessionId }, body })

const rowsOf = (sessionId: string) => getDb().select().from(sessionFeedback).where(eq(sessionFeedback.sessionId, sessionId))

describe('POST /api/v1/sessions/:id/feedback', () => {
	test('each of the two people rates a completed session once: 201, then 409 already_given', async () => {
		const { mentee, mentor: m, session } = await intro('completed')
		const first = await rate(session.id, await cookieOf(mentee.id), { rating: 4, comment: '  Clear and kind.  ' })
		expect(first.response.status).toBe(201)
		expect(first.json.feedback).toMatchObject({ sessionId: session.id, rating: 4, comment: 'Clear and kind.' })
		expect(first.json.feedback).not.toHaveProperty('raterId')

		const again = await rate(session.id, await cookieOf(mentee.id), { rating: 5 })
		expect(again.response.status).toBe(409)
		expect(again.json.error.code).toBe('already_given')

		const mentorSide = await rate(session.id, await cookieOf(m.id), { rating: 2, comment: '' })
		expect(mentorSide.response.status).toBe(201)
		expect(mentorSide.json.feedback.comment).toBeNull()
		expect((await rowsOf(session.id)).map((r) => [r.raterId, r.rating]).sort()).toEqual([[mentee.id, 4], [m.id, 2]].sort())
	})

	test.each(['scheduled', 'awaiting_confirmation', 'no_show_mentee', 'no_show_mentor', 'cancelled'] as const)('a %s session is not rated: 409 not_completed', async (status) => {
		const { mentee, session } = await intro(status)
		const answer = await rate(session.id, await cookieOf(mentee.id), { rating: 3 })
		expect(answer.response.status).toBe(409)
		expect(answer.json.error.code).toBe('not_completed')
		expect(await rowsOf(session.id)).toEqual([])
	})

	test('anyone but its two people gets 403, an admin too; logged out 401; an unknown session 404', async () => {
		const { session } = await intro('completed')
		for (const role of ['mentee', 'mentor', 'admin'] as const) {
			const stranger = await person(role)
			const answer = await rate(session.id, await cookieOf(stranger.id), { rating: 5 })
			expect(answer.response.status).toBe(403)
			expect(answer.json.error.code).toBe('not_allowed')
		}
		expect((await rate(session.id, null, { rating: 5 })).response.status).toBe(401)
		const { mentee } = await intro('completed')
		expect((await rate('00000000-0000-4000-8000-000000000000', await cookieOf(mentee.id), { rating: 5 })).json.error.code).toBe('not_found')
		expect((await rate('not-a-uuid', await cookieOf(mentee.id), { rating: 5 })).response.status).toBe(404)
		expect(await rowsOf(session.id)).toEqual([])
	})

	test.each([
		['no rating', {}],
		['a rating of 0', { rating: 0 }],
		['a rating of 6', { rating: 6 }],
		['half a star', { rating: 4.5 }],
		['a rating as text', { rating: '4' }],
		['a rating of true', { rating: true }],
		['a comment over 2000 characters', { rating: 3, comment: 'x'.repeat(2001) }],
		['a comment that is a number', { rating: 3, comment: 7 }],
	])(
		'refuses %s with 422 and writes nothing',
		async (_label, body) => {
			const { mentee, session } = await intro('completed')
			const answer = await rate(session.id, await cookieOf(mentee.id), body)
			expect(answer.response.status).toBe(422)
			expect(answer.json.error.code).toBe('validation_failed')
			expect(await rowsOf(session.id)).toEqual([])
		},
	)

	test('ten simultaneous ratings by the same person store one', async () => {
		const { mentee, session } = await intro('completed')
		const cookie = await cookieOf(mentee.id)
		const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => rate(session.id, cookie, { rating: (i % 5) + 1 })))
		expect(answers.map((a) => a.response.status).sort()).toEqual([201, ...Array(9).fill(409)])
		expect(await rowsOf(session.id)).toHaveLength(1)
	})
})

describe('the database holds the rules itself', () => {
	const insert = (values: { sessionId: string; raterId: string; rating: number; comment?: string }) => getDb().insert(sessionFeedback).values(values)

	test('a rating of a session that is not completed, by someone outside it, a second one, or out of range is refused', async () => {
		const scheduled = await intro('scheduled')
		const refusedBy = (constraint: string) => ({ cause: expect.objectContaining({ constraint_name: constraint }) })
		await expect(insert({ sessionId: scheduled.session.id, raterId: scheduled.mentee.id, rating: 3 })).rejects.toMatchObject(refusedBy('session_feedback_completed'))
		const { mentee, session } = await intro('completed')
		const stranger = await person()
		await expect(insert({ sessionId: session.id, raterId: stranger.id, rating: 3 })).rejects.toMatchObject(refusedBy('session_feedback_party'))
		await expect(insert({ sessionId: session.id, raterId: mentee.id, rating: 9 })).rejects.toMatchObject(refusedBy('session_feedback_rating'))
		await insert({ sessionId: session.id, raterId: mentee.id, rating: 3 })
		await expect(insert({ sessionId: session.id, raterId: mentee.id, rating: 4 })).rejects.toMatchObject(refusedBy('session_feedback_one_per_rater'))
	})
})

describe('on My sessions and by email', () => {
	test('the mentee is emailed once a paid session is confirmed as held, rates it on My sessions, and then sees her rating instead of the form', async () => {
		const [mentee, m] = [await person(), await mentor(emulator)]
		await approvedContinuation(mentee.id, m.id)
		const bundleId = await boughtBundle(emulator, mentee.id, m.id)
		await emulator.settled()
		const session = await heldSession(await bundleNow(bundleId), 0, 'completed')
		const [mail] = (await emailsTo(mentee.id)).filter((e) => e.template === 'feedback_request')
		expect(mail!.text).toContain(`/sessions?role=mentee#session-${session.id}`)
		expect(mail!.subject).toBe(`How was your session with ${m.name}?`)

		const cookie = await cookieOf(mentee.id)
		const before = await (await submit(sessionsPage.loader, { path: '/sessions', cookie })).json()
		expect(before.mentee.past.find((s: { id: string }) => s.id === session.id).myFeedback).toBeNull()

		const refused = await submit(sessionsPage.action, { path: '/sessions', cookie, fields: { intent: 'feedback', sessionId: session.id, rating: '7' } })
		expect(refused.status).toBe(400)
		expect((await refused.json()).fields.rating).toBeDefined()
		const saved = await submit(sessionsPage.action, { path: '/sessions', cookie, fields: { intent: 'feedback', sessionId: session.id, rating: '5', comment: 'Worth it' } })
		expect(saved.status).toBe(200)
		expect((await saved.json()).ok).toBe(true)

		const after = await (await submit(sessionsPage.loader, { path: '/sessions', cookie })).json()
		expect(after.mentee.past.find((s: { id: string }) => s.id === session.id).myFeedback).toEqual({ rating: 5, comment: 'Worth it' })
		// The mentor's page never carries the mentee's rating.
		const mentorPage = await (await submit(sessionsPage.loader, { path: '/sessions?role=mentor&tab=all', cookie: await cookieOf(m.id) })).json()
		expect(mentorPage.mentor.all.items.find((s: { id: string }) => s.id === session.id).myFeedback).toBeNull()
	})

	test('the mentor rates the session as they confirm it took place; a no-show takes no rating', async () => {
		const [mentee, m] = [await person(), await mentor(emulator)]
		await approvedContinuation(mentee.id, m.id)
		const bundle = await bundleNow(await boughtBundle(emulator, mentee.id, m.id))
		await emulator.settled()
		const held = await heldSession(bundle, 0, null)
		const missed = await heldSession(bundle, 1, null)
		freezeClockAt(new Date(missed.endsAt.getTime() + HOUR))
		try {
			const cookie = await cookieOf(m.id)
			const confirm = (sessionId: string, outcome: string) =>
				submit(sessionsPage.action, { path: '/sessions?role=mentor&tab=confirm', cookie, fields: { intent: 'confirm', sessionId, outcome, rating: '4', comment: 'Prepared' } })
			expect((await confirm(held.id, 'completed')).status).toBe(200)
			expect((await confirm(missed.id, 'no_show_mentee')).status).toBe(200)
		} finally {
			resetClock()
		}
		expect((await rowsOf(held.id)).map((r) => [r.raterId, r.rating, r.comment])).toEqual([[m.id, 4, 'Prepared']])
		expect(await rowsOf(missed.id)).toEqual([])
	})
})

describe("a mentor's own numbers", () => {
	test('count the sessions held in the month of their zone, what those earn, and only what mentees rated', async () => {
		const [mentee, m] = [await person(), await mentor(emulator)]
		await approvedContinuation(mentee.id, m.id)
		const bundle = await bundleNow(await boughtBundle(emulator, mentee.id, m.id, { sessionsCount: 4, sessionPrice: 60 }))
		await emulator.settled()
		const held = [await heldSession(bundle, 0, 'completed'), await heldSession(bundle, 1, 'completed'), await heldSession(bundle, 2, 'no_show_mentor')]
		// Moved to known instants: 10 March, 31 March 22:30 UTC (already 1 April in Berlin) and 12 March.
		const starts = ['2026-03-10T10:00:00Z', '2026-03-31T22:30:00Z', '2026-03-12T10:00:00Z']
		for (const [i, session] of held.entries()) {
			const start = new Date(starts[i]!)
			await getDb().update(sessions).set({ startsAt: start, endsAt: new Date(start.getTime() + HOUR) }).where(eq(sessions.id, session.id))
		}
		const march = new Date('2026-03-20T12:00:00Z')

		const before = await getMentorNumbers(m.id, 'Europe/Berlin', march)
		expect(before.feedback).toEqual({ average: null, count: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } })

		await getDb().insert(sessionFeedback).values([
			{ sessionId: held[0]!.id, raterId: mentee.id, rating: 5 },
			{ sessionId: held[1]!.id, raterId: mentee.id, rating: 2 },
			// The mentor's rating of the mentee is not the mentor's score.
			{ sessionId: held[0]!.id, raterId: m.id, rating: 1 },
		])
		const [payout] = await getDb().select().from(payouts).where(eq(payouts.sessionId, held[0]!.id))
		const numbers = await getMentorNumbers(m.id, 'Europe/Berlin', march)
		expect(numbers).toEqual({
			month: '2026-03',
			sessionsHeld: 1,
			// 60 EUR a session less the platform fee; the no-show earns nothing.
			earnings: [{ currency: 'eur', cents: payout!.amountCents }],
			// (5 + 2) / 2 = 3.5
			feedback: { average: 3.5, count: 2, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } },
		})
		expect(payout!.amountCents).toBeGreaterThan(0)
		expect(payout!.amountCents).toBeLessThan(6000)
		// In UTC the 31 March session is still March.
		expect((await getMentorNumbers(m.id, 'UTC', march)).sessionsHeld).toBe(2)
		expect(await getMentorNumbers(m.id, 'Europe/Berlin', new Date('2026-04-02T12:00:00Z'))).toMatchObject({ month: '2026-04', sessionsHeld: 1 })
	})
})
