import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { registrations } from '../../db/schema'
import * as me from '../../app/routes/api.v1.me'
import * as programmesIndex from '../../app/routes/api.v1.programmes._index'
import * as programmeOne from '../../app/routes/api.v1.programmes.$slug._index'
import * as coordinatorsRoute from '../../app/routes/api.v1.programmes.$slug.coordinators'
import * as registrationsRoute from '../../app/routes/api.v1.programmes.$slug.registrations'
import * as registrationOne from '../../app/routes/api.v1.registrations.$id._index'
import * as registrationStep from '../../app/routes/api.v1.registrations.$id.$action'
import * as subjectsRoute from '../../app/routes/api.v1.subjects'
import { call } from '../support/http'
import { member, programme, registration, slug, snapshot } from '../support/programmes'

type Cookie = string | null

const create = (cookie: Cookie, body: unknown) => call(programmesIndex.action, { path: '/api/v1/programmes', cookie, body })
const patch = (cookie: Cookie, s: string, body: unknown) => call(programmeOne.action, { method: 'PATCH', path: `/api/v1/programmes/${s}`, params: { slug: s }, cookie, body })
const putCoordinators = (cookie: Cookie, s: string, userIds: string[]) =>
	call(coordinatorsRoute.action, { method: 'PUT', path: `/api/v1/programmes/${s}/coordinators`, params: { slug: s }, cookie, body: { userIds } })
const registerFor = (cookie: Cookie, s: string, body: unknown) =>
	call(registrationsRoute.action, { path: `/api/v1/programmes/${s}/registrations`, params: { slug: s }, cookie, body })
const listFor = (cookie: Cookie, s: string, query = '') =>
	call(registrationsRoute.loader, { path: `/api/v1/programmes/${s}/registrations${query}`, params: { slug: s }, cookie })
const readOne = (cookie: Cookie, id: string) => call(registrationOne.loader, { path: `/api/v1/registrations/${id}`, params: { id }, cookie })
const stepOn = (cookie: Cookie, id: string, action: string, body?: unknown) =>
	call(registrationStep.action, { method: 'POST', path: `/api/v1/registrations/${id}/${action}`, params: { id, action }, cookie, body })

/** Runs a refused request and checks that its answer is the shared error shape and that nothing changed. */
async function refusedWithoutWrites(run: () => ReturnType<typeof call>, status: number, code: string) {
	const before = await snapshot()
	const { response, json } = await run()
	expect({ status: response.status, code: json?.error?.code }).toEqual({ status, code })
	expect(typeof json.error.message).toBe('string')
	expect(await snapshot()).toEqual(before)
	return json
}

