import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import * as registrationsPage from '../../app/routes/admin.programmes.$slug.registrations'
import * as fitApi from '../../app/routes/api.v1.relationships.$id.fit'
import * as sessionsPage from '../../app/routes/sessions/route'
import { requestMatch } from '../../app/services/programme-matching.server'
import { createSession } from '../../app/services/auth-sessions.server'
import { fitAskedAfter } from '../../app/services/fit-questions.server'
import { confirmRelationship } from '../../app/services/relationships.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { getDb } from '../../db/client'
import { registrations, relationshipFit, relationships, sessions, type SessionStatus } from '../../db/schema'
import { coordinatedProgramme, page, speaker } from '../support/coordinator-pages'
import { submit } from '../support/forms'
import { call } from '../support/http'
import { member, registration } from '../support/programmes'

/**
 * "After the first session of a programme relationship each side is also asked 'is this a good
 * fit?' (good fit / still deciding / not a good fit); 'not a good fit' puts the relationship on the
 * coordinator's follow-up list with a one-click re-match."
 */

const MATCHED_AT = new Date('2027-03-01T09:00:00Z')
const FIRST_SESSION = new Date('2027-03-04T15:00:00Z')
const ASKED_AT = new Date('2027-03-05T10:00:00Z')

beforeEach(() => freezeClockAt(ASKED_AT))
afterEach(() => resetClock())

/** A cookie of a session made on the set clock (one made at the real time has expired by then). */
async function signedIn<T extends { user: { id: string } }>(made: Promise<T>): Promise<T & { cookie: string }> {
	const person = await made
	return { ...person, cookie: `mentora_session=${(await createSession(person.user.id, ASKED_AT)).token}` }
}

async function programmePair() {
	const { programme, coordinator: made } = await coordinatedProgramme('facilitator')
	const coordinator = await signedIn(Promise.resolve(made))
	const mentee = await signedIn(speaker('mentee', 'Mia Mentee'))
	const mentor = await signedIn(speaker('mentor', 'Olga Mentor'))
	await speaker('mentor', 'Nina Nextmentor').then((m) => registration({ programmeId: programme.id, userId: m.user.id, role: 'mentor', status: 'searching' }))
	await registration({ programmeId: programme.id, userId: mentee.user.id, status: 'searching' })
	await registration({ programmeId: programme.id, userId: mentor.user.id, role: 'mentor', status: 'searching' })
	const relationship = await requestMatch({ slug: programme.slug, actorId: coordinator.user.id, mentorId: mentor.user.id, menteeId: mentee.user.id, now: MATCHED_AT })
	await confirmRelationship({ relationshipId: relationship.id, actorId: mentor.user.id, now: MATCHED_AT })
	await confirmRelationship({ relationshipId: relationship.id, actorId: mentee.user.id, now: MATCHED_AT })
	return { programme, coordinator, mentee, mentor, relationship }
}

/** An intro of the pair straight into the table, in any status (a completed one is what the question follows). */
async function sessionOf(pair: { mentor: { user: { id: string } }; mentee: { user: { id: string } } }, status: SessionStatus, start = FIRST_SESSION) {
	const [row] = await getDb()
		.insert(sessions)
		.values({
			mentorId: pair.mentor.user.id,
			menteeId: pair.mentee.user.id,
			type: 'intro',
			status,
			startsAt: start,
			endsAt: new Date(start.getTime() + 20 * 60_000),
			introForm: { helpWith: 'x', background: 'y', goals: 'z' },
			quotaMonth: start.toISOString().slice(0, 7),
		})
		.returning()
	return row!
}

const answer = (relationshipId: string, cookie: string | null, body: unknown) =>
	call(fitApi.action, { path: `/api/v1/relationships/${relationshipId}/fit`, cookie, params: { id: relationshipId }, body })

const answersOf = (relationshipId: string) => getDb().select().from(relationshipFit).where(eq(relationshipFit.relationshipId, relationshipId))

async function myFit(cookie: string, role: 'mentor' | 'mentee') {
	const response = await submit(sessionsPage.loader, { path: `/sessions?role=${role}&tab=all`, cookie })
	return ((await response.json()) as { fit: { completed: Record<string, { relationshipId: string; myAnswer: string | null }> } }).fit.completed
}

