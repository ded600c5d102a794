import { count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import * as assignmentRoute from '../../app/routes/api.v1.assignments.$id._index'
import * as startRoute from '../../app/routes/api.v1.programmes.$slug.assignments'
import { createSession } from '../../app/services/auth-sessions.server'
import { getDb } from '../../db/client'
import { assignments, menteeProfiles, menteeSubjects, mentorProfiles, mentorSubjects, programmeCoordinators, programmes, registrations, subjects, users } from '../../db/schema'
import { runAssignmentJob } from '../../jobs/run-assignment'
import { uniqueEmail } from '../support/factories'
import { call } from '../support/http'
import { slug } from '../support/programmes'

/** The run itself: the candidate limit a coordinator may ask for, and the progress written while it solves. */

type Someone = { id: string; cookie: string; name: string }

beforeAll(async () => {
	await getDb()
		.insert(subjects)
		.values([
			{ slug: 'leadership', name: 'Leadership' },
			{ slug: 'product', name: 'Product' },
		])
		.onConflictDoNothing()
})

let counter = 0

async function someone(kind: 'mentor' | 'mentee', dossier: { subjects?: string[]; capacity?: number } = {}): Promise<Someone> {
	const db = getDb()
	const name = `${kind} ${++counter}`
	const [user] = await db
		.insert(users)
		.values({ email: uniqueEmail(kind), name, timeZone: 'Europe/Berlin', passwordHash: 'not-a-real-hash', isMentor: kind === 'mentor', isMentee: kind === 'mentee' })
		.returning({ id: users.id })
	const id = user!.id
	if (kind === 'mentor') {
		await db.insert(mentorProfiles).values({ userId: id, languages: ['English'], slug: `mentor-${id.slice(0, 8)}`, capacity: dossier.capacity ?? 3 })
		for (const s of dossier.subjects ?? []) await db.insert(mentorSubjects).values({ userId: id, subjectSlug: s })
	} else {
		await db.insert(menteeProfiles).values({ userId: id, languages: ['English'] })
		for (const s of dossier.subjects ?? []) await db.insert(menteeSubjects).values({ userId: id, subjectSlug: s })
	}
	const { token } = await createSession(id, new Date())
	return { id, cookie: `mentora_session=${token}`, name }
}

async function newProgramme() {
	const coordinator = await someone('mentor')
	const [row] = await getDb().insert(programmes).values({ slug: slug(), name: 'Leadership 2027', matchingMode: 'admin' }).returning()
	await getDb().insert(programmeCoordinators).values({ programmeId: row!.id, userId: coordinator.id })
	return { p: row!, coordinator }
}

async function registered(programmeId: string, who: Someone, role: 'mentor' | 'mentee', capacity: number | null = null) {
	await getDb().insert(registrations).values({ programmeId, userId: who.id, role, status: 'searching', capacity, validatedAt: new Date() })
	return who
}

const start = (cookie: string | null, s: string, body: unknown = {}) => call(startRoute.action, { path: `/api/v1/programmes/${s}/assignments`, params: { slug: s }, cookie, body })
const read = (cookie: string | null, id: string) => call(assignmentRoute.loader, { path: `/api/v1/assignments/${id}`, params: { id }, cookie })
const stored = async (id: string) => (await getDb().select().from(assignments).where(eq(assignments.id, id)))[0]!
const runs = async (programmeId: string) => (await getDb().select({ n: count() }).from(assignments).where(eq(assignments.programmeId, programmeId)))[0]!.n

/**
 * Two leadership mentees and a product one; a leadership mentor with one place and a product mentor
 * with two. Every pair is possible, so without a limit all three are assigned; with each mentee's
 * best mentor only, both leadership mentees want the one place and one goes without.
 */
async function cohort() {
	const { p, coordinator } = await newProgramme()
	const lead = await registered(p.id, await someone('mentor', { subjects: ['leadership'] }), 'mentor', 1)
	const prod = await registered(p.id, await someone('mentor', { subjects: ['product'] }), 'mentor', 2)
	const mentees = [
		await registered(p.id, await someone('mentee', { subjects: ['leadership'] }), 'mentee'),
		await registered(p.id, await someone('mentee', { subjects: ['leadership'] }), 'mentee'),
		await registered(p.id, await someone('mentee', { subjects: ['product'] }), 'mentee'),
	]
	return { p, coordinator, lead, prod, mentees }
}

describe('candidateLimit on POST /api/v1/programmes/:slug/assignments', () => {
	test('absent means every pair; a limit is stored with the run, keeps each mentee to their best K, and says so', async () => {
		const { p, coordinator } = await cohort()
		const all = await start(coordinator.cookie, p.slug)
		expect(all.response.status).toBe(202)
		expect((await stored(all.json.assignment.id)).input).toEqual({ lockedPairs: [], forbiddenPairs: [] })
		await runAssignmentJob.run({ assignmentId: all.json.assignment.id })
		const full = (await read(coordinator.cookie, all.json.assignment.id)).json.assignment
		expect({ status: full.status, pairs: full.pairs.length, unassigned: full.unassigned }).toEqual({ status: 'ready', pairs: 3, unassigned: [] })

		const cut = await start(coordinator.cookie, p.slug, { candidateLimit: 1 })
		expect(cut.response.status).toBe(202)
		expect((await stored(cut.json.assignment.id)).input).toEqual({ lockedPairs: [], forbiddenPairs: [], candidateLimit: 1 })
		await runAssignmentJob.run({ assignmentId: cut.json.assignment.id })
		const limited = (await read(coordinator.cookie, cut.json.assignment.id)).json.assignment
		expect({ status: limited.status, pairs: limited.pairs.length }).toEqual({ status: 'ready', pairs: 2 })
		expect(limited.unassigned).toEqual([{ mentee: expect.any(Object), reason: 'every mentor among the 1 best for this mentee is full' }])
	})

	test('a limit that is not a whole number from 1 to 1,000 is 422 validation_failed and starts nothing', async () => {
		const { p, coordinator } = await cohort()
		for (const candidateLimit of [0, -1, 2.5, 1001, '20', null]) {
			const { response, json } = await start(coordinator.cookie, p.slug, { candidateLimit })
			expect({ status: response.status, code: json.error.code, field: Object.keys(json.error.fields ?? {}) }).toEqual({ status: 422, code: 'validation_failed', field: ['candidateLimit'] })
		}
		expect(await runs(p.id)).toBe(0)
	})

	test('a mentee of the programme or another programme’s coordinator is 403 not_allowed with a limit too, and starts nothing', async () => {
		const { p } = await cohort()
		const participant = await registered(p.id, await someone('mentee'), 'mentee')
		const elsewhere = (await newProgramme()).coordinator
		for (const stranger of [participant, elsewhere]) {
			const { response, json } = await start(stranger.cookie, p.slug, { candidateLimit: 5 })
			expect({ status: response.status, code: json.error.code }).toEqual({ status: 403, code: 'not_allowed' })
		}
		expect((await start(null, p.slug, { candidateLimit: 5 })).response.status).toBe(401)
		expect(await runs(p.id)).toBe(0)
	})
})
