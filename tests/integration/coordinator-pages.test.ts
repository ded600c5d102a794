import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { describeGain, pairValue } from '../../app/components/assignment-review'
import * as matchingPage from '../../app/routes/admin.programmes.$slug.matching'
import * as registrationsPage from '../../app/routes/admin.programmes.$slug.registrations'
import { runAssignment } from '../../app/services/assignment-run.server'
import { getDb } from '../../db/client'
import { assignments, menteeProfiles, registrations, relationships, users } from '../../db/schema'
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

describe('the matching page', () => {
	async function cohort() {
		const { programme, coordinator } = await coordinatedProgramme('admin')
		const mentees = [await speaker('mentee', 'Ann Mentee', { industry: 'Fintech' }), await speaker('mentee', 'Ben Mentee', { industry: 'Fintech' }), await speaker('mentee', 'Cat Mentee', { industry: 'Retail' })]
		const mentors = [await speaker('mentor', 'Xavier Mentor', { capacity: 1, industry: 'Fintech' }), await speaker('mentor', 'Yara Mentor', { capacity: 1, industry: 'Retail' })]
		for (const m of mentees) await registration({ programmeId: programme.id, userId: m.user.id, status: 'searching' })
		for (const m of mentors) await registration({ programmeId: programme.id, userId: m.user.id, role: 'mentor', status: 'searching' })
		const post = (fields: [string, string][], cookie = coordinator.cookie) =>
			page(matchingPage.action, { path: `/admin/programmes/${programme.slug}/matching`, slug: programme.slug, cookie, fields })
		const load = (search = '', cookie = coordinator.cookie) => page(matchingPage.loader, { path: `/admin/programmes/${programme.slug}/matching${search}`, slug: programme.slug, cookie })
		/** Starts a run from the page and returns its id, from the redirect to it. */
		const start = async (fields: [string, string][]) => {
			const answer = await post(fields)
			expect(answer.status).toBe(302)
			const id = new URL(answer.response!.headers.get('Location')!, 'http://localhost').searchParams.get('run')!
			return id
		}
		return { programme, coordinator, mentees, mentors, post, load, start }
	}

	test('a run shows its progress, then the proposal with its total and how it compares with a greedy pass', async () => {
		const { load, start, post } = await cohort()
		const id = await start([['intent', 'run']])
		const running = await load(`?run=${id}`)
		expect(running.value.review).toMatchObject({ id, status: 'running', progress: 0 })
		await getDb().update(assignments).set({ progress: 0.42 }).where(eq(assignments.id, id))
		expect((await load()).value.review).toMatchObject({ id, status: 'running', progress: 0.42 })

		await runAssignment(id, new Date())
		const { review } = (await load()).value
		expect(review.status).toBe('ready')
		expect(review.pairs).toHaveLength(2)
		expect(review.pairCount).toBe(2)
		expect(review.totalScore).toBe(review.pairs.reduce((sum: number, p: { score: number }) => sum + p.score, 0))
		expect(review.greedyTotalScore).toEqual(expect.any(Number))
		expect(review.totalScore).toBeGreaterThanOrEqual(review.greedyTotalScore)
		expect(review.unassignedCount).toBe(1)
		expect(review.unassigned[0].reason).toEqual(expect.any(String))
		for (const pair of review.pairs) expect(pair.reasons.length).toBeGreaterThan(0)
		expect(describeGain(1015, 1000)).toBe('+15 points (+1.5%)')
		expect(describeGain(1000, 1000)).toBe('0 points (0.0%)')
		// The advanced option goes to the run as its candidate limit; a limit that is no number is refused and starts nothing.
		const limited = await start([
			['intent', 'run'],
			['candidateLimit', '1'],
		])
		expect((await load(`?run=${limited}`)).value.review.input).toMatchObject({ candidateLimit: 1 })
		const runs = (await getDb().select().from(assignments)).length
		for (const bad of ['abc', '0', '1.5']) {
			const refused = await post([
				['intent', 'run'],
				['candidateLimit', bad],
			])
			expect(refused.status, bad).toBe(422)
		}
		expect((await getDb().select().from(assignments)).length).toBe(runs)
		// Search by name narrows the pairs.
		const found = (await load(`?run=${id}&q=${encodeURIComponent(review.pairs[0].mentee.name)}`)).value.review
		expect(found.pairs.map(pairValue)).toEqual([pairValue(review.pairs[0])])
		expect(found.matching).toBe(1)
	})

	test('a re-run keeps the locked pairs and never shows the forbidden ones, also on the run after it', async () => {
		const { load, start, post } = await cohort()
		const first = await start([['intent', 'run']])
		await runAssignment(first, new Date())
		const { review } = (await load(`?run=${first}`)).value
		const [kept, banned] = review.pairs.map(pairValue) as [string, string]
		const second = await start([
			['intent', 'rerun'],
			['run', first],
			['shown', kept],
			['shown', banned],
			['lock', kept],
			['forbid', banned],
			['candidateLimit', ''],
		])
		await runAssignment(second, new Date())
		const after = (await load(`?run=${second}`)).value.review
		expect(after.input.lockedPairs.map((p: { mentee: string; mentor: string }) => `${p.mentee}:${p.mentor}`)).toEqual([kept])
		expect(after.pairs.find((p: { mentee: { id: string }; mentor: { id: string } }) => pairValue(p) === kept)).toMatchObject({ locked: true })
		expect(after.pairs.map(pairValue)).not.toContain(banned)
		expect(after.forbidden.map(pairValue)).toEqual([banned])

		// The next run from this one, ticking nothing new, keeps both: the forbid comes back ticked, the lock too.
		const third = await start([
			['intent', 'rerun'],
			['run', second],
			...after.pairs.flatMap((p: { locked: boolean; mentee: { id: string }; mentor: { id: string } }) => [['shown', pairValue(p)], ...(p.locked ? [['lock', pairValue(p)]] : [])]),
			['keepForbidden', banned],
		])
		await runAssignment(third, new Date())
		const last = (await load(`?run=${third}`)).value.review
		expect(last.pairs.map(pairValue)).toContain(kept)
		expect(last.pairs.map(pairValue)).not.toContain(banned)
		// Earlier runs are listed below the one shown.
		expect((await load(`?run=${third}`)).value.runs.map((r: { id: string }) => r.id)).toEqual([second, first])

		// A pair both locked and forbidden is refused and starts nothing.
		const count = (await getDb().select().from(assignments)).length
		const both = await post([
			['intent', 'rerun'],
			['run', first],
			['lock', kept],
			['forbid', kept],
		])
		expect(both.status).toBe(422)
		expect(both.value.message).toBe('A pair cannot be both locked and forbidden: untick one of the two.')
		expect((await getDb().select().from(assignments)).length).toBe(count)
	})

	test('applying creates the pairs as pending relationships once; the second time answers already_applied and writes nothing', async () => {
		const { programme, load, start, post } = await cohort()
		const id = await start([['intent', 'run']])
		await runAssignment(id, new Date())
		const { review } = (await load()).value
		const applied = await post([
			['intent', 'apply'],
			['run', id],
		])
		expect(applied.status).toBe(200)
		expect(applied.value).toMatchObject({ ok: true, relationships: review.pairCount })
		const made = await getDb().select().from(relationships).where(eq(relationships.programmeId, programme.id))
		expect(made.map((r) => `${r.menteeId}:${r.mentorId}`).sort()).toEqual(review.pairs.map(pairValue).sort())
		expect(made.every((r) => r.status === 'pending')).toBe(true)
		expect((await load()).value.review.status).toBe('applied')

		const again = await post([
			['intent', 'apply'],
			['run', id],
		])
		expect(again.status).toBe(409)
		expect(again.value.message).toBe('This assignment was already applied. Run the assignment again for the mentees still searching.')
		expect(await getDb().select().from(relationships).where(eq(relationships.programmeId, programme.id))).toHaveLength(made.length)
	})

	test('a run applied after registrations changed is refused as stale, with what to do', async () => {
		const { programme, mentees, start, post } = await cohort()
		const id = await start([['intent', 'run']])
		await runAssignment(id, new Date())
		await getDb().update(registrations).set({ status: 'withdrawn' }).where(eq(registrations.userId, mentees[0]!.user.id))
		const stale = await post([
			['intent', 'apply'],
			['run', id],
		])
		expect(stale.status).toBe(409)
		expect(stale.value.message).toMatch(/run it again/)
		expect(await getDb().select().from(relationships).where(eq(relationships.programmeId, programme.id))).toHaveLength(0)
	})

	test("another programme's coordinator and a participant cannot load, run or apply; a run of another programme is not found here", async () => {
		const { programme, coordinator, mentees, load, start, post } = await cohort()
		const id = await start([['intent', 'run']])
		await runAssignment(id, new Date())
		const stranger = await member({ role: 'mentor', name: 'Stan Stranger' })
		const elsewhere = await newProgramme({ coordinators: [stranger.user.id, coordinator.user.id] })
		const participant = mentees[0]!
		const before = await getDb().select().from(assignments)
		for (const who of [stranger, participant]) {
			expect((await load('', who.cookie)).status).toBe(403)
			for (const fields of [[['intent', 'run']], [['intent', 'apply'], ['run', id]], [['intent', 'rerun'], ['run', id]]] as [string, string][][]) {
				expect((await post(fields, who.cookie)).status).toBe(403)
			}
		}
		// The run belongs to the first programme: through the other programme's page it does not exist.
		const through = (handler: typeof matchingPage.loader | typeof matchingPage.action, fields?: [string, string][]) =>
			page(handler, { path: `/admin/programmes/${elsewhere.slug}/matching?run=${id}`, slug: elsewhere.slug, cookie: coordinator.cookie, fields })
		expect((await through(matchingPage.loader)).status).toBe(404)
		expect((await through(matchingPage.action, [['intent', 'apply'], ['run', id]])).status).toBe(404)
		expect(await getDb().select().from(assignments)).toEqual(before)
		expect(await getDb().select().from(relationships).where(eq(relationships.programmeId, programme.id))).toHaveLength(0)
	})

	test('a proposal of thousands of pairs is shown 200 at a time, with the total and links to the other pages', async () => {
		const { programme, coordinator } = await coordinatedProgramme('admin')
		const pairs = Array.from({ length: 450 }, () => ({ menteeId: randomUUID(), mentorId: randomUUID(), score: 500, reasons: ['shares 1 subject: Leadership'], locked: false }))
		const [run] = await getDb()
			.insert(assignments)
			.values({
				programmeId: programme.id,
				createdBy: coordinator.user.id,
				status: 'ready',
				progress: 1,
				input: { lockedPairs: [], forbiddenPairs: [] },
				result: { pairs, unassigned: [], infeasibleLocks: [], totalScore: 450 * 500, greedyTotalScore: 450 * 500 },
			})
			.returning()
		const load = (search: string) => page(matchingPage.loader, { path: `/admin/programmes/${programme.slug}/matching${search}`, slug: programme.slug, cookie: coordinator.cookie })
		const first = (await load('')).value.review
		expect([first.id, first.pairs.length, first.pairCount, first.page, first.pageCount]).toEqual([run!.id, 200, 450, 1, 3])
		const last = (await load(`?run=${run!.id}&page=3`)).value.review
		expect([last.pairs.length, last.page]).toEqual([50, 3])
		const shown = new Set([...first.pairs, ...(await load(`?run=${run!.id}&page=2`)).value.review.pairs, ...last.pairs].map(pairValue))
		expect(shown.size).toBe(450)
		// A page past the end shows the last one; a run id that is none is not found.
		expect((await load(`?run=${run!.id}&page=99`)).value.review.page).toBe(3)
		expect((await load('?run=not-a-run')).status).toBe(404)
		expect((await load(`?run=${randomUUID()}`)).status).toBe(404)
	})
})
