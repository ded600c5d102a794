import { and, count, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import * as assignmentRoute from '../../app/routes/api.v1.assignments.$id._index'
import * as applyRoute from '../../app/routes/api.v1.assignments.$id.apply'
import * as startRoute from '../../app/routes/api.v1.programmes.$slug.assignments'
import * as matchRequestRoute from '../../app/routes/api.v1.programmes.$slug.match-requests'
import { createSession } from '../../app/services/auth-sessions.server'
import { getDb } from '../../db/client'
import {
	assignments,
	auditLog,
	emailOutbox,
	menteeProfiles,
	menteeSubjects,
	mentorProfiles,
	mentorSubjects,
	programmeCoordinators,
	programmes,
	registrations,
	relationships,
	subjects,
	users,
	type MatchingWeights,
} from '../../db/schema'
import { BOSS_SCHEMA } from '../../jobs/queue.server'
import { runAssignmentJob } from '../../jobs/run-assignment'
import { uniqueEmail } from '../support/factories'
import { call } from '../support/http'
import { slug } from '../support/programmes'

type Someone = { id: string; cookie: string; name: string }
type Dossier = { subjects?: string[]; languages?: string[]; capacity?: number }

beforeAll(async () => {
	// Two applies at once must each hold a connection, so the race is real.
	process.env.DATABASE_POOL_SIZE = '10'
	await getDb()
		.insert(subjects)
		.values([
			{ slug: 'leadership', name: 'Leadership' },
			{ slug: 'product', name: 'Product' },
		])
		.onConflictDoNothing()
})

let counter = 0

async function someone(kind: 'mentor' | 'mentee' | 'admin', dossier: Dossier = {}): Promise<Someone> {
	const db = getDb()
	const name = `${kind} ${++counter}`
	const [user] = await db
		.insert(users)
		.values({ email: uniqueEmail(kind), name, timeZone: 'Europe/Berlin', passwordHash: 'not-a-real-hash', isMentor: kind === 'mentor', isMentee: kind === 'mentee', isAdmin: kind === 'admin' })
		.returning({ id: users.id })
	const id = user!.id
	const background = { userId: id, languages: dossier.languages ?? ['English'] }
	if (kind === 'mentor') {
		await db.insert(mentorProfiles).values({ ...background, slug: `mentor-${id.slice(0, 8)}`, capacity: dossier.capacity ?? 3 })
		for (const s of dossier.subjects ?? []) await db.insert(mentorSubjects).values({ userId: id, subjectSlug: s })
	}
	if (kind === 'mentee') {
		await db.insert(menteeProfiles).values(background)
		for (const s of dossier.subjects ?? []) await db.insert(menteeSubjects).values({ userId: id, subjectSlug: s })
	}
	const { token } = await createSession(id, new Date())
	return { id, cookie: `mentora_session=${token}`, name }
}

async function newProgramme(weights: MatchingWeights | null = null) {
	const coordinator = await someone('mentor')
	const [row] = await getDb().insert(programmes).values({ slug: slug(), name: 'Leadership 2027', matchingMode: 'admin', weights }).returning()
	await getDb().insert(programmeCoordinators).values({ programmeId: row!.id, userId: coordinator.id })
	return { programme: row!, coordinator }
}

async function registered(programmeId: string, who: Someone, role: 'mentor' | 'mentee', capacity: number | null = null) {
	await getDb().insert(registrations).values({ programmeId, userId: who.id, role, status: 'searching', capacity, validatedAt: new Date() })
	return who
}

/**
 * Two mentors with one place each and three mentees: the leadership mentee suits the leadership
 * mentor best, the product mentee the product mentor; the French speaker shares no language.
 */
async function cohort() {
	const { programme: p, coordinator } = await newProgramme()
	const lead = await registered(p.id, await someone('mentor', { subjects: ['leadership'] }), 'mentor', 1)
	const prod = await registered(p.id, await someone('mentor', { subjects: ['product'] }), 'mentor', 1)
	const wantsLead = await registered(p.id, await someone('mentee', { subjects: ['leadership'] }), 'mentee')
	const wantsProd = await registered(p.id, await someone('mentee', { subjects: ['product'] }), 'mentee')
	const french = await registered(p.id, await someone('mentee', { languages: ['French'] }), 'mentee')
	return { p, coordinator, lead, prod, wantsLead, wantsProd, french }
}

const start = (cookie: string | null, s: string, body: unknown = {}) => call(startRoute.action, { path: `/api/v1/programmes/${s}/assignments`, params: { slug: s }, cookie, body })
const read = (cookie: string | null, id: string) => call(assignmentRoute.loader, { path: `/api/v1/assignments/${id}`, params: { id }, cookie })
const apply = (cookie: string | null, id: string) => call(applyRoute.action, { method: 'POST', path: `/api/v1/assignments/${id}/apply`, params: { id }, cookie })

/** Starts a run and runs its job as the worker would. */
async function ran(cookie: string, s: string, body: unknown = {}) {
	const { json } = await start(cookie, s, body)
	await runAssignmentJob.run({ assignmentId: json.assignment.id })
	return (await read(cookie, json.assignment.id)).json.assignment
}

async function written(programmeId: string) {
	const db = getDb()
	const [r] = await db.select({ n: count() }).from(relationships).where(eq(relationships.programmeId, programmeId))
	const [o] = await db.select({ n: count() }).from(emailOutbox)
	const [a] = await db.select({ n: count() }).from(auditLog)
	const rows = await db.select({ status: assignments.status }).from(assignments).where(eq(assignments.programmeId, programmeId))
	return { relationships: r!.n, emails: o!.n, audits: a!.n, assignments: rows.map((x) => x.status).sort() }
}

const pairIds = (a: { pairs: { mentee: { id: string }; mentor: { id: string } }[] }) => a.pairs.map((x) => [x.mentee.id, x.mentor.id])

describe('POST /api/v1/programmes/:slug/assignments and GET /api/v1/assignments/:id', () => {
	test('a coordinator starts a run: 202 running, its job queued; the job stores the best pairs with names, scores and reasons', async () => {
		const { p, coordinator, lead, prod, wantsLead, wantsProd, french } = await cohort()
		const { response, json } = await start(coordinator.cookie, p.slug)
		expect(response.status).toBe(202)
		expect(json.assignment).toEqual({ id: expect.any(String), status: 'running', progress: 0, pairs: [], unassigned: [], totalScore: null, greedyTotalScore: null })
		const id = json.assignment.id
		const queued = await getDb().execute(sql.raw(`select data from ${BOSS_SCHEMA}.job where name = '${runAssignmentJob.name}'`))
		expect(queued.map((j) => j.data)).toContainEqual({ assignmentId: id })

		await runAssignmentJob.run({ assignmentId: id })
		const { response: got, json: body } = await read(coordinator.cookie, id)
		expect(got.status).toBe(200)
		const a = body.assignment
		expect({ status: a.status, progress: a.progress }).toEqual({ status: 'ready', progress: 1 })
		expect(pairIds(a).sort()).toEqual([[wantsLead.id, lead.id], [wantsProd.id, prod.id]].sort())
		const pair = a.pairs.find((x: { mentee: { id: string } }) => x.mentee.id === wantsLead.id)
		expect(pair).toEqual({ mentee: { id: wantsLead.id, name: wantsLead.name }, mentor: { id: lead.id, name: lead.name }, score: expect.any(Number), reasons: expect.arrayContaining(['shares 1 subject: Leadership']) })
		expect(a.unassigned).toEqual([{ mentee: { id: french.id, name: french.name }, reason: 'no mentor shares a language' }])
		expect(a.totalScore).toBe(a.pairs.reduce((sum: number, x: { score: number }) => sum + x.score, 0))
		expect(a.totalScore).toBeGreaterThanOrEqual(a.greedyTotalScore)
	})

	test('a second run of a finished assignment changes nothing', async () => {
		const { p, coordinator } = await cohort()
		const { json } = await start(coordinator.cookie, p.slug)
		await runAssignmentJob.run({ assignmentId: json.assignment.id })
		const [before] = await getDb().select().from(assignments).where(eq(assignments.id, json.assignment.id))
		await registered(p.id, await someone('mentor', { subjects: ['leadership'] }), 'mentor')
		await runAssignmentJob.run({ assignmentId: json.assignment.id })
		const [after] = await getDb().select().from(assignments).where(eq(assignments.id, json.assignment.id))
		expect(after).toEqual(before)
	})

	test('locked pairs are kept and forbidden pairs never appear', async () => {
		const { p, coordinator, lead, prod, wantsLead, wantsProd } = await cohort()
		const swapped = await ran(coordinator.cookie, p.slug, { lockedPairs: [{ mentee: wantsLead.id, mentor: prod.id }] })
		expect(pairIds(swapped).sort()).toEqual([[wantsLead.id, prod.id], [wantsProd.id, lead.id]].sort())
		const forbidden = await ran(coordinator.cookie, p.slug, { forbiddenPairs: [{ mentee: wantsLead.id, mentor: lead.id }] })
		expect(pairIds(forbidden)).not.toContainEqual([wantsLead.id, lead.id])
	})

	test('a run that cannot be solved is failed, and the body is checked', async () => {
		const { programme: p, coordinator } = await newProgramme({ subjects: 5000 })
		await registered(p.id, await someone('mentee'), 'mentee')
		expect((await ran(coordinator.cookie, p.slug)).status).toBe('failed')
		const bad = await start(coordinator.cookie, p.slug, { lockedPairs: [{ mentee: 'nobody' }] })
		expect({ status: bad.response.status, code: bad.json.error.code }).toEqual({ status: 422, code: 'validation_failed' })
	})
})

describe('POST /api/v1/assignments/:id/apply', () => {
	test('each pair becomes a pending programme relationship, neither side confirmed, both asked, audited; a second apply is already_applied', async () => {
		const { p, coordinator, lead, wantsLead } = await cohort()
		const a = await ran(coordinator.cookie, p.slug)
		const { response, json } = await apply(coordinator.cookie, a.id)
		expect(response.status).toBe(200)
		expect(json.relationships).toBe(2)
		expect(json.assignment).toMatchObject({ id: a.id, status: 'applied', pairs: a.pairs })
		const made = await getDb().select().from(relationships).where(eq(relationships.programmeId, p.id))
		expect(made).toHaveLength(2)
		for (const r of made) expect(r).toMatchObject({ status: 'pending', origin: 'programme', mentorConfirmedAt: null, menteeConfirmedAt: null })
		const asked = await getDb().select({ userId: emailOutbox.userId, template: emailOutbox.template, data: emailOutbox.data }).from(emailOutbox).where(eq(emailOutbox.userId, wantsLead.id))
		expect(asked).toEqual([{ userId: wantsLead.id, template: 'match_to_confirm', data: { role: 'mentee', otherPartyName: lead.name, proposedBy: 'admin', note: null } }])
		const audits = await getDb().select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog).where(eq(auditLog.actorId, coordinator.id))
		expect(audits.map((x) => x.action).sort()).toEqual(['assignment.apply', 'relationship.propose', 'relationship.propose'])

		const before = await written(p.id)
		const again = await apply(coordinator.cookie, a.id)
		expect({ status: again.response.status, code: again.json.error.code }).toEqual({ status: 409, code: 'already_applied' })
		expect(await written(p.id)).toEqual(before)
	})

	test('two applies at once: one 200, one 409 already_applied, the relationships made once', async () => {
		const { p, coordinator } = await cohort()
		const admin = await someone('admin')
		const a = await ran(coordinator.cookie, p.slug)
		const answers = await Promise.all([apply(coordinator.cookie, a.id), apply(admin.cookie, a.id)])
		expect(answers.map((x) => `${x.response.status} ${x.json.error?.code ?? ''}`.trim()).sort()).toEqual(['200', '409 already_applied'])
		expect((await written(p.id)).relationships).toBe(2)
	})

	test('an apply racing a coordinator’s manual proposal for the same place: the mentor never holds more than their capacity', async () => {
		for (let round = 0; round < 5; round++) {
			const { p, coordinator, lead, wantsProd } = await cohort()
			const a = await ran(coordinator.cookie, p.slug)
			// The run gives the leadership mentor's one place to the leadership mentee; the proposal gives it to another.
			const propose = call(matchRequestRoute.action, {
				path: `/api/v1/programmes/${p.slug}/match-requests`,
				params: { slug: p.slug },
				cookie: coordinator.cookie,
				body: { mentor: lead.id, mentee: wantsProd.id },
			})
			const [applied, proposed] = await Promise.all([apply(coordinator.cookie, a.id), propose])
			const live = await getDb()
				.select({ n: count() })
				.from(relationships)
				.where(and(eq(relationships.programmeId, p.id), eq(relationships.mentorId, lead.id), sql`${relationships.status} in ('pending', 'confirmed')`))
			expect(live[0]!.n).toBe(1)
			// Exactly one of the two took the place; the other was refused with a 409 and wrote nothing.
			const outcomes = [applied.response.status, proposed.response.status].sort()
			expect([outcomes, [applied.json.error?.code, proposed.json.error?.code].filter(Boolean)]).toSatisfy(
				([statuses, codes]: [number[], string[]]) =>
					(statuses[0] === 200 || statuses[0] === 201) && statuses[1] === 409 && codes.length === 1 && ['no_capacity', 'stale_assignment'].includes(codes[0]!),
			)
		}
	})

	test('a registration or a place that changed since the run makes it stale_assignment, and nothing is written', async () => {
		const { p, coordinator, lead, prod, wantsLead } = await cohort()
		const changes = [
			() => getDb().update(registrations).set({ capacity: 2 }).where(and(eq(registrations.programmeId, p.id), eq(registrations.userId, lead.id))),
			() => getDb().update(registrations).set({ status: 'withdrawn' }).where(and(eq(registrations.programmeId, p.id), eq(registrations.userId, wantsLead.id))),
			async () => registered(p.id, await someone('mentee'), 'mentee'),
			async () => getDb().insert(relationships).values({ mentorId: prod.id, menteeId: (await someone('mentee')).id, status: 'pending', origin: 'admin', programmeId: p.id }),
		]
		for (const change of changes) {
			const a = await ran(coordinator.cookie, p.slug)
			await change()
			const before = await written(p.id)
			const { response, json } = await apply(coordinator.cookie, a.id)
			expect({ status: response.status, code: json.error.code }).toEqual({ status: 409, code: 'stale_assignment' })
			expect(await written(p.id)).toEqual(before)
		}
	})

	test('a run not finished yet cannot be applied', async () => {
		const { p, coordinator } = await cohort()
		const { json } = await start(coordinator.cookie, p.slug)
		const { response, json: refused } = await apply(coordinator.cookie, json.assignment.id)
		expect({ status: response.status, code: refused.error.code }).toEqual({ status: 409, code: 'invalid_transition' })
	})
})