describe('POST /api/v1/relationships/:id/fit', () => {
	test('before the first session is completed: 409 not_yet; after it, 201 then 200 on a change, one row per person', async () => {
		const pair = await programmePair()
		await sessionOf(pair, 'awaiting_confirmation')
		const early = await answer(pair.relationship.id, pair.mentee.cookie, { answer: 'good_fit' })
		expect(early.response.status).toBe(409)
		expect(early.json.error.code).toBe('not_yet')

		await getDb().update(sessions).set({ status: 'completed' }).where(eq(sessions.mentorId, pair.mentor.user.id))
		const first = await answer(pair.relationship.id, pair.mentee.cookie, { answer: 'still_deciding' })
		expect(first.response.status).toBe(201)
		expect(first.json).toEqual({ fit: { relationshipId: pair.relationship.id, answer: 'still_deciding', answeredAt: ASKED_AT.toISOString() } })

		freezeClockAt(new Date(ASKED_AT.getTime() + 86_400_000))
		const changed = await answer(pair.relationship.id, pair.mentee.cookie, { answer: 'not_a_good_fit' })
		expect(changed.response.status).toBe(200)
		expect(changed.json.fit).toMatchObject({ answer: 'not_a_good_fit', answeredAt: '2027-03-06T10:00:00.000Z' })

		const mentorSide = await answer(pair.relationship.id, pair.mentor.cookie, { answer: 'good_fit' })
		expect(mentorSide.response.status).toBe(201)
		const rows = await answersOf(pair.relationship.id)
		expect(rows.map((r) => [r.raterId, r.answer]).sort()).toEqual([[pair.mentee.user.id, 'not_a_good_fit'], [pair.mentor.user.id, 'good_fit']].sort())
	})

	test('a session of the pair from before the relationship began does not count', async () => {
		const pair = await programmePair()
		await sessionOf(pair, 'completed', new Date('2027-02-10T15:00:00Z'))
		const refused = await answer(pair.relationship.id, pair.mentor.cookie, { answer: 'good_fit' })
		expect(refused.response.status).toBe(409)
		expect(refused.json.error.code).toBe('not_yet')
	})

	test('anyone but its two people gets 404 (a coordinator and an admin too), logged out 401, a bad answer 422, and nothing is written', async () => {
		const pair = await programmePair()
		await sessionOf(pair, 'completed')
		const admin = await signedIn(member({ admin: true }))
		const stranger = await signedIn(member())
		for (const cookie of [stranger.cookie, admin.cookie, pair.coordinator.cookie]) {
			const refused = await answer(pair.relationship.id, cookie, { answer: 'good_fit' })
			expect(refused.response.status).toBe(404)
			expect(refused.json.error.code).toBe('not_found')
		}
		expect((await answer(pair.relationship.id, null, { answer: 'good_fit' })).response.status).toBe(401)
		expect((await answer('00000000-0000-4000-8000-000000000000', pair.mentee.cookie, { answer: 'good_fit' })).json.error.code).toBe('not_found')
		for (const body of [{ answer: 'great' }, {}, { answer: null }]) {
			const bad = await answer(pair.relationship.id, pair.mentee.cookie, body)
			expect(bad.response.status).toBe(422)
			expect(bad.json.error.code).toBe('validation_failed')
			expect(bad.json.error.fields.answer).toBeDefined()
		}
		expect(await answersOf(pair.relationship.id)).toEqual([])
	})

	test('a relationship of no programme is never asked: 404, and the database refuses it too', async () => {
		const mentee = await signedIn(member())
		const mentor = await signedIn(member({ role: 'mentor' }))
		const [relationship] = await getDb()
			.insert(relationships)
			.values({ mentorId: mentor.user.id, menteeId: mentee.user.id, origin: 'intro', status: 'confirmed', mentorConfirmedAt: MATCHED_AT, menteeConfirmedAt: MATCHED_AT, createdAt: MATCHED_AT })
			.returning()
		await sessionOf({ mentor, mentee }, 'completed')
		const refused = await answer(relationship!.id, mentee.cookie, { answer: 'good_fit' })
		expect(refused.response.status).toBe(404)
		await expect(getDb().insert(relationshipFit).values({ relationshipId: relationship!.id, raterId: mentee.user.id, answer: 'good_fit' })).rejects.toMatchObject({
			cause: { constraint_name: 'relationship_fit_programme' },
		})
	})

	test('the database admits only the two people, after a completed session, while the relationship is live, once each', async () => {
		const pair = await programmePair()
		const stranger = await signedIn(member())
		const insert = (raterId: string, value: 'good_fit' | 'not_a_good_fit' = 'good_fit') =>
			getDb().insert(relationshipFit).values({ relationshipId: pair.relationship.id, raterId, answer: value })
		await expect(insert(pair.mentee.user.id)).rejects.toMatchObject({ cause: { constraint_name: 'relationship_fit_after_first_session' } })
		await sessionOf(pair, 'completed')
		await expect(insert(stranger.user.id)).rejects.toMatchObject({ cause: { constraint_name: 'relationship_fit_party' } })
		await insert(pair.mentee.user.id)
		await expect(insert(pair.mentee.user.id, 'not_a_good_fit')).rejects.toMatchObject({ cause: { constraint_name: 'relationship_fit_one_per_rater' } })
		await getDb().update(relationships).set({ status: 'ended', closedAt: ASKED_AT, closedBy: pair.mentor.user.id }).where(eq(relationships.id, pair.relationship.id))
		await expect(getDb().update(relationshipFit).set({ answer: 'not_a_good_fit' }).where(eq(relationshipFit.raterId, pair.mentee.user.id))).rejects.toMatchObject({
			cause: { constraint_name: 'relationship_fit_live' },
		})
		const closed = await answer(pair.relationship.id, pair.mentee.cookie, { answer: 'not_a_good_fit' })
		expect(closed.response.status).toBe(409)
		expect(closed.json.error.code).toBe('invalid_transition')
	})

	test('two answers of one person at once leave one row', async () => {
		const pair = await programmePair()
		await sessionOf(pair, 'completed')
		const answers = await Promise.all([answer(pair.relationship.id, pair.mentee.cookie, { answer: 'good_fit' }), answer(pair.relationship.id, pair.mentee.cookie, { answer: 'not_a_good_fit' })])
		expect(answers.map((a) => a.response.status).sort()).toEqual([200, 201])
		expect(await answersOf(pair.relationship.id)).toHaveLength(1)
	})
})

