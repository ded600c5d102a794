import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { engagementPeriods, goals, learningAssignments, messages, programmes, registrations, relationships, sessionFeedback, sessions, trackedEmails } from '../../db/schema'
import * as reportRoute from '../../app/routes/api.v1.programmes.$slug.report'
import { DAYS_PER_MONTH } from '../../app/rules/programme-report'
import { getProgrammeReport } from '../../app/services/programme-report.server'
import { member, programme } from '../support/programmes'

/**
 * The programme report (PRODUCT.md "Reports and exports"): a hand-made programme in Europe/Berlin
 * (winter, UTC+1) seen on 15 March 2027, each number worked out here from the rows put in; filters
 * and ranges change them as they should; an empty programme is all zeros; who may read it.
 */

const NOW = new Date('2027-03-15T12:00:00Z')
type Cookie = string | null

async function fetchReport(cookie: Cookie, slug: string, query = ''): Promise<Response> {
	const headers = new Headers()
	if (cookie) headers.set('Cookie', cookie)
	const request = new Request(`http://localhost:3000/api/v1/programmes/${slug}/report${query}`, { headers })
	return (await reportRoute.loader({ request, context: { ip: '203.0.113.7', responseCookies: [] }, params: { slug } })) as Response
}

let world: Awaited<ReturnType<typeof arrange>>

