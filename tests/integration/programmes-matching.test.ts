import { and, count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import * as matchRequestsRoute from '../../app/routes/api.v1.programmes.$slug.match-requests'
import * as recommendationsRoute from '../../app/routes/api.v1.programmes.$slug.recommendations'
import { createSession } from '../../app/services/auth-sessions.server'
import { confirmRelationship } from '../../app/services/relationships.server'
import { DEFAULT_MATCH_WEIGHTS, scoreMatch } from '../../app/rules/matching'
import { getDb } from '../../db/client'
import {
	auditLog,
	emailOutbox,
	engagementPeriods,
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
import { call } from '../support/http'
import { uniqueEmail } from '../support/factories'
import { slug } from '../support/programmes'

type Cookie = string | null
type Dossier = {
	subjects?: string[]
	industry?: string
	department?: string
	languages?: string[]
	yearsExperience?: number
	capacity?: number
}
type Someone = { id: string; cookie: string; name: string; slug: string }

const SUBJECT_NAMES: Record<string, string> = {
	leadership: 'Leadership',
	product: 'Product',
	sales: 'Sales',
}

beforeAll(async () => {
	// Thirty match requests at once must each hold a connection of their own, so the race is real;
	// the pool is sized on first use, which is here.
	process.env.DATABASE_POOL_SIZE = '40'
	await getDb()
		.insert(subjects)
		.values(Object.entries(SUBJECT_NAMES).map(([s, name]) => ({ slug: s, name })))
		.onConflictDoNothing()
})

let counter = 0

/** A person straight into the tables (no password hashing), with a dossier and a session cookie. */
async function someone(kind: 'mentor' | 'mentee' | 'admin', dossier: Dossier = {}, timeZone = 'Europe/Berlin'): Promise<Someone> {
	const db = getDb()
	const name = `${kind} ${++counter}`
	const [user] = await db
		.insert(users)
		.values({
			email: uniqueEmail(kind),
			name,
			timeZone,
			passwordHash: 'not-a-real-hash',
			isMentor: kind === 'mentor',
			isMentee: kind === 'mentee',
			isAdmin: kind === 'admin',
		})
		.returning({ id: users.id })
	const id = user!.id
	const background = {
		userId: id,
		industry: dossier.industry ?? '',
		department: dossier.department ?? '',
		languages: dossier.languages ?? ['English'],
		yearsExperience: dossier.yearsExperience ?? 0,
	}
	const personSlug = kind === 'mentor' ? `mentor-${id.slice(0, 8)}` : ''
	if (kind === 'mentor') {
		await db.insert(mentorProfiles).values({
			...background,
			slug: personSlug,
			capacity: dossier.capacity ?? 3,
		})
		for (const s of dossier.subjects ?? []) await db.insert(mentorSubjects).values({ userId: id, subjectSlug: s })
	}
	if (kind === 'mentee') {
		await db.insert(menteeProfiles).values(background)
		for (const s of dossier.subjects ?? []) await db.insert(menteeSubjects).values({ userId: id, subjectSlug: s })
	}
	const { token } = await createSession(id, new Date())
	return { id, cookie: `mentora_session=${token}`, name, slug: personSlug }
}

async function newProgramme(
	values: {
		matchingMode?: 'self' | 'admin' | 'facilitator'
		weights?: MatchingWeights
		departments?: string[]
	} = {},
) {
	const coordinator = await someone('mentor')
	const [row] = await getDb()
		.insert(programmes)
		.values({
			slug: slug(),
			name: 'Leadership 2027',
			matchingMode: values.matchingMode ?? 'self',
			weights: values.weights ?? null,
			audience: {
				roles: [],
				departments: values.departments ?? [],
				locations: [],
				emailDomains: [],
			},
		})
		.returning()
	await getDb().insert(programmeCoordinators).values({ programmeId: row!.id, userId: coordinator.id })
	return { programme: row!, coordinator }
}

type Status = NonNullable<(typeof registrations.$inferInsert)['status']>

async function registered(programmeId: string, who: Someone, role: 'mentor' | 'mentee', status: Status = 'searching', capacity: number | null = null) {
	await getDb()
		.insert(registrations)
		.values({
			programmeId,
			userId: who.id,
			role,
			status,
			capacity,
			validatedAt: status === 'application' ? null : new Date(),
		})
	return who
}

async function related(mentor: Someone, mentee: Someone, status: 'pending' | 'confirmed' | 'declined' | 'ended', programmeId: string | null = null) {
	const now = new Date()
	await getDb()
		.insert(relationships)
		.values({
			mentorId: mentor.id,
			menteeId: mentee.id,
			status,
			origin: 'admin',
			programmeId,
			mentorConfirmedAt: status === 'confirmed' || status === 'ended' ? now : null,
			menteeConfirmedAt: status === 'confirmed' || status === 'ended' ? now : null,
		})
}

const recommend = (cookie: Cookie, s: string, query = '') =>
	call(recommendationsRoute.loader, {
		path: `/api/v1/programmes/${s}/recommendations${query}`,
		params: { slug: s },
		cookie,
	})
const requestMatch = (cookie: Cookie, s: string, body: unknown) =>
	call(matchRequestsRoute.action, {
		path: `/api/v1/programmes/${s}/match-requests`,
		params: { slug: s },
		cookie,
		body,
	})

/** What a match request may write: relationships, emails, audit entries. */
async function written() {
	const db = getDb()
	const [r] = await db.select({ n: count() }).from(relationships)
	const [o] = await db.select({ n: count() }).from(emailOutbox)
	const [a] = await db.select({ n: count() }).from(auditLog)
	return { relationships: r!.n, emails: o!.n, audits: a!.n }
}

async function refused(run: () => ReturnType<typeof call>, status: number, code: string) {
	const before = await written()
	const { response, json } = await run()
	expect({ status: response.status, code: json?.error?.code }).toEqual({
		status,
		code,
	})
	expect(typeof json.error.message).toBe('string')
	expect(await written()).toEqual(before)
	return json
}

const emailsTo = (userId: string) => getDb().select({ template: emailOutbox.template, data: emailOutbox.data }).from(emailOutbox).where(eq(emailOutbox.userId, userId))

describe('GET /api/v1/programmes/:slug/recommendations', () => {
	test('a mentee sees the mentors the hard constraints leave, best first, each with its score and reasons', async () => {
		const { programme: p } = await newProgramme()
		const mentee = await registered(
			p.id,
			await someone('mentee', {
				subjects: ['leadership', 'product'],
				industry: 'Fintech',
				yearsExperience: 3,
			}),
			'mentee',
		)
		const best = await registered(
			p.id,
			await someone('mentor', {
				subjects: ['leadership', 'product'],
				industry: 'fintech',
				yearsExperience: 10,
			}),
			'mentor',
		)
		const second = await registered(p.id, await someone('mentor', { subjects: ['leadership'], yearsExperience: 10 }, 'America/New_York'), 'mentor', 'in_progress')
		// Ruled out: no shared language; full (its registration's capacity, not the dossier's 3); a
		// declined relationship; a live one from outside the programme; not validated; another programme's.
		await registered(
			p.id,
			await someone('mentor', {
				subjects: ['leadership'],
				languages: ['French'],
			}),
			'mentor',
		)
		const full = await registered(p.id, await someone('mentor', { subjects: ['leadership'] }), 'mentor', 'searching', 1)
		await related(full, await someone('mentee'), 'confirmed', p.id)
		const declined = await registered(p.id, await someone('mentor', { subjects: ['leadership'] }), 'mentor')
		await related(declined, mentee, 'declined', p.id)
		const live = await registered(p.id, await someone('mentor', { subjects: ['leadership'] }), 'mentor')
		await related(live, mentee, 'pending')
		await registered(p.id, await someone('mentor', { subjects: ['leadership'] }), 'mentor', 'application')
		await registered((await newProgramme()).programme.id, await someone('mentor', { subjects: ['leadership'] }), 'mentor')
		// A relationship that ended outside this programme rules nothing out (one of this programme keeps
		// the old mentor away: tests/integration/programme-rematch.test.ts), and relationships elsewhere take no place here.
		const again = await registered(p.id, await someone('mentor', { subjects: ['sales'], capacity: 1 }), 'mentor')
		await related(again, mentee, 'ended', (await newProgramme()).programme.id)
		await related(again, mentee, 'ended')
		await related(again, await someone('mentee'), 'confirmed')

		const { response, json } = await recommend(mentee.cookie, p.slug)
		expect(response.status).toBe(200)
		expect(json.recommendations.map((r: { mentor: { id: string } }) => r.mentor.id)).toEqual([best.id, second.id, again.id])
		expect(json.recommendations[0]).toEqual({
			mentor: { id: best.id, slug: best.slug, name: best.name },
			score: expect.any(Number),
			reasons: ['shares 2 subjects: Leadership, Product', 'both in Fintech', 'same local time', '7 more years of experience'],
		})
		expect(json.recommendations[1].reasons).toContain('6 hours apart')
		const [a, b, c] = json.recommendations.map((r: { score: number }) => r.score)
		expect(a).toBeGreaterThan(b)
		expect(b).toBeGreaterThan(c)
	})

	test("the programme's weights count, merged over the defaults", async () => {
		const weights = { subjects: 0, seniority: 900 }
		const { programme: p } = await newProgramme({ weights })
		const mentee = await registered(p.id, await someone('mentee', { subjects: ['leadership'], yearsExperience: 2 }), 'mentee')
		const sameSubject = await registered(p.id, await someone('mentor', { subjects: ['leadership'], yearsExperience: 2 }), 'mentor')
		const senior = await registered(p.id, await someone('mentor', { yearsExperience: 12 }), 'mentor')
		const { json } = await recommend(mentee.cookie, p.slug)
		expect(json.recommendations.map((r: { mentor: { id: string } }) => r.mentor.id)).toEqual([senior.id, sameSubject.id])
		const expected = scoreMatch(
			{
				id: mentee.id,
				subjects: ['Leadership'],
				industry: '',
				role: '',
				department: '',
				location: '',
				languages: ['English'],
				yearsExperience: 2,
				timeZone: 'Europe/Berlin',
			},
			{
				id: senior.id,
				subjects: [],
				industry: '',
				role: '',
				department: '',
				location: '',
				languages: ['English'],
				yearsExperience: 12,
				timeZone: 'Europe/Berlin',
				remainingCapacity: 3,
			},
			{ ...DEFAULT_MATCH_WEIGHTS, ...weights },
			new Date(),
		)
		expect(expected.ok && json.recommendations[0].score).toBe(expected.ok ? expected.score : null)
	})

	test("mentors outside the programme's audience are absent", async () => {
		const { programme: p } = await newProgramme({ departments: ['Sales'] })
		const mentee = await registered(p.id, await someone('mentee', { department: 'Sales' }), 'mentee')
		const inside = await registered(p.id, await someone('mentor', { department: 'sales' }), 'mentor')
		await registered(p.id, await someone('mentor', { department: 'Legal' }), 'mentor')
		const { json } = await recommend(mentee.cookie, p.slug)
		expect(json.recommendations.map((r: { mentor: { id: string } }) => r.mentor.id)).toEqual([inside.id])
	})

	test('a mentee reads at most 10; coordinators and admins up to 5000, for any mentee of the programme', async () => {
		const { programme: p, coordinator } = await newProgramme()
		const mentee = await registered(p.id, await someone('mentee'), 'mentee')
		for (let i = 0; i < 12; i++) await registered(p.id, await someone('mentor'), 'mentor')
		expect((await recommend(mentee.cookie, p.slug)).json.recommendations).toHaveLength(10)
		expect((await recommend(mentee.cookie, p.slug, '?limit=3')).json.recommendations).toHaveLength(3)
		const tooMany = await recommend(mentee.cookie, p.slug, '?limit=11')
		expect({
			status: tooMany.response.status,
			code: tooMany.json.error.code,
			fields: tooMany.json.error.fields,
		}).toEqual({
			status: 422,
			code: 'validation_failed',
			fields: { limit: ['At most 10.'] },
		})
		const byCoordinator = await recommend(coordinator.cookie, p.slug, `?mentee=${mentee.id}&limit=5000`)
		expect(byCoordinator.json.recommendations).toHaveLength(12)
		const admin = await someone('admin')
		expect((await recommend(admin.cookie, p.slug, `?mentee=${mentee.id}&limit=12`)).json.recommendations).toHaveLength(12)
		expect((await recommend(admin.cookie, p.slug, `?mentee=${mentee.id}&limit=5001`)).response.status).toBe(422)
		expect((await recommend(coordinator.cookie, p.slug)).json.error.fields).toEqual({ mentee: ['Name the mentee this is for.'] })
	})

	test('strangers are refused: another mentee, another programme’s coordinator, anyone for an unknown programme', async () => {
		const { programme: p } = await newProgramme()
		const mentee = await registered(p.id, await someone('mentee'), 'mentee')
		const peer = await registered(p.id, await someone('mentee'), 'mentee')
		const elsewhere = (await newProgramme()).coordinator
		const stranger = await someone('mentee')
		await refused(() => recommend(peer.cookie, p.slug, `?mentee=${mentee.id}`), 403, 'not_allowed')
		await refused(() => recommend(elsewhere.cookie, p.slug, `?mentee=${mentee.id}`), 403, 'not_allowed')
		await refused(() => recommend(stranger.cookie, p.slug), 403, 'not_allowed')
		await refused(() => recommend(mentee.cookie, 'no-such-programme'), 404, 'not_found')
		await refused(() => recommend(null, p.slug), 401, 'unauthenticated')
		const applicant = await registered(p.id, await someone('mentee'), 'mentee', 'application')
		await refused(() => recommend(applicant.cookie, p.slug), 409, 'not_searching')
	})
})

describe('POST /api/v1/programmes/:slug/match-requests', () => {
	test("a searching mentee requests a mentor: pending, the mentee's side confirmed, the mentor asked once", async () => {
		const { programme: p } = await newProgramme()
		const mentee = await registered(p.id, await someone('mentee'), 'mentee')
		const mentor = await registered(p.id, await someone('mentor'), 'mentor')
		const { response, json } = await requestMatch(mentee.cookie, p.slug, {
			mentor: mentor.id,
		})
		expect(response.status).toBe(201)
		expect(json.relationship).toMatchObject({
			mentorId: mentor.id,
			menteeId: mentee.id,
			status: 'pending',
			origin: 'programme',
			programmeId: p.id,
			mentorConfirmedAt: null,
		})
		expect(json.relationship.menteeConfirmedAt).toEqual(expect.any(String))
		expect(await emailsTo(mentor.id)).toEqual([
			{
				template: 'match_to_confirm',
				data: {
					role: 'mentor',
					otherPartyName: mentee.name,
					proposedBy: 'other_party',
					note: null,
				},
			},
		])
		expect(await emailsTo(mentee.id)).toEqual([])

		const confirmed = await confirmRelationship({
			relationshipId: json.relationship.id,
			actorId: mentor.id,
			now: new Date(),
		})
		expect(confirmed.status).toBe('confirmed')
		// No second request: the mentee is told it started, and of which programme.
		expect(await emailsTo(mentee.id)).toEqual([
			{ template: 'relationship_confirmed', data: { role: 'mentee', otherPartyName: mentor.name, mentorSlug: expect.any(String), programmeName: p.name } },
		])
	})

	test('a coordinator proposes a match in any mode: neither side confirmed, both asked, audited; answering asks no one twice', async () => {
		const { programme: p, coordinator } = await newProgramme({
			matchingMode: 'facilitator',
		})
		const mentee = await registered(p.id, await someone('mentee'), 'mentee', 'in_progress')
		const mentor = await registered(p.id, await someone('mentor'), 'mentor')
		const { response, json } = await requestMatch(coordinator.cookie, p.slug, {
			mentor: mentor.id,
			mentee: mentee.id,
		})
		expect(response.status).toBe(201)
		expect(json.relationship).toMatchObject({
			status: 'pending',
			origin: 'programme',
			programmeId: p.id,
			mentorConfirmedAt: null,
			menteeConfirmedAt: null,
		})
		expect(await emailsTo(mentor.id)).toEqual([
			{
				template: 'match_to_confirm',
				data: {
					role: 'mentor',
					otherPartyName: mentee.name,
					proposedBy: 'admin',
					note: null,
				},
			},
		])
		expect(await emailsTo(mentee.id)).toEqual([
			{
				template: 'match_to_confirm',
				data: {
					role: 'mentee',
					otherPartyName: mentor.name,
					proposedBy: 'admin',
					note: null,
				},
			},
		])
		const audits = await getDb().select().from(auditLog).where(eq(auditLog.subjectId, json.relationship.id))
		expect(audits.map((a) => [a.action, a.actorId])).toEqual([['relationship.propose', coordinator.id]])

		await confirmRelationship({
			relationshipId: json.relationship.id,
			actorId: mentee.id,
			now: new Date(),
		})
		expect(await emailsTo(mentor.id)).toHaveLength(1)
	})

	test('refusals write nothing', async () => {
		const { programme: p, coordinator } = await newProgramme()
		const mentee = await registered(p.id, await someone('mentee'), 'mentee')
		const mentor = await registered(p.id, await someone('mentor'), 'mentor')
		const peer = await registered(p.id, await someone('mentee'), 'mentee')
		const elsewhere = (await newProgramme()).coordinator
		const stranger = await someone('mentee')

		await refused(() => requestMatch(null, p.slug, { mentor: mentor.id }), 401, 'unauthenticated')
		await refused(
			() =>
				requestMatch(peer.cookie, p.slug, {
					mentor: mentor.id,
					mentee: mentee.id,
				}),
			403,
			'not_allowed',
		)
		await refused(
			() =>
				requestMatch(elsewhere.cookie, p.slug, {
					mentor: mentor.id,
					mentee: mentee.id,
				}),
			403,
			'not_allowed',
		)
		await refused(() => requestMatch(stranger.cookie, p.slug, { mentor: mentor.id }), 403, 'not_allowed')
		await refused(() => requestMatch(mentee.cookie, 'no-such-programme', { mentor: mentor.id }), 404, 'not_found')
		// Unknown mentors and people who are no open mentor of this programme.
		const unknown = await refused(
			() =>
				requestMatch(mentee.cookie, p.slug, {
					mentor: '00000000-0000-4000-8000-000000000000',
				}),
			422,
			'validation_failed',
		)
		expect(Object.keys(unknown.error.fields)).toEqual(['mentor'])
		await refused(() => requestMatch(mentee.cookie, p.slug, { mentor: 'not-an-id' }), 422, 'validation_failed')
		await refused(() => requestMatch(mentee.cookie, p.slug, {}), 422, 'validation_failed')
		const applicantMentor = await registered(p.id, await someone('mentor'), 'mentor', 'application')
		await refused(() => requestMatch(mentee.cookie, p.slug, { mentor: applicantMentor.id }), 422, 'validation_failed')
		await refused(() => requestMatch(coordinator.cookie, p.slug, { mentor: mentor.id }), 422, 'validation_failed')
		await refused(() => requestMatch(coordinator.cookie, p.slug, { mentor: mentor.id, mentee: stranger.id }), 422, 'validation_failed')

		// A mentee already mentoring, or in a programme where coordinators match.
		const matched = await registered(p.id, await someone('mentee'), 'mentee', 'in_progress')
		await refused(() => requestMatch(matched.cookie, p.slug, { mentor: mentor.id }), 409, 'not_searching')
		const { programme: admin } = await newProgramme({ matchingMode: 'admin' })
		const there = await registered(admin.id, await someone('mentee'), 'mentee')
		await registered(admin.id, mentor, 'mentor')
		await refused(() => requestMatch(there.cookie, admin.slug, { mentor: mentor.id }), 403, 'not_self_matching')

		// The hard constraints.
		await related(mentor, mentee, 'pending')
		await refused(() => requestMatch(mentee.cookie, p.slug, { mentor: mentor.id }), 409, 'already_related')
		const declined = await registered(p.id, await someone('mentor'), 'mentor')
		await related(declined, mentee, 'declined', p.id)
		await refused(() => requestMatch(mentee.cookie, p.slug, { mentor: declined.id }), 409, 'match_ruled_out')
		const french = await registered(p.id, await someone('mentor', { languages: ['French'] }), 'mentor')
		await refused(
			() =>
				requestMatch(coordinator.cookie, p.slug, {
					mentor: french.id,
					mentee: mentee.id,
				}),
			409,
			'match_ruled_out',
		)
		const full = await registered(p.id, await someone('mentor', { capacity: 1 }), 'mentor')
		await related(full, peer, 'pending', p.id)
		await refused(() => requestMatch(mentee.cookie, p.slug, { mentor: full.id }), 409, 'no_capacity')
	})

	test('30 concurrent requests for a mentor with 3 places: exactly 3 succeed, the rest are no_capacity, nothing else is written', async () => {
		const { programme: p } = await newProgramme()
		const mentor = await registered(p.id, await someone('mentor', { capacity: 10 }), 'mentor', 'searching', 3)
		const mentees = await Promise.all(Array.from({ length: 30 }, async () => registered(p.id, await someone('mentee'), 'mentee')))
		const before = await written()
		const answers = await Promise.all(mentees.map((m) => requestMatch(m.cookie, p.slug, { mentor: mentor.id })))
		const outcomes = answers.map((a) => `${a.response.status} ${a.json.error?.code ?? ''}`.trim())
		expect(outcomes.filter((o) => o === '201')).toHaveLength(3)
		expect(outcomes.filter((o) => o === '409 no_capacity')).toHaveLength(27)
		const live = await getDb()
			.select({ n: count() })
			.from(relationships)
			.where(and(eq(relationships.mentorId, mentor.id), eq(relationships.programmeId, p.id)))
		expect(live[0]!.n).toBe(3)
		expect(await written()).toEqual({
			...before,
			relationships: before.relationships + 3,
			emails: before.emails + 3,
		})
	})
})

describe('a confirmed programme match starts the engagement', () => {
	async function confirmedMatch(managerValidation: boolean) {
		const { programme: p } = await newProgramme()
		if (managerValidation) await getDb().update(programmes).set({ managerValidation: true }).where(eq(programmes.id, p.id))
		const mentee = await registered(p.id, await someone('mentee', {}, 'Asia/Tokyo'), 'mentee')
		const mentor = await registered(p.id, await someone('mentor'), 'mentor', 'in_progress', 3)
		const { json } = await requestMatch(mentee.cookie, p.slug, { mentor: mentor.id })
		const now = new Date('2027-05-10T20:00:00Z')
		await confirmRelationship({ relationshipId: json.relationship.id, actorId: mentor.id, now })
		const stateOf = async (userId: string) => {
			const [r] = await getDb().select().from(registrations).where(and(eq(registrations.programmeId, p.id), eq(registrations.userId, userId)))
			const periods = await getDb().select().from(engagementPeriods).where(eq(engagementPeriods.registrationId, r!.id))
			return { status: r!.status, periods: periods.map((x) => [x.startDate, x.endDate]) }
		}
		return { mentee: await stateOf(mentee.id), mentor: await stateOf(mentor.id) }
	}

	test('both registrations get a period from that day (in each one’s zone); the searching mentee moves to in_progress', async () => {
		const { mentee, mentor } = await confirmedMatch(false)
		// 20:00 UTC on 10 May is already 11 May in Tokyo.
		expect(mentee).toEqual({ status: 'in_progress', periods: [['2027-05-11', null]] })
		expect(mentor).toEqual({ status: 'in_progress', periods: [['2027-05-10', null]] })
	})

	test('where the programme asks for a manager’s validation, the mentee waits for it', async () => {
		const { mentee } = await confirmedMatch(true)
		expect(mentee.status).toBe('awaiting_manager_validation')
	})
})
