import { and, eq, inArray, isNull } from 'drizzle-orm'
import { beforeEach, describe, expect, test } from 'vitest'
import * as goalApi from '../../app/routes/api.v1.goals.$id'
import * as learningAssignmentApi from '../../app/routes/api.v1.learning-assignments.$id'
import * as assignmentsApi from '../../app/routes/api.v1.relationships.$id.assignments'
import * as goalsApi from '../../app/routes/api.v1.relationships.$id.goals'
import { sendOverdueAssignmentReminders } from '../../app/services/learning-assignments.server'
import { getDb } from '../../db/client'
import { emailOutbox, goals, learningAssignments, relationships, users } from '../../db/schema'
import { jobs } from '../../jobs'
import { assignmentRemindersJob } from '../../jobs/send-assignment-reminders'
import { call } from '../support/http'
import { member, programme } from '../support/programmes'

/**
 * PRODUCT.md "Relationship workspace": "the mentee sets goals (title, why, target date), both
 * update status (not_started, in_progress, achieved, dropped) and progress (0–100)"; "the mentor
 * suggests or assigns an item (title, link or description, due date); the mentee marks it done with
 * a note; overdue ones are marked and reminded once". Everything answers 404 to anyone who is not
 * one of the two people.
 */

type Person = Awaited<ReturnType<typeof member>>

async function workspace(status: 'pending' | 'confirmed' | 'ended' | 'declined' = 'confirmed') {
	const [mentor, mentee, coordinator] = [await member({ role: 'mentor', name: 'Olga Mentor' }), await member({ name: 'Mia Mentee' }), await member({ role: 'mentor' })]
	const p = await programme({ coordinators: [coordinator.user.id] })
	const at = new Date()
	const confirmed = status !== 'pending' && status !== 'declined'
	const [relationship] = await getDb()
		.insert(relationships)
		.values({
			mentorId: mentor.user.id,
			menteeId: mentee.user.id,
			status,
			origin: 'programme',
			programmeId: p.id,
			mentorConfirmedAt: confirmed ? at : null,
			menteeConfirmedAt: confirmed ? at : null,
			closedAt: status === 'ended' || status === 'declined' ? at : null,
		})
		.returning()
	return { mentor, mentee, coordinator, relationship: relationship! }
}

type Scene = Awaited<ReturnType<typeof workspace>>

async function goalOf(scene: Scene, values: Partial<typeof goals.$inferInsert> = {}) {
	const [row] = await getDb()
		.insert(goals)
		.values({ relationshipId: scene.relationship.id, createdBy: scene.mentee.user.id, title: 'Lead a team of five', ...values })
		.returning()
	return row!
}

async function assignmentOf(scene: Scene, values: Partial<typeof learningAssignments.$inferInsert> = {}) {
	const [row] = await getDb()
		.insert(learningAssignments)
		.values({ relationshipId: scene.relationship.id, createdBy: scene.mentor.user.id, kind: 'assigned', title: 'Read chapter 3', ...values })
		.returning()
	return row!
}

const postGoal = (id: string, who: Person | null, body: unknown) => call(goalsApi.action, { path: `/api/v1/relationships/${id}/goals`, params: { id }, cookie: who?.cookie, body })
const patchGoal = (id: string, who: Person | null, body: unknown) => call(goalApi.action, { method: 'PATCH', path: `/api/v1/goals/${id}`, params: { id }, cookie: who?.cookie, body })
const postAssignment = (id: string, who: Person | null, body: unknown) =>
	call(assignmentsApi.action, { path: `/api/v1/relationships/${id}/assignments`, params: { id }, cookie: who?.cookie, body })
const patchAssignment = (id: string, who: Person | null, body: unknown) =>
	call(learningAssignmentApi.action, { method: 'PATCH', path: `/api/v1/learning-assignments/${id}`, params: { id }, cookie: who?.cookie, body })

/** Everything a refusal must leave as it was: the workspace's goals and assignments, and the outbox. */
async function written(relationshipId: string) {
	return {
		goals: await getDb().select().from(goals).where(eq(goals.relationshipId, relationshipId)),
		assignments: await getDb().select().from(learningAssignments).where(eq(learningAssignments.relationshipId, relationshipId)),
		emails: (await getDb().select({ id: emailOutbox.id }).from(emailOutbox)).length,
	}
}

