import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { engagementPeriods, menteeProfiles, mentorProfiles, programmeAnnouncements, programmes, registrations, relationships, users } from '../../db/schema'
import * as indexPage from '../../app/routes/programmes._index'
import * as programmePage from '../../app/routes/programmes.$slug/route'
import { member, programme, registration, snapshot } from '../support/programmes'

/** The participant's programme pages: /programmes and /programmes/<slug>, through their loaders and actions with a signed-in cookie. */


type Args = Parameters<typeof programmePage.loader>[0]

function args(path: string, cookie: string, params: Record<string, string>, fields?: Record<string, string>): Args {
	const request = new Request(`http://localhost:3000${path}`, {
		method: fields ? 'POST' : 'GET',
		headers: { Cookie: cookie, ...(fields ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
		body: fields ? new URLSearchParams(fields).toString() : undefined,
	})
	return { request, context: { ip: '203.0.113.9', responseCookies: [] }, params } as unknown as Args
}

async function listOf(cookie: string) {
	return indexPage.loader(args('/programmes', cookie, {}))
}

async function pageOf(cookie: string, slug: string) {
	return programmePage.loader(args(`/programmes/${slug}`, cookie, { slug }))
}

/** The action's answer and status, as the browser would get them. */
async function post(cookie: string, slug: string, fields: Record<string, string>) {
	const result = (await programmePage.action(args(`/programmes/${slug}`, cookie, { slug }, fields))) as unknown as { data: { ok: boolean; code?: string; message: string; fields: Record<string, string[]> }; init: { status?: number } | null }
	return { status: result.init?.status ?? 200, ...result.data }
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
	try {
		await promise
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
	throw new Error('expected a thrown response')
}

const speaks = async (userId: string, table: typeof mentorProfiles | typeof menteeProfiles) => getDb().update(table).set({ languages: ['English'] }).where(eq(table.userId, userId))

describe('/programmes', () => {
	test('lists only the programmes whose audience includes the viewer, with their registration status there', async () => {
		const finance = await programme({ name: 'Finance circle', audience: { departments: ['Finance'] } })
		const everyone = await programme({ name: 'Open mentoring' })
		const partner = await programme({ name: 'Partner school', audience: { emailDomains: ['school.example.org'] } })
		const inFinance = await member({ department: ' finance ' })
		const inSales = await member({ department: 'Sales' })
		await registration({ programmeId: everyone.id, userId: inFinance.user.id, status: 'searching' })

		const seen = (await listOf(inFinance.cookie)).programmes
		const slugs = seen.map((p) => p.slug)
		expect(slugs).toEqual(expect.arrayContaining([finance.slug, everyone.slug]))
		expect(slugs).not.toContain(partner.slug)
		expect(seen.find((p) => p.slug === everyone.slug)?.registrations).toEqual([expect.objectContaining({ role: 'mentee', status: 'searching' })])
		expect(seen.find((p) => p.slug === finance.slug)?.registrations).toEqual([])

		const other = (await listOf(inSales.cookie)).programmes.map((p) => p.slug)
		expect(other).toContain(everyone.slug)
		expect(other).not.toContain(finance.slug)
		// A programme the viewer may not see answers 404 on its page and its action, as the API does.
		expect((await thrown(pageOf(inSales.cookie, finance.slug))).status).toBe(404)
		expect((await thrown(programmePage.action(args(`/programmes/${finance.slug}`, inSales.cookie, { slug: finance.slug }, { intent: 'register', role: 'mentee' })))).status).toBe(404)
	})

	test('the summary is the first line of the description and the mode is named', async () => {
		const p = await programme({ name: 'Summarised' })
		await getDb().update(programmes).set({ description: '## Six months with a mentor\n\nMore text.', matchingMode: 'self' }).where(eq(programmes.id, p.id))
		const viewer = await member()
		const item = (await listOf(viewer.cookie)).programmes.find((x) => x.slug === p.slug)
		expect(item).toMatchObject({ summary: 'Six months with a mentor', mode: 'Mentees choose their mentor' })
	})
})

test('the page carries the programme content and its announcements, newest first', async () => {
	const coordinator = await member({ role: 'mentor' })
	const p = await programme({ name: 'Announced', coordinators: [coordinator.user.id] })
	await getDb().update(programmes).set({ description: 'Read the [guide](https://example.org).' }).where(eq(programmes.id, p.id))
	await getDb()
		.insert(programmeAnnouncements)
		.values([
			{ programmeId: p.id, authorId: coordinator.user.id, title: 'Kick-off', body: 'See you **Monday**.', createdAt: new Date('2027-01-01T10:00:00Z') },
			{ programmeId: p.id, authorId: coordinator.user.id, title: 'Mid-point', body: 'Halfway there.', createdAt: new Date('2027-02-01T10:00:00Z') },
		])
	const viewer = await member()
	const page = await pageOf(viewer.cookie, p.slug)
	expect(page.programme.description).toContain('[guide]')
	expect(page.announcements.map((a) => a.title)).toEqual(['Mid-point', 'Kick-off'])
	expect(page.register.map((o) => o.role)).toEqual(['mentee'])
})

describe('registering from the page', () => {
	test('field errors come back on the form, then a valid registration is made once and a duplicate refused', async () => {
		const p = await programme({ managerValidation: true })
		const mentor = await member({ role: 'mentor' })
		const before = await snapshot()
		const missing = await post(mentor.cookie, p.slug, { intent: 'register', role: 'mentor', capacity: 'many', managerEmail: '', partnerEmail: 'not an email' })
		expect(missing.status).toBe(422)
		expect(Object.keys(missing.fields)).toEqual(expect.arrayContaining(['capacity', 'partnerEmail']))
		const noManager = await post(mentor.cookie, p.slug, { intent: 'register', role: 'mentor', capacity: '2', managerEmail: '' })
		expect(noManager.status).toBe(422)
		expect(noManager.fields.managerEmail).toBeDefined()
		expect(await snapshot()).toEqual(before)

		expect((await pageOf(mentor.cookie, p.slug)).register).toEqual([expect.objectContaining({ role: 'mentor', dossierCapacity: 3 })])
		const made = await post(mentor.cookie, p.slug, { intent: 'register', role: 'mentor', capacity: '2', managerEmail: 'boss@example.com', motivation: 'To give back' })
		expect(made).toMatchObject({ status: 200, ok: true })
		const rows = await getDb().select().from(registrations).where(and(eq(registrations.programmeId, p.id), eq(registrations.userId, mentor.user.id)))
		expect(rows).toEqual([expect.objectContaining({ role: 'mentor', capacity: 2, managerEmail: 'boss@example.com', motivation: 'To give back', status: 'application' })])

		const again = await post(mentor.cookie, p.slug, { intent: 'register', role: 'mentor', managerEmail: 'boss@example.com' })
		expect(again).toMatchObject({ status: 409, ok: false, code: 'already_registered' })
		const page = await pageOf(mentor.cookie, p.slug)
		// Registered: the form for that role is gone and the journey is at its first step.
		expect(page.register).toEqual([])
		expect(page.registrations[0]!.steps.find((s) => s.state === 'current')?.label).toBe('Application')
	})

	test('a role the audience does not admit is refused as not_in_audience, writing nothing', async () => {
		const p = await programme({ audience: { departments: ['Engineering'] } })
		const both = await member({ role: 'mentor', department: 'Engineering' })
		await getDb().update(users).set({ isMentee: true }).where(eq(users.id, both.user.id))
		await getDb().insert(menteeProfiles).values({ userId: both.user.id, department: 'Legal' })
		expect((await pageOf(both.cookie, p.slug)).register.map((o) => o.role)).toEqual(['mentor'])
		const before = await snapshot()
		expect(await post(both.cookie, p.slug, { intent: 'register', role: 'mentee' })).toMatchObject({ status: 403, code: 'not_in_audience' })
		expect(await snapshot()).toEqual(before)
	})
})

describe('the journey on the page', () => {
	const cases = [
		['application', 'Application'],
		['searching', 'Searching'],
		['awaiting_manager_validation', 'Awaiting manager validation'],
		['in_progress', 'In progress'],
		['awaiting_confirmation', 'Awaiting confirmation'],
		['completed', 'Completed'],
		['withdrawn', 'Application'],
	] as const
	test.each(cases)('a registration in %s stands at "%s", and is offered only the steps the journey allows', async (status, label) => {
		const p = await programme({ managerValidation: true })
		const person = await member()
		await registration({ programmeId: p.id, userId: person.user.id, status })
		const [r] = (await pageOf(person.cookie, p.slug)).registrations
		expect(r!.steps.filter((s) => s.state === 'current' || s.state === 'stopped').map((s) => s.label)).toEqual([label])
		expect(r!.steps.map((s) => s.key)).toContain('awaiting_manager_validation')
		expect(r!.next.length).toBeGreaterThan(0)
		expect(r!.actions.includes('withdraw')).toBe(!['completed', 'withdrawn'].includes(status))
		expect(r!.actions.includes('end')).toBe(status === 'in_progress')
		expect(r!.actions.includes('confirm')).toBe(status === 'awaiting_confirmation')
	})

	test('a declined registration stops at the application and says why', async () => {
		const p = await programme()
		const person = await member()
		const [row] = await getDb()
			.insert(registrations)
			.values({ programmeId: p.id, userId: person.user.id, role: 'mentee', status: 'declined', declineReason: 'The cohort is full this year' })
			.returning()
		const page = await pageOf(person.cookie, p.slug)
		const r = page.registrations.find((x) => x.id === row!.id)!
		expect(r.steps.find((s) => s.state === 'stopped')?.key).toBe('application')
		expect(r.next).toContain('The cohort is full this year')
		// A final registration leaves room for a new one.
		expect(page.register.map((o) => o.role)).toEqual(['mentee'])
	})

	test('steps taken from the page move the journey, and one outside the table is a 409 shown as a message', async () => {
		const p = await programme()
		const person = await member()
		const r = await registration({ programmeId: p.id, userId: person.user.id, status: 'in_progress' })
		expect(await post(person.cookie, p.slug, { intent: 'confirm', registrationId: r.id })).toMatchObject({ status: 409, code: 'invalid_transition' })
		expect(await post(person.cookie, p.slug, { intent: 'end', registrationId: r.id })).toMatchObject({ status: 200, ok: true })
		expect(await post(person.cookie, p.slug, { intent: 'confirm', registrationId: r.id })).toMatchObject({ status: 200, ok: true })
		const [after] = await getDb().select().from(registrations).where(eq(registrations.id, r.id))
		expect(after!.status).toBe('completed')
		expect(await post(person.cookie, p.slug, { intent: 'withdraw', registrationId: r.id })).toMatchObject({ status: 409, code: 'invalid_transition' })
		expect(await post(person.cookie, p.slug, { intent: 'withdraw', registrationId: 'not-a-uuid' })).toMatchObject({ status: 422, code: 'validation_failed' })
		expect(await post(person.cookie, p.slug, { intent: 'launch' })).toMatchObject({ status: 422 })
	})
})

describe('engagement periods', () => {
	test('adding periods (the first while searching is the match found), refusing an overlap or an end before the start, and ending an open one', async () => {
		const p = await programme()
		const person = await member()
		const r = await registration({ programmeId: p.id, userId: person.user.id, status: 'searching' })
		const add = (start: string, end = '') => post(person.cookie, p.slug, { intent: 'add_period', registrationId: r.id, start, end })

		expect(await add('2027-03-01', '2027-03-31')).toMatchObject({ status: 200, ok: true })
		const [matched] = await getDb().select().from(registrations).where(eq(registrations.id, r.id))
		expect(matched!.status).toBe('in_progress')

		const before = await snapshot()
		const overlap = await add('2027-03-15', '2027-04-15')
		expect(overlap).toMatchObject({ status: 422, code: 'periods_overlap' })
		expect(overlap.fields.start).toBeDefined()
		const backwards = await add('2027-05-10', '2027-05-01')
		expect(backwards.status).toBe(422)
		expect(backwards.fields.end).toBeDefined()
		expect((await add('2027-02-30')).fields.start).toBeDefined()
		expect(await snapshot()).toEqual(before)

		expect(await add('2027-04-01')).toMatchObject({ status: 200, ok: true })
		const open = (await pageOf(person.cookie, p.slug)).registrations[0]!.periods.find((x) => x.end === null)!
		expect(open.start).toBe('2027-04-01')
		const end = (date: string) => post(person.cookie, p.slug, { intent: 'end_period', registrationId: r.id, periodId: open.id, end: date })
		expect((await end('2027-03-20')).fields.end).toBeDefined()
		expect((await end('someday')).status).toBe(422)
		expect(await end('2027-04-30')).toMatchObject({ status: 200, ok: true })
		const [ended] = await getDb().select().from(engagementPeriods).where(eq(engagementPeriods.id, open.id))
		expect(ended!.endDate).toBe('2027-04-30')
		// An ended period is not ended twice.
		expect((await end('2027-05-30')).status).toBe(422)
	})

	test('a period of another registration cannot be ended through one of your own', async () => {
		const p = await programme()
		const mine = await member()
		const theirs = await member()
		const r1 = await registration({ programmeId: p.id, userId: mine.user.id, status: 'in_progress' })
		const r2 = await registration({ programmeId: p.id, userId: theirs.user.id, status: 'in_progress' })
		const [period] = await getDb().insert(engagementPeriods).values({ registrationId: r2.id, startDate: '2027-01-01' }).returning()
		const before = await snapshot()
		expect(await post(mine.cookie, p.slug, { intent: 'end_period', registrationId: r1.id, periodId: period!.id, end: '2027-02-01' })).toMatchObject({ status: 403, code: 'not_allowed' })
		expect(await snapshot()).toEqual(before)
	})
})

describe('a stranger', () => {
	test('cannot withdraw, end, confirm, add or end periods of someone else’s registration: 403 and nothing written', async () => {
		const p = await programme()
		const owner = await member()
		const stranger = await member()
		const r = await registration({ programmeId: p.id, userId: owner.user.id, status: 'in_progress' })
		const [period] = await getDb().insert(engagementPeriods).values({ registrationId: r.id, startDate: '2027-01-01' }).returning()
		const before = await snapshot()
		const forged: Record<string, string>[] = [
			{ intent: 'withdraw', registrationId: r.id },
			{ intent: 'end', registrationId: r.id },
			{ intent: 'confirm', registrationId: r.id },
			{ intent: 'add_period', registrationId: r.id, start: '2027-06-01', end: '' },
			{ intent: 'end_period', registrationId: r.id, periodId: period!.id, end: '2027-02-01' },
		]
		for (const fields of forged) expect(await post(stranger.cookie, p.slug, fields), fields.intent).toMatchObject({ status: 403, code: 'not_allowed', ok: false })
		expect(await snapshot()).toEqual(before)
		// Without a session, the pages and the action send the visitor to log in, writing nothing.
		const anonymous = await thrown(programmePage.action(args(`/programmes/${p.slug}`, '', { slug: p.slug }, { intent: 'withdraw', registrationId: r.id })))
		expect(anonymous.status).toBe(302)
		expect(anonymous.headers.get('Location')).toContain('/login')
		expect((await thrown(indexPage.loader(args('/programmes', '', {})))).status).toBe(302)
		expect(await snapshot()).toEqual(before)
		// And the page shows the stranger none of it.
		expect((await pageOf(stranger.cookie, p.slug)).registrations).toEqual([])
	})
})

describe('self mode', () => {
	test('a searching mentee sees at most 10 recommended mentors, and a request makes exactly one pending relationship', async () => {
		const p = await programme()
		await getDb().update(programmes).set({ matchingMode: 'self' }).where(eq(programmes.id, p.id))
		const mentors = []
		for (let i = 0; i < 12; i++) {
			const m = await member({ role: 'mentor', name: `Mentor ${i}` })
			await speaks(m.user.id, mentorProfiles)
			await registration({ programmeId: p.id, userId: m.user.id, role: 'mentor', status: 'searching' })
			mentors.push(m)
		}
		const mentee = await member()
		await speaks(mentee.user.id, menteeProfiles)
		await registration({ programmeId: p.id, userId: mentee.user.id, status: 'searching' })

		const page = await pageOf(mentee.cookie, p.slug)
		expect(page.recommendations).toHaveLength(10)
		const [best] = page.recommendations!
		expect(best!.mentor.slug).toMatch(/\S/)
		expect(typeof best!.score).toBe('number')
		expect(Array.isArray(best!.reasons)).toBe(true)

		const asked = await post(mentee.cookie, p.slug, { intent: 'request', mentorId: best!.mentor.id })
		expect(asked).toMatchObject({ status: 200, ok: true })
		const live = await getDb().select().from(relationships).where(and(eq(relationships.programmeId, p.id), eq(relationships.menteeId, mentee.user.id)))
		expect(live).toEqual([expect.objectContaining({ mentorId: best!.mentor.id, status: 'pending', origin: 'programme' })])
		expect((await pageOf(mentee.cookie, p.slug)).relationships).toEqual([expect.objectContaining({ status: 'pending', mentor: expect.objectContaining({ name: best!.mentor.name }) })])

		expect(await post(mentee.cookie, p.slug, { intent: 'request', mentorId: best!.mentor.id })).toMatchObject({ status: 409, code: 'already_related' })
		expect(await getDb().select().from(relationships).where(eq(relationships.menteeId, mentee.user.id))).toHaveLength(1)
	})

	test('a mentee of an admin-mode programme sees no recommendations and cannot request through the page', async () => {
		const p = await programme()
		const m = await member({ role: 'mentor' })
		await registration({ programmeId: p.id, userId: m.user.id, role: 'mentor', status: 'searching' })
		const mentee = await member()
		await registration({ programmeId: p.id, userId: mentee.user.id, status: 'searching' })
		expect((await pageOf(mentee.cookie, p.slug)).recommendations).toBeNull()
		const refused = await post(mentee.cookie, p.slug, { intent: 'request', mentorId: m.user.id })
		expect(refused.ok).toBe(false)
		expect(refused.status).toBeGreaterThanOrEqual(400)
		expect(refused.status).toBeLessThan(500)
		expect(await getDb().select().from(relationships).where(eq(relationships.menteeId, mentee.user.id))).toEqual([])
	})
})