describe('My sessions asks it', () => {
	test('beside the first completed session of a programme relationship only, to each side, and the answer shows there', async () => {
		const pair = await programmePair()
		const first = await sessionOf(pair, 'completed')
		await sessionOf(pair, 'completed', new Date('2027-03-04T17:00:00Z'))
		for (const [cookie, role] of [[pair.mentee.cookie, 'mentee'], [pair.mentor.cookie, 'mentor']] as const) {
			expect(await myFit(cookie, role)).toEqual({ [first.id]: { relationshipId: pair.relationship.id, programmeName: pair.programme.name, myAnswer: null } })
		}
		const saved = await submit(sessionsPage.action, {
			path: '/sessions',
			cookie: pair.mentee.cookie,
			fields: { intent: 'fit', sessionId: first.id, relationshipId: pair.relationship.id, answer: 'good_fit' },
		})
		expect(await saved.json()).toMatchObject({ ok: true })
		expect((await myFit(pair.mentee.cookie, 'mentee'))[first.id]?.myAnswer).toBe('good_fit')
		expect((await myFit(pair.mentor.cookie, 'mentor'))[first.id]?.myAnswer).toBeNull()
	})

	test('the mentor answers while confirming the first session', async () => {
		const pair = await programmePair()
		const first = await sessionOf(pair, 'awaiting_confirmation')
		const confirmTab = await submit(sessionsPage.loader, { path: '/sessions?role=mentor&tab=confirm', cookie: pair.mentor.cookie })
		expect(((await confirmTab.json()) as { fit: { onConfirm: Record<string, unknown> } }).fit.onConfirm).toEqual({
			[first.id]: { relationshipId: pair.relationship.id, programmeName: pair.programme.name, myAnswer: null },
		})
		const confirmed = await submit(sessionsPage.action, {
			path: '/sessions',
			cookie: pair.mentor.cookie,
			fields: { intent: 'confirm', sessionId: first.id, outcome: 'completed', decision: 'approve_continuation', relationshipId: pair.relationship.id, fit: 'still_deciding' },
		})
		expect(await confirmed.json()).toMatchObject({ ok: true })
		expect((await answersOf(pair.relationship.id)).map((r) => [r.raterId, r.answer])).toEqual([[pair.mentor.user.id, 'still_deciding']])
	})
})

describe('the feedback email', () => {
	test("names the programme only for the first completed session of the pair's relationship", async () => {
		const pair = await programmePair()
		const first = await sessionOf(pair, 'completed')
		const second = await sessionOf(pair, 'completed', new Date('2027-03-04T17:00:00Z'))
		expect(await fitAskedAfter(getDb(), first)).toBe(pair.programme.name)
		expect(await fitAskedAfter(getDb(), second)).toBeNull()
	})
})