async function arrange() {
	const db = getDb()
	const coordinator = await member({ role: 'mentor', name: 'Cora Coordinator' })
	const admin = await member({ admin: true })
	const elsewhere = await member({ role: 'mentor' })
	const plain = await member({ role: 'mentee' })
	const made = await programme({ coordinators: [coordinator.user.id] })
	await db.update(programmes).set({ timeZone: 'Europe/Berlin', lapseDays: 30, createdAt: new Date('2027-01-01T08:00:00Z') }).where(eq(programmes.id, made.id))
	const other = await programme({ coordinators: [elsewhere.user.id] })
	const empty = await programme({ coordinators: [coordinator.user.id] })

	const alice = await member({ role: 'mentee', name: 'Alice', department: 'Sales', location: 'Paris' })
	const dave = await member({ role: 'mentee', name: 'Dave', department: 'Legal', location: 'Paris' })
	const erin = await member({ role: 'mentee', name: 'Erin', department: 'Sales', location: 'Lyon' })
	const fay = await member({ role: 'mentee', name: 'Fay', department: 'Sales', location: 'Berlin' })
	const bob = await member({ role: 'mentor', name: 'Bob', department: 'Engineering', location: 'Berlin' })
	const gus = await member({ role: 'mentor', name: 'Gus', department: 'Engineering', location: 'Paris' })

	const reg = async (userId: string, role: 'mentor' | 'mentee', status: (typeof registrations.$inferInsert)['status'], createdAt: string, validatedAt?: string) => {
		const [row] = await db
			.insert(registrations)
			.values({ programmeId: made.id, userId, role, status, createdAt: new Date(createdAt), validatedAt: validatedAt ? new Date(validatedAt) : null })
			.returning()
		return row!
	}
	const aliceReg = await reg(alice.user.id, 'mentee', 'in_progress', '2027-01-05T09:00:00Z', '2027-01-06T08:00:00Z')
	const bobReg = await reg(bob.user.id, 'mentor', 'in_progress', '2027-01-06T09:00:00Z', '2027-01-07T10:00:00Z')
	await reg(dave.user.id, 'mentee', 'searching', '2027-01-09T10:00:00Z', '2027-01-09T11:00:00Z')
	const erinReg = await reg(erin.user.id, 'mentee', 'completed', '2027-02-01T09:00:00Z', '2027-02-01T10:00:00Z')
	await reg(fay.user.id, 'mentee', 'application', '2027-02-10T09:00:00Z')
	await reg(gus.user.id, 'mentor', 'searching', '2027-02-11T09:00:00Z', '2027-02-12T10:00:00Z')
	// Another programme's registration and relationship never count here.
	await db.insert(registrations).values({ programmeId: other.id, userId: plain.user.id, role: 'mentee', status: 'in_progress', validatedAt: new Date('2027-01-06T08:00:00Z') })

	const period = (registrationId: string, startDate: string, endDate: string | null) => db.insert(engagementPeriods).values({ registrationId, startDate, endDate })
	await period(aliceReg.id, '2027-01-10', '2027-02-10')
	await period(aliceReg.id, '2027-03-01', null)
	await period(bobReg.id, '2027-01-10', null)
	await period(erinReg.id, '2027-02-02', '2027-02-28')

	const relationship = async (values: Partial<typeof relationships.$inferInsert> & { mentorId: string; menteeId: string }) => {
		const [row] = await db
			.insert(relationships)
			.values({ status: 'confirmed', origin: 'programme', programmeId: made.id, ...values })
			.returning()
		return row!
	}
	// Alice waited 4 days from validation to both confirmations; Erin 2.
	const r1 = await relationship({
		mentorId: bob.user.id,
		menteeId: alice.user.id,
		createdAt: new Date('2027-01-09T09:00:00Z'),
		mentorConfirmedAt: new Date('2027-01-09T10:00:00Z'),
		menteeConfirmedAt: new Date('2027-01-10T08:00:00Z'),
	})
	const r2 = await relationship({
		mentorId: bob.user.id,
		menteeId: erin.user.id,
		status: 'ended',
		createdAt: new Date('2027-02-02T09:00:00Z'),
		mentorConfirmedAt: new Date('2027-02-03T10:00:00Z'),
		menteeConfirmedAt: new Date('2027-02-03T10:00:00Z'),
		closedAt: new Date('2027-02-20T17:00:00Z'),
		closedBy: coordinator.user.id,
		closingNote: 'Mission over',
	})
	await relationship({ mentorId: gus.user.id, menteeId: dave.user.id, status: 'pending', createdAt: new Date('2027-02-13T09:00:00Z'), mentorConfirmedAt: new Date('2027-02-13T09:00:00Z') })
	const otherPair = await relationship({
		mentorId: elsewhere.user.id,
		menteeId: plain.user.id,
		programmeId: other.id,
		createdAt: new Date('2027-01-05T09:00:00Z'),
		mentorConfirmedAt: new Date('2027-01-05T09:00:00Z'),
		menteeConfirmedAt: new Date('2027-01-05T09:00:00Z'),
	})

	const session = async (mentorId: string, menteeId: string, start: string, status: (typeof sessions.$inferInsert)['status']) => {
		const startsAt = new Date(start)
		const [row] = await db
			.insert(sessions)
			.values({
				mentorId,
				menteeId,
				type: 'intro',
				status,
				startsAt,
				endsAt: new Date(startsAt.getTime() + 20 * 60_000),
				introForm: { helpWith: 'x', background: 'y', goals: 'z' },
				quotaMonth: start.slice(0, 7),
			})
			.returning()
		return row!
	}
	// Before the relationship was proposed: not the programme's.
	await session(bob.user.id, alice.user.id, '2027-01-02T09:00:00Z', 'completed')
	const s1 = await session(bob.user.id, alice.user.id, '2027-01-20T09:00:00Z', 'completed')
	await session(bob.user.id, alice.user.id, '2027-02-05T09:00:00Z', 'no_show_mentee')
	const s3 = await session(bob.user.id, alice.user.id, '2027-02-08T09:00:00Z', 'completed')
	await session(bob.user.id, alice.user.id, '2027-03-20T09:00:00Z', 'scheduled')
	const s5 = await session(bob.user.id, erin.user.id, '2027-02-10T08:00:00Z', 'completed')
	// After that relationship ended: not its session.
	await session(bob.user.id, erin.user.id, '2027-02-25T08:00:00Z', 'completed')
	const elsewhereSession = await session(elsewhere.user.id, plain.user.id, '2027-01-20T09:00:00Z', 'completed')

	const rate = (sessionId: string, raterId: string, rating: number) => db.insert(sessionFeedback).values({ sessionId, raterId, rating })
	await rate(s1.id, alice.user.id, 5)
	await rate(s1.id, bob.user.id, 4)
	await rate(s3.id, alice.user.id, 3)
	await rate(s5.id, erin.user.id, 2)
	await rate(elsewhereSession.id, plain.user.id, 1)

	await db.insert(goals).values([
		{ relationshipId: r1.id, createdBy: alice.user.id, title: 'Lead a meeting', status: 'achieved', progress: 100, achievedAt: new Date('2027-02-15T10:00:00Z') },
		{ relationshipId: r1.id, createdBy: alice.user.id, title: 'Public speaking', status: 'in_progress', progress: 40 },
		{ relationshipId: r2.id, createdBy: erin.user.id, title: 'Negotiate', status: 'achieved', progress: 100, achievedAt: new Date('2027-02-18T10:00:00Z') },
		{ relationshipId: otherPair.id, createdBy: plain.user.id, title: 'Elsewhere', status: 'achieved', progress: 100, achievedAt: new Date('2027-02-18T10:00:00Z') },
	])
	await db.insert(learningAssignments).values([
		{ relationshipId: r1.id, createdBy: bob.user.id, kind: 'assigned', title: 'Read a book', doneAt: new Date('2027-03-02T10:00:00Z') },
		{ relationshipId: r1.id, createdBy: bob.user.id, kind: 'suggested', title: 'Watch a talk' },
	])
	await db.insert(messages).values([
		{ relationshipId: r1.id, authorId: alice.user.id, body: 'Hello', createdAt: new Date('2027-01-25T10:00:00Z') },
		{ relationshipId: r1.id, authorId: alice.user.id, body: 'Oops', createdAt: new Date('2027-02-01T10:00:00Z'), deletedAt: new Date('2027-02-01T10:01:00Z') },
		{ relationshipId: r2.id, authorId: erin.user.id, body: 'Thanks', createdAt: new Date('2027-02-12T10:00:00Z') },
	])
	await db.insert(trackedEmails).values({
		relationshipId: r1.id,
		messageId: '<1@mail.test>',
		senderId: alice.user.id,
		fromAddress: alice.user.email,
		subject: 'Notes',
		sentAt: new Date('2027-02-12T09:59:00Z'),
		createdAt: new Date('2027-02-12T10:00:00Z'),
	})
	return { slug: made.slug, emptySlug: empty.slug, coordinator, admin, elsewhere, alice }
}

