import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import * as registrationsPage from '../../app/routes/admin.programmes.$slug.registrations'
import { getDb } from '../../db/client'
import { menteeProfiles, registrations, relationships, users } from '../../db/schema'
import { coordinatedProgramme, page, speaker } from '../support/coordinator-pages'
import { uniqueEmail } from '../support/factories'
import { member, programme as newProgramme, registration, snapshot } from '../support/programmes'

const path = (slug: string, search = '') => `/admin/programmes/${slug}/registrations${search}`

/** Many people at once, straight into the tables (no password hashing): names `${prefix} 01`… */
async function people(prefix: string, count: number, role: 'mentor' | 'mentee', programmeId: string, status: (typeof registrations.$inferInsert)['status']) {
	const rows = await getDb()
		.insert(users)
		.values(
			Array.from({ length: count }, (_, i) => ({
				email: uniqueEmail(prefix.toLowerCase().replace(/\W/g, '')),
				name: `${prefix} ${String(i + 1).padStart(2, '0')}`,
				timeZone: 'Europe/Berlin',
				passwordHash: 'not-a-real-hash',
				isMentee: role === 'mentee',
				isMentor: role === 'mentor',
			})),
		)
		.returning({ id: users.id, email: users.email })
	if (role === 'mentee') await getDb().insert(menteeProfiles).values(rows.map((r) => ({ userId: r.id, department: 'Sales', location: 'Lyon' })))
	for (const r of rows) await registration({ programmeId, userId: r.id, role, status })
	return rows
}