describe('POST /api/v1/programmes', () => {
	test('an admin creates a programme: 201 with every field, defaults filled in', async () => {
		const admin = await member({ admin: true })
		const s = slug()
		const { response, json } = await create(admin.cookie, {
			slug: s,
			name: 'Leadership 2027',
			description: '# Lead',
			audience: { roles: ['mentee'], departments: ['Sales'], emailDomains: ['Example.com'] },
			groupSize: 3,
			matchingMode: 'admin',
			managerValidation: true,
			weights: { subjects: 500 },
		})
		expect(response.status).toBe(201)
		expect(json.programme).toEqual({
			id: expect.any(String),
			slug: s,
			name: 'Leadership 2027',
			description: '# Lead',
			audience: { roles: ['mentee'], departments: ['Sales'], locations: [], emailDomains: ['example.com'] },
			groupSize: 3,
			matchingMode: 'admin',
			managerValidation: true,
			lapseDays: 45,
			weights: { subjects: 500 },
			timeZone: 'UTC',
			reportMetrics: null,
			coordinators: [],
			createdAt: expect.any(String),
		})
	})

	test("a programme's report metrics: chosen from the list, kept in the report's order; empty or unknown 422; null is the defaults", async () => {
		const admin = await member({ admin: true })
		const s = slug()
		expect((await create(admin.cookie, { slug: s, name: 'Onboarding buddies', matchingMode: 'self', reportMetrics: ['feedback', 'goals'] })).json.programme.reportMetrics).toEqual(['goals', 'feedback'])
		for (const [reportMetrics, field] of [[[], 'reportMetrics'], [['revenue'], 'reportMetrics.0']] as const) {
			const bad = await refusedWithoutWrites(() => patch(admin.cookie, s, { reportMetrics }), 422, 'validation_failed')
			expect(Object.keys(bad.error.fields)).toEqual([field])
		}
		expect((await patch(admin.cookie, s, { reportMetrics: null })).json.programme.reportMetrics).toBeNull()
	})

	test("a programme's time zone: a valid IANA zone by its current name, anything else 422", async () => {
		const admin = await member({ admin: true })
		const s = slug()
		expect((await create(admin.cookie, { slug: s, name: 'Onboarding buddies', matchingMode: 'self', timeZone: 'Asia/Calcutta' })).json.programme.timeZone).toBe('Asia/Kolkata')
		expect((await patch(admin.cookie, s, { timeZone: 'Europe/Berlin' })).json.programme.timeZone).toBe('Europe/Berlin')
		const bad = await refusedWithoutWrites(() => patch(admin.cookie, s, { timeZone: 'Europe/Atlantis' }), 422, 'validation_failed')
		expect(Object.keys(bad.error.fields)).toEqual(['timeZone'])
	})

	test('refusals: a taken slug 409, invalid fields 422, a non-admin 403, anonymous 401; none writes', async () => {
		const admin = await member({ admin: true })
		const taken = await programme()
		await refusedWithoutWrites(() => create(admin.cookie, { slug: taken.slug, name: 'x', matchingMode: 'self' }), 409, 'slug_taken')
		const bad = await refusedWithoutWrites(() => create(admin.cookie, { slug: 'Bad Slug', name: '', matchingMode: 'solo', groupSize: 0, weights: { seniority: -1 } }), 422, 'validation_failed')
		expect(Object.keys(bad.error.fields).sort()).toEqual(['groupSize', 'matchingMode', 'name', 'slug', 'weights.seniority'])
		const someone = await member()
		await refusedWithoutWrites(() => create(someone.cookie, { slug: slug(), name: 'x', matchingMode: 'self' }), 403, 'not_allowed')
		await refusedWithoutWrites(() => create(null, { slug: slug(), name: 'x', matchingMode: 'self' }), 401, 'unauthenticated')
	})
})

describe('GET /api/v1/programmes and /:slug', () => {
	test('a person sees the programmes whose audience includes them; admins all; coordinators theirs', async () => {
		const sales = await member({ department: 'Sales', email: `sam-${Date.now()}@eu.acme.org` })
		const coordinator = await member({ department: 'Legal' })
		const open = await programme({ name: 'Open to all' })
		const forSales = await programme({ audience: { departments: ['sales'], emailDomains: ['acme.org'] } })
		const forMentors = await programme({ audience: { roles: ['mentor'] }, coordinators: [coordinator.user.id] })
		const slugsFor = async (cookie: string) => (await call(programmesIndex.loader, { path: '/api/v1/programmes', cookie })).json.programmes.map((p: { slug: string }) => p.slug)

		const seen = await slugsFor(sales.cookie)
		expect(seen).toEqual(expect.arrayContaining([open.slug, forSales.slug]))
		expect(seen).not.toContain(forMentors.slug)
		const coordinating = await slugsFor(coordinator.cookie)
		expect(coordinating).toEqual(expect.arrayContaining([open.slug, forMentors.slug]))
		expect(coordinating).not.toContain(forSales.slug)
		expect(await slugsFor((await member({ admin: true })).cookie)).toEqual(expect.arrayContaining([open.slug, forSales.slug, forMentors.slug]))

		const one = await call(programmeOne.loader, { path: `/api/v1/programmes/${forSales.slug}`, params: { slug: forSales.slug }, cookie: sales.cookie })
		expect(one.response.status).toBe(200)
		expect(one.json.programme).toMatchObject({ slug: forSales.slug, coordinators: [] })
	})

	test('a programme the caller may not see, or none, answers 404; anonymous 401', async () => {
		const hidden = await programme({ audience: { departments: ['Finance'] } })
		const stranger = await member({ department: 'Sales' })
		for (const s of [hidden.slug, 'no-such-programme']) {
			const { response, json } = await call(programmeOne.loader, { path: `/api/v1/programmes/${s}`, params: { slug: s }, cookie: stranger.cookie })
			expect([response.status, json.error.code]).toEqual([404, 'not_found'])
		}
		expect((await call(programmesIndex.loader, { path: '/api/v1/programmes' })).response.status).toBe(401)
	})
})

