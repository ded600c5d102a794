import { count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import * as assignmentRoute from '../../app/routes/api.v1.assignments.$id._index'
import * as startRoute from '../../app/routes/api.v1.programmes.$slug.assignments'
import { createSession } from '../../app/services/auth-sessions.server'
import { getDb } from '../../db/client'
import { assignments, menteeProfiles, menteeSubjects, mentorProfiles, mentorSubjects, programmeCoordinators, programmes, registrations, subjects, users } from '../../db/schema'
import { runAssignmentJob } from '../../jobs/run-assignment'
import { runAssignment } from '../../app/services/assignment-run.server'
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

/** A cohort large enough that solving it takes a while: `mentees` and `mentors` inserted in bulk. */
async function crowd(programmeId: string, mentees: number, mentors: number) {
	const db = getDb()
	const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC']
	const insertPeople = async (count: number, kind: 'mentee' | 'mentor') => {
		const ids: string[] = []
		for (let from = 0; from < count; from += 1000) {
			const rows = Array.from({ length: Math.min(1000, count - from) }, (_, k) => ({
				email: uniqueEmail(kind),
				name: `${kind} ${from + k}`,
				timeZone: zones[(from + k) % zones.length]!,
				passwordHash: 'not-a-real-hash',
				isMentor: kind === 'mentor',
				isMentee: kind === 'mentee',
			}))
			ids.push(...(await db.insert(users).values(rows).returning({ id: users.id })).map((u) => u.id))
		}
		for (let from = 0; from < ids.length; from += 1000) {
			const chunk = ids.slice(from, from + 1000)
			if (kind === 'mentor') {
				await db.insert(mentorProfiles).values(chunk.map((userId, k) => ({ userId, languages: ['English'], slug: `mentor-${userId.slice(0, 8)}-${k}`, capacity: 1 + (k % 4), yearsExperience: 5 + (k % 20) })))
				await db.insert(mentorSubjects).values(chunk.map((userId, k) => ({ userId, subjectSlug: k % 2 ? 'leadership' : 'product' })))
			} else {
				await db.insert(menteeProfiles).values(chunk.map((userId, k) => ({ userId, languages: ['English'], yearsExperience: k % 15 })))
				await db.insert(menteeSubjects).values(chunk.map((userId, k) => ({ userId, subjectSlug: k % 3 ? 'leadership' : 'product' })))
			}
			await db.insert(registrations).values(chunk.map((userId) => ({ programmeId, userId, role: kind, status: 'searching' as const, validatedAt: new Date() })))
		}
	}
	await insertPeople(mentees, 'mentee')
	await insertPeople(mentors, 'mentor')
}

describe('progress of a run', () => {
	test('a mid-sized cohort shows progress between 0 and 1 while it is solved, then ready at 1', async () => {
		const { p, coordinator } = await newProgramme()
		await crowd(p.id, 4000, 300)
		const { json } = await start(coordinator.cookie, p.slug)
		const id = json.assignment.id
		// Read the row the way the page does, over and over, while the job runs in this same process.
		const seen: { status: string; progress: number }[] = []
		let done = false
		const job = runAssignmentJob.run({ assignmentId: id }).finally(() => (done = true))
		while (!done) {
			const row = await stored(id)
			seen.push({ status: row.status, progress: row.progress })
			await new Promise((resolve) => setTimeout(resolve, 10))
		}
		await job
		const row = await stored(id)
		expect({ status: row.status, progress: row.progress, pairs: row.result!.pairs.length }).toEqual({ status: 'ready', progress: 1, pairs: 750 })
		const between = seen.filter((s) => s.status === 'running' && s.progress > 0 && s.progress < 1)
		// How many steps a reader catches depends on the machine's pace (writes are at most every 200 ms); one at least.
		expect(between.length).toBeGreaterThan(0)
		expect(seen.map((s) => s.progress)).toEqual([...seen.map((s) => s.progress)].sort((a, b) => a - b))
	}, 120_000)

	test('a run whose solver fails is marked failed with no result, and a second run of it solves nothing', async () => {
		const { p, coordinator } = await cohort()
		const { json } = await start(coordinator.cookie, p.slug)
		let solves = 0
		const failing = async () => {
			solves++
			throw new Error('The assignment worker stopped (exit code 1) before it answered.')
		}
		await runAssignment(json.assignment.id, new Date(), { solve: failing })
		await runAssignment(json.assignment.id, new Date(), { solve: failing })
		const row = await stored(json.assignment.id)
		expect({ status: row.status, result: row.result, solves }).toEqual({ status: 'failed', result: null, solves: 1 })
	})
})