beforeAll(async () => {
	world = await arrange()
})

const report = (query: string, now = NOW) => getProgrammeReport({ viewer: world.coordinator.user, slug: world.slug, params: new URLSearchParams(query), now })

const zeroStatuses = { application: 0, searching: 0, awaiting_manager_validation: 0, in_progress: 0, awaiting_confirmation: 0, completed: 0, declined: 0, withdrawn: 0 }
const days = (d: number, h = 0) => d + h / 24

describe('all time, seen on 15 March 2027', () => {
	test('every metric, worked out from the rows', async () => {
		const { report: r, query } = await report('')
		expect(query.preset).toBe('all_time')
		expect([r.from, r.to]).toEqual(['2027-01-01', '2027-03-15'])
		expect(r.previous).toBeNull()
		// Relationship time within the range: Alice's from 10 Jan 08:00 to now, Erin's from 3 Feb 10:00 to 20 Feb 17:00.
		const relationshipMonths = (days(64, 4) + days(17, 7)) / DAYS_PER_MONTH
		expect(r.metrics).toEqual({
			registrationsByStatus: { ...zeroStatuses, in_progress: 2, searching: 2, completed: 1, application: 1 },
			// Alice, Dave and Erin were validated; Alice (4 days) and Erin (2 days) were matched.
			matchRate: 0.6667,
			medianDaysToMatch: 3,
			// Alice's relationship has had no contact in the last 30 days (the tracked email came on 12 Feb).
			relationships: { confirmed: 2, lapsed: 1, ended: 1 },
			sessionsPerRelationshipPerMonth: Math.round((3 / relationshipMonths) * 100) / 100,
			noShowRate: 0.25,
			goalsReached: 2,
			assignmentsDone: 1,
			feedback: { average: 3.5, count: 4, distribution: { 1: 0, 2: 1, 3: 1, 4: 1, 5: 1 } },
			// Alice 32 + 15 (1–15 March, still open), Bob 65 (10 Jan to today), Erin 27.
			participationDays: 32 + 15 + 65 + 27,
			contactActivity: { sessions: 3, messages: 2, emails: 1 },
		})
		expect(r.metrics.sessionsPerRelationshipPerMonth).toBe(1.12)
	})

	test('the series are weekly for up to 92 days and add up to the totals', async () => {
		const { report: r } = await report('')
		expect(r.series.unit).toBe('week')
		// 1 January 2027 is a Friday: the first week starts on Monday 28 December.
		expect(r.series.periods[0]).toBe('2026-12-28')
		expect(r.series.periods.at(-1)).toBe('2027-03-15')
		const at = (period: string) => r.series.periods.indexOf(period)
		expect(r.series.completedSessions[at('2027-01-18')]).toBe(1)
		expect(r.series.completedSessions[at('2027-02-08')]).toBe(2)
		expect(r.series.noShows[at('2027-02-01')]).toBe(1)
		const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
		expect(sum(r.series.participationDays)).toBe(r.metrics.participationDays)
		expect(sum(r.series.confirmed)).toBe(2)
		expect(sum(r.series.validated)).toBe(3)
		expect(sum(r.series.matched)).toBe(2)
	})
})