describe('PATCH /api/v1/programmes/:slug and PUT …/coordinators', () => {
	test('an admin or its coordinator changes any field but the slug; an admin names coordinators', async () => {
		const admin = await member({ admin: true })
		const coordinator = await member({ name: 'Cora Coordinator' })
		const p = await programme()
		const named = await putCoordinators(admin.cookie, p.slug, [coordinator.user.id])
		expect(named.response.status).toBe(200)
		expect(named.json.programme.coordinators).toEqual([{ id: coordinator.user.id, name: 'Cora Coordinator' }])

		const changed = await patch(coordinator.cookie, p.slug, { name: 'Leadership 2028', audience: { locations: ['Berlin'] }, weights: null, lapseDays: 60 })
		expect(changed.response.status).toBe(200)
		expect(changed.json.programme).toMatchObject({ slug: p.slug, name: 'Leadership 2028', audience: { locations: ['Berlin'], roles: [] }, weights: null, lapseDays: 60 })
		const byAdmin = await patch(admin.cookie, p.slug, { groupSize: 4 })
		expect(byAdmin.json.programme.groupSize).toBe(4)
		// Replacing the list removes a coordinator.
		expect((await putCoordinators(admin.cookie, p.slug, [])).json.programme.coordinators).toEqual([])
	})

	test('refusals: the slug cannot change, a stranger or another programme’s coordinator 403, coordinators are named by admins only, unknown users 422', async () => {
		const admin = await member({ admin: true })
		const coordinator = await member()
		const p = await programme({ coordinators: [coordinator.user.id] })
		const other = await programme({ coordinators: [(await member()).user.id] })
		const otherCoordinator = (await getDb().query.programmeCoordinators.findFirst({ where: (c, { eq: is }) => is(c.programmeId, other.id) }))!.userId
		const otherCookie = (await member()).cookie
		await refusedWithoutWrites(() => patch(admin.cookie, p.slug, { slug: 'renamed' }), 422, 'validation_failed')
		await refusedWithoutWrites(() => patch(otherCookie, p.slug, { name: 'Mine' }), 403, 'not_allowed')
		await refusedWithoutWrites(() => patch(admin.cookie, p.slug, { groupSize: 0 }), 422, 'validation_failed')
		await refusedWithoutWrites(() => patch(admin.cookie, 'no-such-programme', { name: 'x' }), 404, 'not_found')
		await refusedWithoutWrites(() => putCoordinators(coordinator.cookie, p.slug, [coordinator.user.id, otherCoordinator]), 403, 'not_allowed')
		await refusedWithoutWrites(() => putCoordinators(admin.cookie, p.slug, ['00000000-0000-4000-8000-000000000000']), 422, 'validation_failed')
		await refusedWithoutWrites(() => putCoordinators(admin.cookie, p.slug, ['not-an-id']), 422, 'validation_failed')
	})
})

describe('POST /api/v1/programmes/:slug/registrations', () => {
	test('a person in the audience registers: 201 with the registration', async () => {
		const person = await member({ role: 'mentor', name: 'Rui Mentor', location: 'Lisbon' })
		const p = await programme({ audience: { roles: ['mentor'], locations: ['Lisbon'] } })
		const { response, json } = await registerFor(person.cookie, p.slug, { role: 'mentor', capacity: 2, motivation: 'Giving back.' })
		expect(response.status).toBe(201)
		expect(json.registration).toEqual({
			id: expect.any(String),
			programme: { slug: p.slug, name: p.name },
			user: { id: person.user.id, name: 'Rui Mentor' },
			role: 'mentor',
			status: 'application',
			capacity: 2,
			periods: [],
			createdAt: expect.any(String),
			statusChangedAt: expect.any(String),
		})
	})

	test('refusals: outside the audience 403, twice 409, a role the account lacks 403, bad fields 422, a manager required 422, unknown programme 404', async () => {
		const person = await member({ department: 'Sales' })
		const p = await programme({ audience: { departments: ['Sales'] } })
		const outside = [await programme({ audience: { departments: ['Legal'] } }), await programme({ audience: { emailDomains: ['acme.org'] } }), await programme({ audience: { roles: ['mentor'] } })]
		for (const o of outside) await refusedWithoutWrites(() => registerFor(person.cookie, o.slug, { role: 'mentee' }), 403, 'not_in_audience')
		expect((await registerFor(person.cookie, p.slug, { role: 'mentee' })).response.status).toBe(201)
		await refusedWithoutWrites(() => registerFor(person.cookie, p.slug, { role: 'mentee' }), 409, 'already_registered')
		await refusedWithoutWrites(() => registerFor(person.cookie, p.slug, { role: 'mentor' }), 403, 'not_allowed')
		const bad = await refusedWithoutWrites(() => registerFor(person.cookie, p.slug, { role: 'mentee', managerEmail: 'nope', motivation: 'x'.repeat(4001) }), 422, 'validation_failed')
		expect(Object.keys(bad.error.fields).sort()).toEqual(['managerEmail', 'motivation'])
		const capacity = await refusedWithoutWrites(() => registerFor(person.cookie, p.slug, { role: 'mentee', capacity: 2 }), 422, 'validation_failed')
		expect(Object.keys(capacity.error.fields)).toEqual(['capacity'])
		const asked = await programme({ managerValidation: true })
		await refusedWithoutWrites(() => registerFor(person.cookie, asked.slug, { role: 'mentee' }), 422, 'validation_failed')
		await refusedWithoutWrites(() => registerFor(person.cookie, 'no-such-programme', { role: 'mentee' }), 404, 'not_found')
		await refusedWithoutWrites(() => registerFor(null, p.slug, { role: 'mentee' }), 401, 'unauthenticated')
	})

	test('the same registration sent at once is stored once; the others answer already_registered', async () => {
		const person = await member()
		const p = await programme()
		const answers = await Promise.all(Array.from({ length: 5 }, () => registerFor(person.cookie, p.slug, { role: 'mentee' })))
		expect(answers.map((a) => a.response.status).sort()).toEqual([201, 409, 409, 409, 409])
		expect(await getDb().select().from(registrations).where(eq(registrations.programmeId, p.id))).toHaveLength(1)
	})
})

