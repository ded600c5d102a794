import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import * as adminRelationshipsPage from '../../app/routes/admin.relationships'
import * as registrationsPage from '../../app/routes/admin.programmes.$slug.registrations'
import { getAssignment, startAssignment } from '../../app/services/assignments.server'
import { runAssignment } from '../../app/services/assignment-run.server'
import { recommendationsFor, requestMatch } from '../../app/services/programme-matching.server'
import { confirmRelationship, endRelationship } from '../../app/services/relationships.server'
import { getDb } from '../../db/client'
import { engagementPeriods, registrations, relationships, users } from '../../db/schema'
import { coordinatedProgramme, page, speaker } from '../support/coordinator-pages'
import { member, registration } from '../support/programmes'

/**
 * "Ending it (lapsed, or the mentor cannot continue) puts the mentee back to `searching` with the
 * old mentor excluded from their recommendations, and offers the coordinator a one-click re-match."
 */

const CONFIRMED_AT = new Date('2027-03-01T09:00:00Z')
const ENDED_AT = new Date('2027-03-20T22:30:00Z') // already 21 March in Tokyo, still the 20th in Berlin

async function engagedPair(options: { mentorCapacity?: number } = {}) {
	const { programme, coordinator } = await coordinatedProgramme('facilitator')
	const mentee = await speaker('mentee', 'Mia Mentee', { industry: 'Fintech' })
	const oldMentor = await speaker('mentor', 'Olga Oldmentor', { industry: 'Fintech', capacity: options.mentorCapacity ?? 1 })
	const nextMentor = await speaker('mentor', 'Nina Nextmentor', { industry: 'Retail' })
	await getDb().update(users).set({ timeZone: 'Asia/Tokyo' }).where(eq(users.id, mentee.user.id))
	await registration({ programmeId: programme.id, userId: mentee.user.id, status: 'searching' })
	await registration({ programmeId: programme.id, userId: oldMentor.user.id, role: 'mentor', status: 'searching' })
	await registration({ programmeId: programme.id, userId: nextMentor.user.id, role: 'mentor', status: 'searching' })
	const relationship = await confirmed(programme.slug, coordinator.user.id, oldMentor.user.id, mentee.user.id)
	return { programme, coordinator, mentee, oldMentor, nextMentor, relationship }
}

async function confirmed(slug: string, coordinatorId: string, mentorId: string, menteeId: string) {
	const relationship = await requestMatch({ slug, actorId: coordinatorId, mentorId, menteeId, now: CONFIRMED_AT })
	await confirmRelationship({ relationshipId: relationship.id, actorId: mentorId, now: CONFIRMED_AT })
	await confirmRelationship({ relationshipId: relationship.id, actorId: menteeId, now: CONFIRMED_AT })
	return relationship
}

async function registrationOf(programmeId: string, userId: string, role: 'mentor' | 'mentee') {
	const [row] = await getDb()
		.select()
		.from(registrations)
		.where(and(eq(registrations.programmeId, programmeId), eq(registrations.userId, userId), eq(registrations.role, role)))
	const periods = await getDb().select().from(engagementPeriods).where(eq(engagementPeriods.registrationId, row!.id))
	return { ...row!, periods }
}