/** Each of the four endpoints, sent by `who` against this workspace's own rows. */
async function everyEndpoint(scene: Scene) {
	const goal = await goalOf(scene)
	const assignment = await assignmentOf(scene)
	const id = scene.relationship.id
	return [
		{ name: 'POST goals', send: (who: Person | null) => postGoal(id, who, { title: 'Speak at a conference' }) },
		{ name: 'PATCH goal', send: (who: Person | null) => patchGoal(goal.id, who, { status: 'in_progress', progress: 30 }) },
		{ name: 'POST assignments', send: (who: Person | null) => postAssignment(id, who, { kind: 'suggested', title: 'Watch the talk' }) },
		{ name: 'PATCH learning assignment', send: (who: Person | null) => patchAssignment(assignment.id, who, { done: true }) },
	]
}

describe('who may', () => {
	test('anyone but the two people, a coordinator of its programme and an admin too, is told it does not exist; nothing is written', async () => {
		const scene = await workspace()
		const strangers = [await member(), await member({ role: 'mentor' }), scene.coordinator, await member({ admin: true })]
		for (const endpoint of await everyEndpoint(scene)) {
			const before = await written(scene.relationship.id)
			for (const stranger of strangers) {
				const { response, json } = await endpoint.send(stranger)
				expect([endpoint.name, response.status, json.error.code]).toEqual([endpoint.name, 404, 'not_found'])
			}
			expect(await written(scene.relationship.id)).toEqual(before)
		}
	})

	test('anonymous: 401 on every endpoint', async () => {
		const scene = await workspace()
		for (const endpoint of await everyEndpoint(scene)) {
			const { response, json } = await endpoint.send(null)
			expect([endpoint.name, response.status, json.error.code]).toEqual([endpoint.name, 401, 'unauthenticated'])
		}
	})

	test('an ended or declined relationship takes nothing new: 409 invalid_transition, nothing written', async () => {
		for (const status of ['ended', 'declined'] as const) {
			const scene = await workspace(status)
			const endpoints = await everyEndpoint(scene)
			const before = await written(scene.relationship.id)
			for (const [endpoint, who] of endpoints.map((e, i) => [e, i === 2 ? scene.mentor : scene.mentee] as const)) {
				const { response, json } = await endpoint.send(who)
				expect([status, endpoint.name, response.status, json.error.code]).toEqual([status, endpoint.name, 409, 'invalid_transition'])
			}
			expect(await written(scene.relationship.id)).toEqual(before)
		}
	})

	test('an id of another relationship, a non-uuid, or one that names nothing: 404', async () => {
		const mine = await workspace()
		const theirs = await workspace()
		const goal = await goalOf(theirs)
		const assignment = await assignmentOf(theirs)
		const before = await written(theirs.relationship.id)
		for (const sent of [
			patchGoal(goal.id, mine.mentee, { progress: 10 }),
			patchAssignment(assignment.id, mine.mentee, { done: true }),
			patchGoal('not-a-uuid', mine.mentee, { progress: 10 }),
			patchAssignment("1' or '1'='1", mine.mentee, { done: true }),
			patchGoal('00000000-0000-4000-8000-000000000000', mine.mentee, { progress: 10 }),
			postGoal('42', mine.mentee, { title: 'A goal' }),
			postAssignment('00000000-0000-4000-8000-000000000000', mine.mentor, { kind: 'assigned', title: 'Read' }),
		]) {
			const { response, json } = await sent
			expect([response.status, json.error.code]).toEqual([404, 'not_found'])
		}
		expect(await written(theirs.relationship.id)).toEqual(before)
	})
})