describe('GET /api/v1/programmes/:slug/registrations', () => {
	test('coordinators and admins list with status, role, q and page; strangers 403; bad filters 422', async () => {
		const admin = await member({ admin: true })
		const coordinator = await member()
		const p = await programme({ coordinators: [coordinator.user.id] })
		const ada = await member({ name: 'Ada Zeta' })
		await registration({ programmeId: p.id, userId: ada.user.id, status: 'searching' })
		await registration({ programmeId: p.id, userId: (await member({ name: 'Ben Yu' })).user.id, status: 'withdrawn' })
		const all = await listFor(coordinator.cookie, p.slug)
		expect(all.response.status).toBe(200)
		expect(all.json).toMatchObject({ page: 1, total: 2 })
		const filtered = await listFor(admin.cookie, p.slug, '?status=searching,in_progress&role=mentee&q=zeta&page=1')
		expect(filtered.json.registrations.map((r: { user: { name: string } }) => r.user.name)).toEqual(['Ada Zeta'])
		expect((await listFor(ada.cookie, p.slug)).json.error.code).toBe('not_allowed')
		const otherCoordinator = (await member()).user.id
		await programme({ coordinators: [otherCoordinator] })
		expect((await listFor(ada.cookie, p.slug)).response.status).toBe(403)
		const bad = await listFor(admin.cookie, p.slug, '?status=lost&page=0')
		expect([bad.response.status, Object.keys(bad.json.error.fields).sort()]).toEqual([422, ['page', 'status.0']])
	})
})