describe('who may run, read and apply an assignment', () => {
	test('coordinators of the programme and admins; a mentee or another programme’s coordinator is 403 not_allowed on all three', async () => {
		const { p, coordinator } = await cohort()
		const a = await ran(coordinator.cookie, p.slug)
		const participant = await registered(p.id, await someone('mentee'), 'mentee')
		const elsewhere = (await newProgramme()).coordinator
		for (const stranger of [participant, elsewhere]) {
			const before = await written(p.id)
			for (const answer of [await start(stranger.cookie, p.slug), await read(stranger.cookie, a.id), await apply(stranger.cookie, a.id)]) {
				expect({ status: answer.response.status, code: answer.json.error.code }).toEqual({ status: 403, code: 'not_allowed' })
			}
			expect(await written(p.id)).toEqual(before)
		}
		expect((await start(null, p.slug)).response.status).toBe(401)
		expect((await read(null, a.id)).response.status).toBe(401)
		expect((await read(coordinator.cookie, 'not-an-id')).json.error.code).toBe('not_found')
		expect((await read(coordinator.cookie, '00000000-0000-4000-8000-000000000000')).json.error.code).toBe('not_found')
		const admin = await someone('admin')
		expect((await read(admin.cookie, a.id)).response.status).toBe(200)
		expect((await start(admin.cookie, p.slug)).response.status).toBe(202)
	})
})