describe('ranges and filters change the numbers', () => {
	test('February alone, against the 28 days before it', async () => {
		const { report: r } = await report('from=2027-02-01&to=2027-02-28')
		const relationshipMonths = (28 + days(17, 7)) / DAYS_PER_MONTH
		expect(r.metrics).toEqual({
			registrationsByStatus: { ...zeroStatuses, completed: 1, application: 1, searching: 1 },
			matchRate: 1,
			medianDaysToMatch: 2,
			// At the end of February Alice's pair had met on 8 Feb: not lapsed.
			relationships: { confirmed: 1, lapsed: 0, ended: 1 },
			sessionsPerRelationshipPerMonth: Math.round((2 / relationshipMonths) * 100) / 100,
			noShowRate: 0.3333,
			goalsReached: 2,
			assignmentsDone: 0,
			feedback: { average: 2.5, count: 2, distribution: { 1: 0, 2: 1, 3: 1, 4: 0, 5: 0 } },
			participationDays: 10 + 28 + 27,
			contactActivity: { sessions: 2, messages: 1, emails: 1 },
		})
		expect(r.series.periods).toEqual(['2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22'])
		expect(r.series.completedSessions).toEqual([0, 2, 0, 0])
		expect([r.previous!.from, r.previous!.to]).toEqual(['2027-01-04', '2027-01-31'])
		expect(r.previous!.metrics.registrationsByStatus).toEqual({ ...zeroStatuses, in_progress: 2, searching: 1 })
		expect(r.previous!.metrics.contactActivity).toEqual({ sessions: 1, messages: 1, emails: 0 })
	})

	test('a tracked email is contact: up to 13 March it keeps the pair from lapsing, by 15 March it is too old', async () => {
		// Up to 13 March, the last 30 days start on 11 Feb 23:00 UTC: the email of 12 Feb is in them, the session of 8 Feb is not.
		expect((await report('from=2027-03-01&to=2027-03-13')).report.metrics.relationships.lapsed).toBe(0)
		expect((await report('from=2027-03-01&to=2027-03-15')).report.metrics.relationships.lapsed).toBe(1)
	})

	test('department: Sales keeps Sales people and the pairs with one; Legal only Dave and his pending match', async () => {
		const sales = (await report('department=sales')).report.metrics
		expect(sales.registrationsByStatus).toEqual({ ...zeroStatuses, in_progress: 1, completed: 1, application: 1 })
		expect(sales.relationships.confirmed).toBe(2)
		const legal = (await report('department=Legal')).report.metrics
		expect(legal.registrationsByStatus).toEqual({ ...zeroStatuses, searching: 1 })
		expect(legal.matchRate).toBe(0)
		expect(legal.medianDaysToMatch).toBeNull()
		expect(legal.relationships).toEqual({ confirmed: 0, lapsed: 0, ended: 0 })
		expect(legal.contactActivity).toEqual({ sessions: 0, messages: 0, emails: 0 })
		expect(legal.participationDays).toBe(0)
	})

	test('role: mentors’ match rate, and location on the side the role names', async () => {
		const mentors = (await report('role=mentor')).report.metrics
		// Bob was validated 7 Jan 10:00 and matched 10 Jan 08:00 (2 days 22 hours); Gus is still waiting.
		expect(mentors.matchRate).toBe(0.5)
		expect(mentors.medianDaysToMatch).toBe(2.9)
		expect(mentors.registrationsByStatus).toEqual({ ...zeroStatuses, in_progress: 1, searching: 1 })
		const lyonMentees = (await report('role=mentee&location=Lyon')).report.metrics
		expect(lyonMentees.relationships).toEqual({ confirmed: 1, lapsed: 0, ended: 1 })
		expect(lyonMentees.feedback.count).toBe(1)
	})

	test('presets: the last 30 days, this quarter and this year, in the programme’s zone', async () => {
		expect((await report('preset=last_30_days')).report).toMatchObject({ from: '2027-02-14', to: '2027-03-15' })
		expect((await report('preset=this_quarter')).report).toMatchObject({ from: '2027-01-01', to: '2027-03-15' })
		// At 23:30 UTC on 31 March it is already 1 April in Berlin: the second quarter.
		expect((await report('preset=this_quarter', new Date('2027-03-31T23:30:00Z'))).report).toMatchObject({ from: '2027-04-01', to: '2027-04-01' })
		expect((await report('preset=this_year')).report).toMatchObject({ from: '2027-01-01', to: '2027-03-15' })
		// Beyond 92 days the charts count per calendar month.
		const long = (await report('from=2026-01-01&to=2027-03-15')).report
		expect(long.series.unit).toBe('month')
		expect(long.series.periods.slice(-3)).toEqual(['2027-01-01', '2027-02-01', '2027-03-01'])
		expect(long.series.completedSessions.slice(-3)).toEqual([1, 2, 0])
	})
})