describe('one registration: GET and its steps', () => {
	async function setUp(status: (typeof registrations.$inferInsert)['status'] = 'application') {
		const coordinator = await member()
		const p = await programme({ coordinators: [coordinator.user.id] })
		const person = await member()
		const r = await registration({ programmeId: p.id, userId: person.user.id, status })
		// Strangers: another mentee of the same programme, and the coordinator of another programme.
		const otherMentee = await member()
		await registration({ programmeId: p.id, userId: otherMentee.user.id })
		const otherCoordinator = await member()
		await programme({ coordinators: [otherCoordinator.user.id] })
		return { coordinator, person, r, strangers: [otherMentee, otherCoordinator] }
	}

	test('its person, its coordinators and admins read it; strangers 403, unknown ids 404', async () => {
		const { coordinator, person, r, strangers } = await setUp()
		for (const reader of [person, coordinator, await member({ admin: true })]) {
			const { response, json } = await readOne(reader.cookie, r.id)
			expect(response.status).toBe(200)
			expect(json.registration).toMatchObject({ id: r.id, status: 'application' })
		}
		for (const stranger of strangers) expect((await readOne(stranger.cookie, r.id)).json.error.code).toBe('not_allowed')
		expect((await readOne(person.cookie, '00000000-0000-4000-8000-000000000000')).response.status).toBe(404)
		expect((await readOne(person.cookie, 'nope')).response.status).toBe(404)
	})

	test('the coordinator validates or declines (with a reason); the person withdraws, ends and confirms', async () => {
		const a = await setUp()
		const validated = await stepOn(a.coordinator.cookie, a.r.id, 'validate')
		expect([validated.response.status, validated.json.registration.status]).toEqual([200, 'searching'])
		expect((await stepOn(a.person.cookie, a.r.id, 'withdraw')).json.registration.status).toBe('withdrawn')

		const b = await setUp()
		const declined = await stepOn(b.coordinator.cookie, b.r.id, 'decline', { reason: 'Full cohort.' })
		expect(declined.json.registration).toMatchObject({ status: 'declined', declineReason: 'Full cohort.' })

		const c = await setUp('in_progress')
		expect((await stepOn(c.person.cookie, c.r.id, 'end')).json.registration.status).toBe('awaiting_confirmation')
		expect((await stepOn(c.person.cookie, c.r.id, 'confirm')).json.registration.status).toBe('completed')
	})

	test('steps outside the table answer 409 invalid_transition and write nothing', async () => {
		const a = await setUp('searching')
		await refusedWithoutWrites(() => stepOn(a.coordinator.cookie, a.r.id, 'validate'), 409, 'invalid_transition')
		await refusedWithoutWrites(() => stepOn(a.coordinator.cookie, a.r.id, 'decline', { reason: 'Late.' }), 409, 'invalid_transition')
		await refusedWithoutWrites(() => stepOn(a.person.cookie, a.r.id, 'end'), 409, 'invalid_transition')
		await refusedWithoutWrites(() => stepOn(a.person.cookie, a.r.id, 'confirm'), 409, 'invalid_transition')
		const done = await setUp('completed')
		await refusedWithoutWrites(() => stepOn(done.person.cookie, done.r.id, 'withdraw'), 409, 'invalid_transition')
		await refusedWithoutWrites(() => stepOn(done.person.cookie, done.r.id, 'periods', { start: '2027-01-01' }), 409, 'periods_not_open')
	})

	test('the wrong party 403 not_allowed: the person cannot validate or decline, a coordinator cannot withdraw, end, confirm or add dates', async () => {
		const a = await setUp('application')
		await refusedWithoutWrites(() => stepOn(a.person.cookie, a.r.id, 'validate'), 403, 'not_allowed')
		await refusedWithoutWrites(() => stepOn(a.person.cookie, a.r.id, 'decline', { reason: 'x' }), 403, 'not_allowed')
		const b = await setUp('in_progress')
		for (const action of ['withdraw', 'end']) await refusedWithoutWrites(() => stepOn(b.coordinator.cookie, b.r.id, action), 403, 'not_allowed')
		await refusedWithoutWrites(() => stepOn(b.coordinator.cookie, b.r.id, 'periods', { start: '2027-01-01' }), 403, 'not_allowed')
		const c = await setUp('awaiting_confirmation')
		await refusedWithoutWrites(() => stepOn(c.coordinator.cookie, c.r.id, 'confirm'), 403, 'not_allowed')
	})

	test('strangers are refused 403 on every step, anonymous 401, and an unknown step or id 404; nothing is written', async () => {
		const { r, strangers } = await setUp('in_progress')
		const steps: [string, unknown][] = [
			['validate', undefined],
			['decline', { reason: 'x' }],
			['withdraw', undefined],
			['end', undefined],
			['confirm', undefined],
			['periods', { start: '2027-05-01' }],
		]
		for (const stranger of strangers) {
			for (const [action, body] of steps) await refusedWithoutWrites(() => stepOn(stranger.cookie, r.id, action, body), 403, 'not_allowed')
		}
		await refusedWithoutWrites(() => stepOn(null, r.id, 'end'), 401, 'unauthenticated')
		await refusedWithoutWrites(() => stepOn(strangers[0]!.cookie, r.id, 'promote'), 404, 'not_found')
		await refusedWithoutWrites(() => stepOn(strangers[0]!.cookie, '00000000-0000-4000-8000-000000000000', 'end'), 404, 'not_found')
	})

	test('a decline needs a reason (422), and a step without a body refuses one that is not JSON (400)', async () => {
		const a = await setUp()
		await refusedWithoutWrites(() => stepOn(a.coordinator.cookie, a.r.id, 'decline', { reason: '   ' }), 422, 'validation_failed')
		await refusedWithoutWrites(() => stepOn(a.coordinator.cookie, a.r.id, 'decline'), 400, 'invalid_json')
		const before = await snapshot()
		const { response } = await call(registrationStep.action, { path: `/api/v1/registrations/${a.r.id}/validate`, params: { id: a.r.id, action: 'validate' }, cookie: a.coordinator.cookie, rawBody: '[1]' })
		expect(response.status).toBe(400)
		expect(await snapshot()).toEqual(before)
	})
})