describe('ending a programme relationship', () => {
	test('the mentor ending it puts both back to searching, each open period ending that day in their own zone', async () => {
		const { programme, mentee, oldMentor, relationship } = await engagedPair()
		expect((await registrationOf(programme.id, mentee.user.id, 'mentee')).status).toBe('in_progress')

		await endRelationship({ relationshipId: relationship.id, actorId: oldMentor.user.id, reason: 'I changed roles.', now: ENDED_AT })
		const menteeAfter = await registrationOf(programme.id, mentee.user.id, 'mentee')
		expect(menteeAfter.status).toBe('searching')
		expect(menteeAfter.statusChangedAt).toEqual(ENDED_AT)
		expect(menteeAfter.periods.map((p) => [p.startDate, p.endDate])).toEqual([['2027-03-01', '2027-03-21']])
		const mentorAfter = await registrationOf(programme.id, oldMentor.user.id, 'mentor')
		expect(mentorAfter.status).toBe('searching')
		expect(mentorAfter.periods.map((p) => [p.startDate, p.endDate])).toEqual([['2027-03-01', '2027-03-20']])
	})

	test('a mentor with another live mentee in the programme stays in progress, their period open; the mentee still goes back', async () => {
		const { programme, coordinator, mentee, oldMentor, relationship } = await engagedPair({ mentorCapacity: 2 })
		const second = await speaker('mentee', 'Sam Second', { industry: 'Fintech' })
		await registration({ programmeId: programme.id, userId: second.user.id, status: 'searching' })
		await confirmed(programme.slug, coordinator.user.id, oldMentor.user.id, second.user.id)

		await endRelationship({ relationshipId: relationship.id, actorId: mentee.user.id, now: ENDED_AT })
		expect((await registrationOf(programme.id, mentee.user.id, 'mentee')).status).toBe('searching')
		const mentorAfter = await registrationOf(programme.id, oldMentor.user.id, 'mentor')
		expect(mentorAfter.status).toBe('in_progress')
		expect(mentorAfter.periods.map((p) => p.endDate)).toEqual([null])
		expect((await registrationOf(programme.id, second.user.id, 'mentee')).status).toBe('in_progress')
	})

	test('the old mentor is gone from the mentee’s recommendations, a proposal of the pair is refused, and the cohort assignment never pairs them again', async () => {
		const { programme, coordinator, mentee, oldMentor, nextMentor, relationship } = await engagedPair()
		const before = await recommendationsFor({ slug: programme.slug, actorId: coordinator.user.id, menteeId: mentee.user.id, limit: 20, now: ENDED_AT })
		// While they are together the live relationship already rules the pair out; once ended only this rule keeps it so.
		expect(before.map((r) => r.mentor.id)).toEqual([nextMentor.user.id])

		await endRelationship({ relationshipId: relationship.id, actorId: oldMentor.user.id, now: ENDED_AT })
		const after = await recommendationsFor({ slug: programme.slug, actorId: coordinator.user.id, menteeId: mentee.user.id, limit: 20, now: ENDED_AT })
		expect(after.map((r) => r.mentor.id)).toEqual([nextMentor.user.id])
		await expect(requestMatch({ slug: programme.slug, actorId: coordinator.user.id, mentorId: oldMentor.user.id, menteeId: mentee.user.id, now: ENDED_AT })).rejects.toMatchObject({
			code: 'match_ruled_out',
			message: 'This match is ruled out: their relationship in this programme ended.',
		})

		// The cohort assignment, with the new mentor's place taken, leaves the mentee unassigned rather than with the old mentor.
		await getDb().update(registrations).set({ status: 'withdrawn' }).where(and(eq(registrations.programmeId, programme.id), eq(registrations.userId, nextMentor.user.id)))
		const run = await startAssignment({ slug: programme.slug, actorId: coordinator.user.id, inputs: { lockedPairs: [], forbiddenPairs: [] }, now: ENDED_AT })
		await runAssignment(run.id, ENDED_AT)
		const solved = await getAssignment({ id: run.id, actorId: coordinator.user.id })
		expect(solved.pairs).toEqual([])
		expect(solved.unassigned.map((u) => u.mentee.id)).toEqual([mentee.user.id])
	})

	test('a relationship that ended in another programme, or outside programmes, does not keep the pair apart here', async () => {
		const { programme, coordinator, mentee, nextMentor } = await engagedPair()
		const other = await coordinatedProgramme('facilitator')
		await getDb().insert(relationships).values([
			{ mentorId: nextMentor.user.id, menteeId: mentee.user.id, status: 'ended', origin: 'programme', programmeId: other.programme.id, closedAt: ENDED_AT },
			{ mentorId: nextMentor.user.id, menteeId: mentee.user.id, status: 'ended', origin: 'intro', programmeId: null, closedAt: ENDED_AT },
		])
		const recommended = await recommendationsFor({ slug: programme.slug, actorId: coordinator.user.id, menteeId: mentee.user.id, limit: 20, now: ENDED_AT })
		expect(recommended.map((r) => r.mentor.id)).toEqual([nextMentor.user.id])
	})

	test('an admin ending a lapsed one has the same effect, and the coordinator re-matches the mentee in one click', async () => {
		const { programme, coordinator, mentee, oldMentor, nextMentor, relationship } = await engagedPair()
		const admin = await member({ admin: true, name: 'Ada Admin' })
		const path = `/admin/programmes/${programme.slug}/registrations`
		const load = () => page(registrationsPage.loader, { path, slug: programme.slug, cookie: coordinator.cookie })
		expect((await load()).value.rematch).toEqual({ mentees: [], total: 0 })

		await endRelationship({ relationshipId: relationship.id, actorId: admin.user.id, reason: 'No contact in 45 days.', now: ENDED_AT })
		expect((await registrationOf(programme.id, mentee.user.id, 'mentee')).status).toBe('searching')
		const { rematch } = (await load()).value
		expect(rematch.total).toBe(1)
		expect(rematch.mentees[0]).toMatchObject({
			mentee: { id: mentee.user.id, name: 'Mia Mentee' },
			endedWith: { id: oldMentor.user.id, name: 'Olga Oldmentor' },
			endedAt: ENDED_AT.toISOString(),
			best: { mentor: { id: nextMentor.user.id, name: 'Nina Nextmentor' } },
		})

		const clicked = await page(registrationsPage.action, {
			path,
			slug: programme.slug,
			cookie: coordinator.cookie,
			fields: [
				['intent', 'rematch'],
				['mentee', mentee.user.id],
				['mentor', rematch.mentees[0].best.mentor.id],
			],
		})
		expect(clicked.status).toBe(200)
		const live = await getDb()
			.select()
			.from(relationships)
			.where(and(eq(relationships.programmeId, programme.id), eq(relationships.menteeId, mentee.user.id), eq(relationships.status, 'pending')))
		expect(live.map((r) => r.mentorId)).toEqual([nextMentor.user.id])
		// With a live relationship again, the mentee leaves the list.
		expect((await load()).value.rematch.total).toBe(0)
	})
})

test('an admin ending a lapsed programme relationship is sent to the programme’s re-match, not to the mentor directory', async () => {
	const { programme, mentee, relationship } = await engagedPair()
	const admin = await member({ role: 'mentee', name: 'Ada Admin' })
	await getDb().update(users).set({ isAdmin: true }).where(eq(users.id, admin.user.id))
	const answer = await page(adminRelationshipsPage.action, {
		path: '/admin/relationships',
		slug: programme.slug,
		cookie: admin.cookie,
		fields: [
			['relationshipId', relationship.id],
			['reason', 'Lapsed for two months'],
		],
	})
	expect(answer.status).toBe(200)
	expect(answer.value).toMatchObject({ ok: true, rematchUrl: `/admin/programmes/${programme.slug}/registrations` })
	expect((await registrationOf(programme.id, mentee.user.id, 'mentee')).status).toBe('searching')
})