test('an empty programme: zeros everywhere, no NaN', async () => {
	const { report: r } = await getProgrammeReport({ viewer: world.coordinator.user, slug: world.emptySlug, params: new URLSearchParams('from=2027-01-01&to=2027-03-15'), now: NOW })
	expect(r.metrics).toEqual({
		registrationsByStatus: zeroStatuses,
		matchRate: 0,
		medianDaysToMatch: null,
		relationships: { confirmed: 0, lapsed: 0, ended: 0 },
		sessionsPerRelationshipPerMonth: 0,
		noShowRate: 0,
		goalsReached: 0,
		assignmentsDone: 0,
		feedback: { average: null, count: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
		participationDays: 0,
		contactActivity: { sessions: 0, messages: 0, emails: 0 },
	})
	expect(JSON.stringify(r)).not.toContain('NaN')
})

describe('the API', () => {
	test('the coordinator and an admin read it; another programme’s coordinator and a participant 403; logged out 401; unknown 404', async () => {
		const { slug, coordinator, admin, elsewhere, alice } = world
		for (const who of [coordinator, admin]) {
			const response = await fetchReport(who.cookie, slug, '?from=2027-01-01&to=2027-03-15')
			expect(response.status).toBe(200)
			const body = await response.json()
			expect(body.report).toMatchObject({ from: '2027-01-01', to: '2027-03-15', metrics: { registrationsByStatus: { in_progress: 2 }, relationships: { confirmed: 2, ended: 1 } } })
			expect(body.report.previous).toMatchObject({ from: '2026-10-19', to: '2026-12-31' })
		}
		for (const who of [elsewhere, alice]) {
			const response = await fetchReport(who.cookie, slug)
			expect(response.status).toBe(403)
			expect((await response.json()).error.code).toBe('not_allowed')
		}
		const anonymous = await fetchReport(null, slug)
		expect(anonymous.status).toBe(401)
		expect((await anonymous.json()).error.code).toBe('unauthenticated')
		const missing = await fetchReport(admin.cookie, 'no-such-programme')
		expect(missing.status).toBe(404)
		expect((await missing.json()).error.code).toBe('not_found')
		expect(reportRoute.action().status).toBe(405)
	})

	test.each([
		['?from=2027-02-30', 'from'],
		['?from=2027-03-01&to=2027-02-01', 'to'],
		['?role=boss', 'role'],
		['?preset=forever', 'preset'],
		['?from=2000-01-01&to=2027-01-01', 'from'],
		[`?department=${'x'.repeat(201)}`, 'department'],
	])('%s is refused with 422 on %s', async (query, field) => {
		const response = await fetchReport(world.coordinator.cookie, world.slug, query)
		expect(response.status).toBe(422)
		const body = await response.json()
		expect(body.error.code).toBe('validation_failed')
		expect(Object.keys(body.error.fields)).toEqual([field])
	})
})