describe("the coordinator's follow-up", () => {
	test('"not a good fit" is listed with who said it and when, never to others; one click ends it and the mentee waits for a new match', async () => {
		const pair = await programmePair()
		await sessionOf(pair, 'completed')
		await answer(pair.relationship.id, pair.mentor.cookie, { answer: 'good_fit' })
		await answer(pair.relationship.id, pair.mentee.cookie, { answer: 'not_a_good_fit' })
		const path = `/admin/programmes/${pair.programme.slug}/registrations`
		const load = () => page(registrationsPage.loader, { path, slug: pair.programme.slug, cookie: pair.coordinator.cookie })

		const before = await load()
		expect(before.value.notGoodFit).toEqual([
			{
				relationshipId: pair.relationship.id,
				status: 'confirmed',
				mentor: { id: pair.mentor.user.id, name: 'Olga Mentor' },
				mentee: { id: pair.mentee.user.id, name: 'Mia Mentee' },
				saidBy: [{ side: 'mentee', name: 'Mia Mentee', at: ASKED_AT.toISOString() }],
			},
		])
		expect(before.value.rematch.total).toBe(0)
		expect((await page(registrationsPage.loader, { path, slug: pair.programme.slug, cookie: pair.mentee.cookie })).status).toBe(403)
		expect((await page(registrationsPage.action, { path, slug: pair.programme.slug, cookie: pair.mentee.cookie, fields: [['intent', 'end_not_a_good_fit'], ['relationshipId', pair.relationship.id]] })).status).toBe(403)

		const ended = await page(registrationsPage.action, { path, slug: pair.programme.slug, cookie: pair.coordinator.cookie, fields: [['intent', 'end_not_a_good_fit'], ['relationshipId', pair.relationship.id]] })
		expect(ended.status).toBe(200)
		expect(ended.value.ok).toBe(true)
		const [after] = await getDb().select().from(relationships).where(eq(relationships.id, pair.relationship.id))
		expect(after).toMatchObject({ status: 'ended', closedBy: pair.coordinator.user.id })
		expect(after!.closingNote).not.toMatch(/mentee|mentor|Mia|Olga/)
		const [menteeRegistration] = await getDb().select().from(registrations).where(eq(registrations.userId, pair.mentee.user.id))
		expect(menteeRegistration!.status).toBe('searching')

		const listed = await load()
		expect(listed.value.notGoodFit).toEqual([])
		expect(listed.value.rematch.mentees.map((m: { mentee: { id: string }; best: { mentor: { name: string } } | null }) => [m.mentee.id, m.best?.mentor.name])).toEqual([[pair.mentee.user.id, 'Nina Nextmentor']])

		// The re-match itself is the existing one click.
		const nina = listed.value.rematch.mentees[0].best.mentor.id as string
		const rematched = await page(registrationsPage.action, { path, slug: pair.programme.slug, cookie: pair.coordinator.cookie, fields: [['intent', 'rematch'], ['mentee', pair.mentee.user.id], ['mentor', nina]] })
		expect(rematched.value.ok).toBe(true)

		const again = await page(registrationsPage.action, { path, slug: pair.programme.slug, cookie: pair.coordinator.cookie, fields: [['intent', 'end_not_a_good_fit'], ['relationshipId', pair.relationship.id]] })
		expect(again.status).toBe(404)
	})

	test('another programme\'s coordinator cannot end it from their page', async () => {
		const pair = await programmePair()
		await sessionOf(pair, 'completed')
		await answer(pair.relationship.id, pair.mentee.cookie, { answer: 'not_a_good_fit' })
		const madeOther = await coordinatedProgramme('facilitator')
		const other = { ...madeOther, coordinator: await signedIn(Promise.resolve(madeOther.coordinator)) }
		const path = `/admin/programmes/${other.programme.slug}/registrations`
		const refused = await page(registrationsPage.action, { path, slug: other.programme.slug, cookie: other.coordinator.cookie, fields: [['intent', 'end_not_a_good_fit'], ['relationshipId', pair.relationship.id]] })
		expect(refused.status).toBe(404)
		const [still] = await getDb().select().from(relationships).where(eq(relationships.id, pair.relationship.id))
		expect(still!.status).toBe('confirmed')
	})
})