describe('goals', () => {
	test('the mentee sets a goal: 201 with the goal’s shape; a pending relationship takes goals too', async () => {
		const scene = await workspace('pending')
		const { response, json } = await postGoal(scene.relationship.id, scene.mentee, { title: ' Lead a team ', why: 'I want to grow', targetDate: '2027-06-30' })
		expect(response.status).toBe(201)
		expect(json.goal).toEqual({
			id: expect.any(String),
			relationshipId: scene.relationship.id,
			title: 'Lead a team',
			why: 'I want to grow',
			targetDate: '2027-06-30',
			status: 'not_started',
			progress: 0,
			achievedAt: null,
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
		})
		const [row] = await getDb().select().from(goals).where(eq(goals.id, json.goal.id))
		expect(row!.createdBy).toBe(scene.mentee.user.id)
	})

	test('the mentor may not set one: 403 not_allowed, nothing written', async () => {
		const scene = await workspace()
		const before = await written(scene.relationship.id)
		const { response, json } = await postGoal(scene.relationship.id, scene.mentor, { title: 'Lead a team' })
		expect([response.status, json.error.code]).toEqual([403, 'not_allowed'])
		expect(await written(scene.relationship.id)).toEqual(before)
	})

	test('both people move status and progress; achieved sets progress to 100 and achieved_at, reopening clears it', async () => {
		const scene = await workspace()
		const goal = await goalOf(scene)
		let answer = await patchGoal(goal.id, scene.mentor, { status: 'in_progress', progress: 40 })
		expect([answer.response.status, answer.json.goal.status, answer.json.goal.progress, answer.json.goal.achievedAt]).toEqual([200, 'in_progress', 40, null])

		answer = await patchGoal(goal.id, scene.mentee, { status: 'achieved' })
		expect(answer.json.goal).toMatchObject({ status: 'achieved', progress: 100, achievedAt: expect.any(String) })
		const [achieved] = await getDb().select().from(goals).where(eq(goals.id, goal.id))
		expect(achieved!.achievedAt).not.toBeNull()

		answer = await patchGoal(goal.id, scene.mentor, { status: 'in_progress', progress: 90 })
		expect(answer.json.goal).toMatchObject({ status: 'in_progress', progress: 90, achievedAt: null })

		answer = await patchGoal(goal.id, scene.mentee, { title: 'Lead a team of eight', targetDate: null })
		expect(answer.json.goal).toMatchObject({ title: 'Lead a team of eight', targetDate: null, status: 'in_progress', progress: 90 })
		expect(new Date(answer.json.goal.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(answer.json.goal.createdAt).getTime())
	})

	test('bad input: 422 with a message per field, nothing written', async () => {
		const scene = await workspace()
		const goal = await goalOf(scene)
		const before = await written(scene.relationship.id)
		const cases: [Promise<{ response: Response; json: any }>, string[]][] = [
			[postGoal(scene.relationship.id, scene.mentee, { title: '' }), ['title']],
			[postGoal(scene.relationship.id, scene.mentee, { title: 'x'.repeat(201), targetDate: '2027-02-29' }), ['title', 'targetDate']],
			[postGoal(scene.relationship.id, scene.mentee, { title: 'A', why: 'x'.repeat(2001), targetDate: '29/02/2028' }), ['why', 'targetDate']],
			[patchGoal(goal.id, scene.mentee, { status: 'finished', progress: 101 }), ['status', 'progress']],
			[patchGoal(goal.id, scene.mentee, { progress: 12.5 }), ['progress']],
			[patchGoal(goal.id, scene.mentee, { title: ' ' }), ['title']],
			[patchGoal(goal.id, scene.mentee, {}), ['_form']],
			[postGoal(scene.relationship.id, scene.mentee, { title: 'A', why: 'a\u0000b' }), []],
		]
		for (const [sent, fields] of cases) {
			const { response, json } = await sent
			// PostgreSQL refuses a NUL in text: the shared answer has no field to name.
			expect([response.status, json.error.code, Object.keys(json.error.fields ?? {}).sort()]).toEqual([422, 'validation_failed', [...fields].sort()])
		}
		expect(await written(scene.relationship.id)).toEqual(before)
	})
})

describe('learning assignments', () => {
	test('the mentor suggests or assigns: 201 with the assignment’s shape', async () => {
		const scene = await workspace()
		const { response, json } = await postAssignment(scene.relationship.id, scene.mentor, {
			kind: 'suggested',
			title: 'Read "The Manager’s Path"',
			description: 'Chapters 1–3',
			url: 'https://example.com/book',
			dueDate: '2999-01-31',
		})
		expect(response.status).toBe(201)
		expect(json.assignment).toEqual({
			id: expect.any(String),
			relationshipId: scene.relationship.id,
			kind: 'suggested',
			title: 'Read "The Manager’s Path"',
			description: 'Chapters 1–3',
			url: 'https://example.com/book',
			dueDate: '2999-01-31',
			overdue: false,
			done: false,
			doneAt: null,
			note: null,
			createdAt: expect.any(String),
		})
	})

	test('the mentee may not assign: 403 not_allowed; a javascript: or other non-web link: 422; nothing written', async () => {
		const scene = await workspace()
		const before = await written(scene.relationship.id)
		const refused = await postAssignment(scene.relationship.id, scene.mentee, { kind: 'assigned', title: 'Read' })
		expect([refused.response.status, refused.json.error.code]).toEqual([403, 'not_allowed'])
		for (const url of ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.com/file', 'www.example.com']) {
			const { response, json } = await postAssignment(scene.relationship.id, scene.mentor, { kind: 'assigned', title: 'Read', url })
			expect([url, response.status, json.error.fields]).toEqual([url, 422, { url: ['Give a link starting with http:// or https://.'] }])
		}
		const invalid = await postAssignment(scene.relationship.id, scene.mentor, { kind: 'homework', title: '', dueDate: '2027-13-01', description: 'x'.repeat(4001) })
		expect(Object.keys(invalid.json.error.fields).sort()).toEqual(['description', 'dueDate', 'kind', 'title'])
		expect(await written(scene.relationship.id)).toEqual(before)
	})

	test('the mentee marks it done once with a note; a second time is 409; done: false reopens it', async () => {
		const scene = await workspace()
		const assignment = await assignmentOf(scene, { dueDate: '2020-01-31' })
		const mentorTries = await patchAssignment(assignment.id, scene.mentor, { done: true })
		expect([mentorTries.response.status, mentorTries.json.error.code]).toEqual([403, 'not_allowed'])

		const done = await patchAssignment(assignment.id, scene.mentee, { done: true, note: 'Loved chapter 3' })
		expect(done.response.status).toBe(200)
		expect(done.json.assignment).toMatchObject({ done: true, doneAt: expect.any(String), note: 'Loved chapter 3', overdue: false })

		const before = await written(scene.relationship.id)
		const again = await patchAssignment(assignment.id, scene.mentee, { done: true, note: 'Overwritten?' })
		expect([again.response.status, again.json.error.code]).toEqual([409, 'invalid_transition'])
		const noteOnReopen = await patchAssignment(assignment.id, scene.mentee, { done: false, note: 'Why' })
		expect([noteOnReopen.response.status, noteOnReopen.json.error.fields]).toEqual([422, { note: ['A note goes with marking it done.'] }])
		expect(await written(scene.relationship.id)).toEqual(before)

		const reopened = await patchAssignment(assignment.id, scene.mentee, { done: false })
		expect(reopened.json.assignment).toMatchObject({ done: false, doneAt: null, note: null, overdue: true })
		const reopenAgain = await patchAssignment(assignment.id, scene.mentee, { done: false })
		expect([reopenAgain.response.status, reopenAgain.json.error.code]).toEqual([409, 'invalid_transition'])
		const badBody = await patchAssignment(assignment.id, scene.mentee, { done: 'yes' })
		expect([badBody.response.status, Object.keys(badBody.json.error.fields)]).toEqual([422, ['done']])
	})

	test('marked done twice at the same instant: one 200, one 409, and the first note stays', async () => {
		const scene = await workspace()
		const assignment = await assignmentOf(scene)
		const answers = await Promise.all(['First', 'Second'].map((note) => patchAssignment(assignment.id, scene.mentee, { done: true, note })))
		expect(answers.map((a) => a.response.status).sort()).toEqual([200, 409])
		const winner = answers.find((a) => a.response.status === 200)!
		const [row] = await getDb().select().from(learningAssignments).where(eq(learningAssignments.id, assignment.id))
		expect(row!.doneNote).toBe(winner.json.assignment.note)
	})

	test('overdue: its due day has passed in the mentee’s zone and it is not done', async () => {
		const scene = await workspace()
		const past = await assignmentOf(scene, { dueDate: '2020-01-31' })
		const future = await assignmentOf(scene, { dueDate: '2999-01-31' })
		const undated = await assignmentOf(scene)
		const overdueOf = async (id: string) => (await patchAssignment(id, scene.mentee, { done: true })).json.assignment
		// Marking answers the state it leaves: done is never overdue, so read it from a reopening too.
		for (const [row, expected] of [
			[past, true],
			[future, false],
			[undated, false],
		] as const) {
			expect((await overdueOf(row.id)).overdue).toBe(false)
			expect((await patchAssignment(row.id, scene.mentee, { done: false })).json.assignment.overdue).toBe(expected)
		}
	})
})

describe('the overdue reminder, once', () => {
	const NOW = new Date('2027-03-06T02:30:00Z')

	// The run sweeps the whole database: the assignments other tests left overdue are not these tests'.
	beforeEach(async () => {
		await getDb().update(learningAssignments).set({ remindedAt: new Date(0) }).where(isNull(learningAssignments.remindedAt))
	})

	async function remindersTo(userId: string) {
		return getDb()
			.select()
			.from(emailOutbox)
			.where(and(eq(emailOutbox.userId, userId), eq(emailOutbox.template, 'assignment_overdue')))
	}

	test('the mentee is emailed once per overdue assignment, naming its due date, even with two workers at once', async () => {
		const scene = await workspace()
		const overdue = [await assignmentOf(scene, { dueDate: '2027-03-01', title: 'Read chapter 3' }), await assignmentOf(scene, { dueDate: '2027-03-04', title: 'Draft the plan' })]
		const notYet = [
			await assignmentOf(scene, { dueDate: '2027-03-06' }),
			await assignmentOf(scene, { dueDate: '2027-03-01', doneAt: new Date('2027-03-02T00:00:00Z') }),
			await assignmentOf(scene),
		]

		const runs = await Promise.all([sendOverdueAssignmentReminders(NOW), sendOverdueAssignmentReminders(NOW), sendOverdueAssignmentReminders(NOW)])
		expect(runs.reduce((a, b) => a + b, 0)).toBe(2)
		expect(await sendOverdueAssignmentReminders(new Date(NOW.getTime() + 3_600_000))).toBe(0)

		const emails = await remindersTo(scene.mentee.user.id)
		expect(emails.map((e) => e.dedupeKey).sort()).toEqual(overdue.map((a) => `assignment-overdue:${a.id}`).sort())
		const first = emails.find((e) => e.dedupeKey === `assignment-overdue:${overdue[0]!.id}`)!
		expect(first.subject).toBe('Overdue since 1 March 2027: Read chapter 3')
		expect(first.text).toContain('due on 1 March 2027')
		expect(first.text).toContain('Olga Mentor')

		const stamped = await getDb()
			.select({ id: learningAssignments.id, remindedAt: learningAssignments.remindedAt })
			.from(learningAssignments)
			.where(inArray(learningAssignments.id, [...overdue, ...notYet].map((a) => a.id)))
		for (const row of stamped) expect([row.id, row.remindedAt]).toEqual([row.id, overdue.some((a) => a.id === row.id) ? NOW : null])
		expect(await remindersTo(scene.mentor.user.id)).toEqual([])
	})

	test('overdue is read in the mentee’s zone, and an ended relationship reminds no one', async () => {
		const scene = await workspace()
		await getDb().update(users).set({ timeZone: 'America/New_York' }).where(eq(users.id, scene.mentee.user.id))
		// 02:30 UTC on 6 March is 21:30 on 5 March in New York: a task due on 5 March is not late yet.
		const dueToday = await assignmentOf(scene, { dueDate: '2027-03-05' })
		expect(await sendOverdueAssignmentReminders(NOW)).toBe(0)
		expect(await sendOverdueAssignmentReminders(new Date('2027-03-06T05:30:00Z'))).toBe(1)
		expect((await remindersTo(scene.mentee.user.id)).map((e) => e.dedupeKey)).toEqual([`assignment-overdue:${dueToday.id}`])

		const ended = await workspace('ended')
		await assignmentOf(ended, { dueDate: '2027-03-01' })
		expect(await sendOverdueAssignmentReminders(NOW)).toBe(0)
		expect(await remindersTo(ended.mentee.user.id)).toEqual([])
	})

	test('the worker runs it hourly', () => {
		expect(jobs).toContain(assignmentRemindersJob)
		expect(assignmentRemindersJob.cron).toBe('23 * * * *')
	})
})