describe('POST /api/v1/registrations/:id/periods', () => {
	test('the person adds periods: 201 with them in start order; the first while searching starts the mentoring', async () => {
		const p = await programme()
		const person = await member()
		const r = await registration({ programmeId: p.id, userId: person.user.id, status: 'searching' })
		const first = await stepOn(person.cookie, r.id, 'periods', { start: '2027-03-01', end: '2027-03-31' })
		expect(first.response.status).toBe(201)
		expect(first.json.registration).toMatchObject({ status: 'in_progress', periods: [{ id: expect.any(String), start: '2027-03-01', end: '2027-03-31' }] })
		const second = await stepOn(person.cookie, r.id, 'periods', { start: '2027-01-01', end: '2027-02-28' })
		expect(second.json.registration.periods.map((x: { start: string }) => x.start)).toEqual(['2027-01-01', '2027-03-01'])
		const open = await stepOn(person.cookie, r.id, 'periods', { start: '2027-04-01' })
		expect(open.json.registration.periods[2]).toMatchObject({ start: '2027-04-01', end: null })
	})

	test('refusals 422: an end before the start, a date that does not exist, an overlap (an open period runs on); before validation 409', async () => {
		const p = await programme()
		const person = await member()
		const r = await registration({ programmeId: p.id, userId: person.user.id, status: 'in_progress' })
		const backwards = await refusedWithoutWrites(() => stepOn(person.cookie, r.id, 'periods', { start: '2027-03-10', end: '2027-03-09' }), 422, 'validation_failed')
		expect(Object.keys(backwards.error.fields)).toEqual(['end'])
		await refusedWithoutWrites(() => stepOn(person.cookie, r.id, 'periods', { start: '2027-02-30' }), 422, 'validation_failed')
		await refusedWithoutWrites(() => stepOn(person.cookie, r.id, 'periods', { start: '03/01/2027' }), 422, 'validation_failed')
		expect((await stepOn(person.cookie, r.id, 'periods', { start: '2027-03-01' })).response.status).toBe(201)
		await refusedWithoutWrites(() => stepOn(person.cookie, r.id, 'periods', { start: '2029-01-01', end: '2029-01-02' }), 422, 'periods_overlap')
		const waiting = await registration({ programmeId: (await programme()).id, userId: person.user.id })
		await refusedWithoutWrites(() => stepOn(person.cookie, waiting.id, 'periods', { start: '2027-03-01' }), 409, 'periods_not_open')
	})

	test('overlapping periods sent concurrently: one 201, the others 422 periods_overlap, never a 500', async () => {
		const p = await programme()
		const person = await member()
		const r = await registration({ programmeId: p.id, userId: person.user.id, status: 'in_progress' })
		const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => stepOn(person.cookie, r.id, 'periods', { start: `2027-06-0${i + 1}`, end: '2027-06-30' })))
		expect(answers.map((a) => a.response.status).sort()).toEqual([201, 422, 422, 422, 422, 422])
		for (const a of answers.filter((x) => x.response.status === 422)) expect(a.json.error.code).toBe('periods_overlap')
		expect((await readOne(person.cookie, r.id)).json.registration.periods).toHaveLength(1)
	})
})

describe('GET /api/v1/subjects and /api/v1/me', () => {
	test('anyone reads the subject list', async () => {
		const { response, json } = await call(subjectsRoute.loader, { path: '/api/v1/subjects' })
		expect(response.status).toBe(200)
		expect(json.subjects).toContainEqual({ slug: 'leadership', name: 'Leadership' })
	})

	test('a mentor also gets their slug and capacity; a mentee does not', async () => {
		const mentor = await member({ role: 'mentor' })
		const mine = await call(me.loader, { path: '/api/v1/me', cookie: mentor.cookie })
		expect(mine.json.user).toMatchObject({ id: mentor.user.id, mentor: { slug: expect.any(String), capacity: 3 } })
		const mentee = await call(me.loader, { path: '/api/v1/me', cookie: (await member()).cookie })
		expect(mentee.json.user).not.toHaveProperty('mentor')
	})
})