describe('the registrations page', () => {
	test('filters, search and paging all live in the URL, and the previous and next pages keep the filters', async () => {
		const { programme, coordinator } = await coordinatedProgramme()
		await people('Applicant', 52, 'mentee', programme.id, 'application')
		const mentors = await people('Zed Mentor', 3, 'mentor', programme.id, 'searching')
		const load = (search = '') => page(registrationsPage.loader, { path: path(programme.slug, search), slug: programme.slug, cookie: coordinator.cookie })

		const first = await load()
		expect(first.status).toBe(200)
		expect(first.value.total).toBe(55)
		expect(first.value.rows).toHaveLength(50)
		expect([first.value.page, first.value.pageCount]).toEqual([1, 2])
		expect(first.value.rows[0]).toMatchObject({ department: 'Sales', location: 'Lyon', role: 'mentee', status: 'application' })
		expect(first.value.zone).toBe('Europe/Berlin')

		const second = await load('?page=2')
		expect(second.value.rows).toHaveLength(5)
		expect(second.value.page).toBe(2)

		const byRole = await load('?role=mentor')
		expect(byRole.value.rows.map((r: { user: { name: string } }) => r.user.name)).toEqual(['Zed Mentor 01', 'Zed Mentor 02', 'Zed Mentor 03'])
		expect((await load('?status=searching')).value.total).toBe(3)
		expect((await load('?status=searching&status=application')).value.total).toBe(55)
		expect((await load('?status=application&role=mentor')).value.total).toBe(0)
		expect((await load('?q=zed%20mentor%2002')).value.total).toBe(1)
		expect((await load(`?q=${encodeURIComponent(mentors[2]!.email)}`)).value.rows[0].user.name).toBe('Zed Mentor 03')
		// A filter value that is none is left out, as a search page does, rather than a 500.
		const odd = await load('?status=bogus&role=nobody&page=-3')
		expect([odd.status, odd.value.total, odd.value.page]).toEqual([200, 55, 1])
		// Paging keeps the filters in the links' URLs.
		expect(first.value.filters).toEqual({ statuses: [], q: '', page: 1 })
		const filtered = await load('?status=application&q=Applicant&page=2')
		expect(filtered.value.filters).toEqual({ statuses: ['application'], q: 'Applicant', page: 2 })
		expect(filtered.value.rows).toHaveLength(2)
	})

	test('a coordinator validates an application once; the second time is 409 and writes nothing', async () => {
		const { programme, coordinator } = await coordinatedProgramme()
		const mentee = await member({ name: 'Val Mentee' })
		const r = await registration({ programmeId: programme.id, userId: mentee.user.id })
		const post = () => page(registrationsPage.action, { path: path(programme.slug), slug: programme.slug, cookie: coordinator.cookie, fields: [['intent', 'validate'], ['registrationId', r.id]] })

		const once = await post()
		expect(once.status).toBe(200)
		expect(once.value).toMatchObject({ ok: true })
		const [after] = await getDb().select().from(registrations).where(eq(registrations.id, r.id))
		expect(after!.status).toBe('searching')

		const before = await snapshot()
		const twice = await post()
		expect(twice.status).toBe(409)
		expect(twice.value).toMatchObject({ ok: false, message: 'This registration is searching: it cannot be validated now.' })
		expect(await snapshot()).toEqual(before)
	})

	test('declining needs a reason: without one it is 422 on the field and nothing is written; with one the reason is kept', async () => {
		const { programme, coordinator } = await coordinatedProgramme()
		const mentee = await member({ name: 'Dee Mentee' })
		const r = await registration({ programmeId: programme.id, userId: mentee.user.id })
		const decline = (reason: string) =>
			page(registrationsPage.action, {
				path: path(programme.slug),
				slug: programme.slug,
				cookie: coordinator.cookie,
				fields: [
					['intent', 'decline'],
					['registrationId', r.id],
					['reason', reason],
				],
			})
		const before = await snapshot()
		const empty = await decline('   ')
		expect(empty.status).toBe(422)
		expect(empty.value).toMatchObject({ ok: false, registrationId: r.id, fields: { reason: ['Give a reason for declining.'] } })
		expect(await snapshot()).toEqual(before)

		expect((await decline('The programme is for managers.')).status).toBe(200)
		const [after] = await getDb().select().from(registrations).where(eq(registrations.id, r.id))
		expect(after).toMatchObject({ status: 'declined', declineReason: 'The programme is for managers.' })
	})

	test("another programme's coordinator and a participant can neither load the page nor act; a programme they cannot see is 404", async () => {
		const { programme, coordinator } = await coordinatedProgramme()
		const mentee = await member({ name: 'Pat Participant' })
		const r = await registration({ programmeId: programme.id, userId: mentee.user.id })
		const stranger = await member({ role: 'mentor', name: 'Stan Stranger' })
		await newProgramme({ coordinators: [stranger.user.id] })
		const closed = await newProgramme({ audience: { emailDomains: ['closed.example'] }, coordinators: [coordinator.user.id] })

		for (const who of [stranger, mentee]) {
			expect((await page(registrationsPage.loader, { path: path(programme.slug), slug: programme.slug, cookie: who.cookie })).status).toBe(403)
			expect((await page(registrationsPage.loader, { path: path(closed.slug), slug: closed.slug, cookie: who.cookie })).status).toBe(404)
			const before = await snapshot()
			const steps: [string, string][][] = [
				[['intent', 'validate'], ['registrationId', r.id]],
				[['intent', 'decline'], ['registrationId', r.id], ['reason', 'No.']],
				[['intent', 'rematch'], ['mentee', mentee.user.id], ['mentor', stranger.user.id]],
			]
			for (const fields of steps) {
				const answer = await page(registrationsPage.action, { path: path(programme.slug), slug: programme.slug, cookie: who.cookie, fields })
				expect(answer.status).toBe(403)
			}
			expect(await snapshot()).toEqual(before)
		}
		expect(await getDb().select().from(relationships).where(eq(relationships.programmeId, programme.id))).toHaveLength(0)
		// Signed out, the page sends the visitor to log in.
		const anonymous = await page(registrationsPage.loader, { path: path(programme.slug), slug: programme.slug, cookie: '' })
		expect(anonymous.status).toBe(302)
	})

	test('a registration of another programme cannot be stepped from this page', async () => {
		const { programme, coordinator } = await coordinatedProgramme()
		const other = await newProgramme({ coordinators: [coordinator.user.id] })
		const mentee = await member()
		const r = await registration({ programmeId: other.id, userId: mentee.user.id })
		const before = await snapshot()
		const answer = await page(registrationsPage.action, { path: path(programme.slug), slug: programme.slug, cookie: coordinator.cookie, fields: [['intent', 'validate'], ['registrationId', r.id]] })
		expect(answer.status).toBe(404)
		expect(await snapshot()).toEqual(before)
	})

	test('in facilitator mode a searching mentee is offered their best mentors, and proposing one makes one pending relationship', async () => {
		const { programme, coordinator } = await coordinatedProgramme('facilitator')
		const mentee = await speaker('mentee', 'Fay Mentee', { industry: 'Fintech' })
		const close = await speaker('mentor', 'Best Mentor', { industry: 'Fintech' })
		const far = await speaker('mentor', 'Other Mentor', { industry: 'Retail' })
		await registration({ programmeId: programme.id, userId: mentee.user.id, status: 'searching' })
		for (const m of [close, far]) await registration({ programmeId: programme.id, userId: m.user.id, role: 'mentor', status: 'searching' })

		const loaded = await page(registrationsPage.loader, { path: path(programme.slug, '?role=mentee'), slug: programme.slug, cookie: coordinator.cookie })
		const row = loaded.value.rows.find((r: { user: { id: string } }) => r.user.id === mentee.user.id)
		expect(row.proposals.map((p: { name: string }) => p.name)).toEqual(['Best Mentor', 'Other Mentor'])
		expect(row.proposals[0].score).toBeGreaterThan(row.proposals[1].score)

		const propose = () =>
			page(registrationsPage.action, {
				path: path(programme.slug),
				slug: programme.slug,
				cookie: coordinator.cookie,
				fields: [
					['intent', 'propose'],
					['mentee', mentee.user.id],
					['mentor', row.proposals[0].id],
				],
			})
		const made = await propose()
		expect(made.status).toBe(200)
		const live = await getDb().select().from(relationships).where(eq(relationships.programmeId, programme.id))
		expect(live).toHaveLength(1)
		expect(live[0]).toMatchObject({ status: 'pending', mentorId: close.user.id, menteeId: mentee.user.id, origin: 'programme' })

		const again = await propose()
		expect(again.status).toBe(409)
		expect(again.value.message).toBe('These two already have a live relationship.')
		expect(await getDb().select().from(relationships).where(eq(relationships.programmeId, programme.id))).toHaveLength(1)
	})

	test('a full mentor is refused as no_capacity, and proposing one by one outside facilitator mode is refused', async () => {
		const { programme, coordinator } = await coordinatedProgramme('facilitator')
		const mentee = await speaker('mentee', 'Full Mentee')
		const mentor = await speaker('mentor', 'Full Mentor', { capacity: 1 })
		const taken = await speaker('mentee', 'Taken Mentee')
		await registration({ programmeId: programme.id, userId: mentee.user.id, status: 'searching' })
		await registration({ programmeId: programme.id, userId: taken.user.id, status: 'searching' })
		await registration({ programmeId: programme.id, userId: mentor.user.id, role: 'mentor', status: 'searching' })
		await getDb().insert(relationships).values({ mentorId: mentor.user.id, menteeId: taken.user.id, status: 'pending', origin: 'programme', programmeId: programme.id })
		const fields: [string, string][] = [
			['intent', 'propose'],
			['mentee', mentee.user.id],
			['mentor', mentor.user.id],
		]
		const full = await page(registrationsPage.action, { path: path(programme.slug), slug: programme.slug, cookie: coordinator.cookie, fields })
		expect(full.status).toBe(409)
		expect(full.value.message).toBe('This mentor has no place left in this programme.')

		const admin = await coordinatedProgramme('admin')
		const refused = await page(registrationsPage.action, { path: path(admin.programme.slug), slug: admin.programme.slug, cookie: admin.coordinator.cookie, fields })
		expect(refused.status).toBe(409)
		expect(await getDb().select().from(relationships).where(eq(relationships.menteeId, mentee.user.id))).toHaveLength(0)
	})
})
