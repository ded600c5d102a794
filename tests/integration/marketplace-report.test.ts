import { randomUUID } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, test } from 'vitest'
import * as reportApi from '../../app/routes/api.v1.admin.reports.marketplace'
import * as reportPage from '../../app/routes/admin.reports'
import { platformFeeCents } from '../../app/rules/marketplace-report'
import { createSession } from '../../app/services/auth-sessions.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { getDb } from '../../db/client'
import { bundles, mentorProfiles, payouts, refunds, sessions, users } from '../../db/schema'
import { call } from '../support/http'
import { page } from '../support/pages'
import { uniqueEmail } from '../support/factories'

/**
 * The marketplace report (PRODUCT.md "Reports and exports": "Admins see the marketplace too"),
 * through the API route and the page's loader, over a hand-built March 2027 in which every
 * expected number is worked out beside the rows that make it. 1 March 2027 is a Monday, so the
 * weeks of 1–21 March are those of the 1st, 8th and 15th.
 */

type Who = { id: string; cookie: string }

async function someone(name: string, role: 'mentee' | 'mentor' | 'admin'): Promise<Who> {
	const [user] = await getDb()
		.insert(users)
		.values({
			email: uniqueEmail(role),
			name,
			timeZone: 'Europe/Berlin',
			passwordHash: 'not-a-real-hash',
			emailVerifiedAt: new Date(),
			isMentee: role === 'mentee',
			isMentor: role === 'mentor',
			isAdmin: role === 'admin',
		})
		.returning({ id: users.id })
	if (role === 'mentor') await getDb().insert(mentorProfiles).values({ userId: user!.id, slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${user!.id.slice(0, 6)}` })
	const { token } = await createSession(user!.id, new Date())
	return { id: user!.id, cookie: `mentora_session=${token}` }
}

const at = (iso: string) => new Date(iso)
const HOUR = 3_600_000

async function session(
	mentor: Who,
	mentee: Who,
	values: { type: 'intro' | 'paid'; status: (typeof sessions.$inferInsert)['status']; createdAt: string; startsAt: string; bundleId?: string },
) {
	const start = at(values.startsAt)
	const [row] = await getDb()
		.insert(sessions)
		.values({
			mentorId: mentor.id,
			menteeId: mentee.id,
			type: values.type,
			status: values.status,
			startsAt: start,
			endsAt: new Date(start.getTime() + HOUR),
			bundleId: values.bundleId,
			introForm: values.type === 'intro' ? { helpWith: 'A plan', background: 'Support', goals: 'Grow' } : undefined,
			rejectionReason: values.status === 'rejected' ? 'Not my field' : undefined,
			quotaMonth: values.startsAt.slice(0, 7),
			createdAt: at(values.createdAt),
			updatedAt: at(values.createdAt),
		})
		.returning({ id: sessions.id })
	return row!.id
}

async function bundle(mentor: Who, mentee: Who, values: { priceCents: number; credits: number; feePercent: number; paidAt: string; currency?: string }) {
	const [row] = await getDb()
		.insert(bundles)
		.values({
			mentorId: mentor.id,
			menteeId: mentee.id,
			status: 'active',
			sessionMinutes: 60,
			creditsTotal: values.credits,
			priceCents: values.priceCents,
			currency: values.currency ?? 'eur',
			platformFeePercent: values.feePercent,
			paidAt: at(values.paidAt),
			createdAt: at(values.paidAt),
		})
		.returning({ id: bundles.id })
	return row!.id
}

async function payout(sessionId: string, bundleId: string, mentor: Who, values: { amountCents: number; status: (typeof payouts.$inferInsert)['status']; createdAt: string; releasedAt?: string }) {
	await getDb()
		.insert(payouts)
		.values({
			sessionId,
			bundleId,
			mentorId: mentor.id,
			amountCents: values.amountCents,
			currency: 'eur',
			status: values.status,
			stripeTransferId: values.status === 'released' ? `tr_${randomUUID()}` : null,
			releasedAt: values.releasedAt ? at(values.releasedAt) : null,
			createdAt: at(values.createdAt),
		})
}

async function refund(bundleId: string, admin: Who, values: { amountCents: number; credits: number; status: 'pending' | 'succeeded'; createdAt: string }) {
	const id = randomUUID()
	await getDb()
		.insert(refunds)
		.values({ id, bundleId, adminId: admin.id, amountCents: values.amountCents, credits: values.credits, reason: 'Asked for it', status: values.status, idempotencyKey: id, createdAt: at(values.createdAt) })
}

let admin: Who, ada: Who, ben: Who, cy: Who, m1: Who, m2: Who, m3: Who

beforeAll(async () => {
	admin = await someone('Admin Alba', 'admin')
	ada = await someone('Ada Lovelace', 'mentor')
	ben = await someone('Ben Okri', 'mentor')
	cy = await someone('Cy Twombly', 'mentor')
	m1 = await someone('Mia One', 'mentee')
	m2 = await someone('Max Two', 'mentee')
	m3 = await someone('Mo Three', 'mentee')

	// Week of 1 March: three bookings (two intros, one paid).
	await session(ada, m1, { type: 'intro', status: 'completed', createdAt: '2027-03-02T10:00:00Z', startsAt: '2027-03-03T10:00:00Z' })
	// 3 sessions × 33.33 € at 15 %: the mentor's share is 3333 × 85 / 100 = 2833.05 → 2833 a session, so the fee is 9999 − 3 × 2833 = 1500.
	const b1 = await bundle(ada, m1, { priceCents: 9999, credits: 3, feePercent: 15, paidAt: '2027-03-04T12:00:00Z' })
	const s1 = await session(ada, m1, { type: 'paid', status: 'completed', createdAt: '2027-03-05T08:00:00Z', startsAt: '2027-03-06T10:00:00Z', bundleId: b1 })
	// Its payout became due in the first week and was released in the second.
	await payout(s1, b1, ada, { amountCents: 2833, status: 'released', createdAt: '2027-03-06T11:00:00Z', releasedAt: '2027-03-08T10:00:00Z' })
	// The last second of the first week (Sunday 23:59:59 UTC)…
	await session(ben, m2, { type: 'intro', status: 'completed', createdAt: '2027-03-07T23:59:59Z', startsAt: '2027-03-09T09:00:00Z' })

	// Week of 8 March: …and the first of the second.
	await session(ada, m3, { type: 'intro', status: 'rejected', createdAt: '2027-03-08T00:00:00Z', startsAt: '2027-03-10T10:00:00Z' })
	await session(ben, m3, { type: 'intro', status: 'completed', createdAt: '2027-03-10T08:00:00Z', startsAt: '2027-03-11T09:00:00Z' })
	// 4 × 60 € at 20 %: 6000 × 80 / 100 = 4800 a session, fee 24000 − 4 × 4800 = 4800.
	const b2 = await bundle(ben, m2, { priceCents: 24000, credits: 4, feePercent: 20, paidAt: '2027-03-10T15:00:00Z' })
	const s2 = await session(ben, m2, { type: 'paid', status: 'completed', createdAt: '2027-03-11T08:00:00Z', startsAt: '2027-03-12T09:00:00Z', bundleId: b2 })
	await payout(s2, b2, ben, { amountCents: 4800, status: 'on_hold', createdAt: '2027-03-12T12:00:00Z' })
	// A dollar bundle: never added to euros, only counted apart.
	await bundle(cy, m3, { priceCents: 10000, credits: 2, feePercent: 20, paidAt: '2027-03-09T12:00:00Z', currency: 'usd' })

	// Week of 15 March.
	const s3 = await session(ben, m2, { type: 'paid', status: 'completed', createdAt: '2027-03-15T08:00:00Z', startsAt: '2027-03-16T09:00:00Z', bundleId: b2 })
	await payout(s3, b2, ben, { amountCents: 4800, status: 'dead', createdAt: '2027-03-16T12:00:00Z' })
	// Max's second intro with Ada: a booking, but not a first intro (the first was in February).
	await session(ada, m2, { type: 'intro', status: 'completed', createdAt: '2027-03-16T08:00:00Z', startsAt: '2027-03-17T10:00:00Z' })
	await session(ben, m2, { type: 'paid', status: 'scheduled', createdAt: '2027-03-17T08:00:00Z', startsAt: '2027-03-25T09:00:00Z', bundleId: b2 })
	// Mia's bundle partly refunded: one unused session of 33.33 €; its revenue stays in the week it was paid.
	await refund(b1, admin, { amountCents: 3333, credits: 1, status: 'succeeded', createdAt: '2027-03-16T10:00:00Z' })
	await refund(b2, admin, { amountCents: 6000, credits: 1, status: 'pending', createdAt: '2027-03-17T10:00:00Z' })

	// Outside 1–21 March: counted nowhere.
	await session(ada, m2, { type: 'intro', status: 'completed', createdAt: '2027-02-18T08:00:00Z', startsAt: '2027-02-20T10:00:00Z' })
	await bundle(ada, m1, { priceCents: 5000, credits: 1, feePercent: 20, paidAt: '2027-02-28T23:59:59Z' })
	await session(ada, m1, { type: 'intro', status: 'pending', createdAt: '2027-03-22T00:00:00Z', startsAt: '2027-03-29T10:00:00Z' })
})

afterEach(() => resetClock())

const report = (cookie: string | null, query: string) => call(reportApi.loader, { path: `/api/v1/admin/reports/marketplace${query}`, cookie })

describe('GET /api/v1/admin/reports/marketplace', () => {
	test('each week of 1–21 March, worked out by hand', async () => {
		const { response, json } = await report(admin.cookie, '?from=2027-03-01&to=2027-03-21&interval=week')
		expect(response.status).toBe(200)
		expect(response.headers.get('Cache-Control')).toBe('private, no-store')
		const { series } = json.report
		expect(series.map((p: any) => [p.period, p.start, p.end])).toEqual([
			['2027-03-01', '2027-03-01', '2027-03-07'],
			['2027-03-08', '2027-03-08', '2027-03-14'],
			['2027-03-15', '2027-03-15', '2027-03-21'],
		])
		// Bookings by the week they were made: 23:59:59 on Sunday is the first week, midnight the second.
		expect(series.map((p: any) => [p.bookings, p.bookingsByType])).toEqual([
			[3, { intro: 2, paid: 1 }],
			[3, { intro: 2, paid: 1 }],
			[3, { intro: 1, paid: 2 }],
		])
		// First completed intros: Mia–Ada (3 Mar, bought on the 4th); Max–Ben (9 Mar, bought on the 10th) and Mo–Ben (11 Mar, bought nothing).
		expect(series.map((p: any) => [p.introsCompleted, p.introsConverted, p.introToBundleRate])).toEqual([
			[1, 1, 1],
			[2, 1, 0.5],
			[0, 0, 0],
		])
		expect(series.map((p: any) => [p.revenueCents, p.feesCents, p.refundsCents])).toEqual([
			[9999, 1500, 0],
			[24000, 4800, 0],
			[0, 0, 3333],
		])
		// Released by release day; held and dead by the week they became due.
		expect(series.map((p: any) => [p.payoutsCents, p.payoutsHeldCents, p.payoutsDeadCents])).toEqual([
			[0, 0, 0],
			[2833, 4800, 0],
			[0, 0, 4800],
		])
	})

	test('totals, bookings by type and status, payouts by status, top mentors and the dollars left out', async () => {
		const { json } = await report(admin.cookie, '?from=2027-03-01&to=2027-03-21&interval=week')
		const r = json.report
		expect(r).toMatchObject({ from: '2027-03-01', to: '2027-03-21', interval: 'week', currency: 'eur', otherCurrencyBundles: 1 })
		expect(r.totals).toEqual({
			bookings: 9,
			bookingsByType: { intro: 5, paid: 4 },
			introsCompleted: 3,
			introsConverted: 2,
			// 2 ÷ 3, to four decimals.
			introToBundleRate: 0.6667,
			bundlesSold: 2,
			revenueCents: 33999,
			refunds: 1,
			refundsCents: 3333,
			feesCents: 6300,
			payoutsCents: 2833,
		})
		const count = (type: string, status: string) => r.bookingsByTypeAndStatus.find((b: any) => b.type === type && b.status === status)?.count
		expect(r.bookingsByTypeAndStatus).toHaveLength(18)
		expect([count('intro', 'completed'), count('intro', 'rejected'), count('paid', 'completed'), count('paid', 'scheduled'), count('intro', 'pending')]).toEqual([4, 1, 3, 1, 0])
		expect(r.payoutsByStatus).toEqual({ released: { count: 1, cents: 2833 }, held: { count: 1, cents: 4800 }, dead: { count: 1, cents: 4800 } })
		// Ben: 24000 and four sessions held (two intros, two paid); Ada: 9999 and three. Cy sold only in dollars and held none.
		expect(r.topMentors.map((m: any) => [m.name, m.sessionsCompleted, m.revenueCents])).toEqual([
			['Ben Okri', 4, 24000],
			['Ada Lovelace', 3, 9999],
		])
	})

	test('by month: one period cut to the range, the same totals', async () => {
		const { json } = await report(admin.cookie, '?from=2027-03-01&to=2027-03-21&interval=month')
		expect(json.report.series).toHaveLength(1)
		expect(json.report.series[0]).toMatchObject({ period: '2027-03', start: '2027-03-01', end: '2027-03-21', bookings: 9, revenueCents: 33999, feesCents: 6300, refundsCents: 3333, payoutsCents: 2833, introToBundleRate: 0.6667 })
	})

	test('a range cut mid-week counts only its own days', async () => {
		// 8–10 March: the rejected intro (8th) and Mo's intro (10th) but not Ben's paid booking of the 11th.
		const { json } = await report(admin.cookie, '?from=2027-03-08&to=2027-03-10&interval=week')
		expect(json.report.series).toEqual([expect.objectContaining({ period: '2027-03-08', start: '2027-03-08', end: '2027-03-10', bookings: 2, revenueCents: 24000, payoutsCents: 2833 })])
	})

	test('an empty range answers every period with zeros, never NaN or null', async () => {
		const { response, json } = await report(admin.cookie, '?from=2030-01-01&to=2030-02-15&interval=week')
		expect(response.status).toBe(200)
		const { series, totals, topMentors, payoutsByStatus } = json.report
		expect(series).toHaveLength(7)
		expect(series[0]).toMatchObject({ period: '2029-12-31', start: '2030-01-01' })
		for (const row of series) {
			for (const key of ['bookings', 'introToBundleRate', 'revenueCents', 'refundsCents', 'feesCents', 'payoutsCents']) expect(row[key]).toBe(0)
		}
		expect(totals.introToBundleRate).toBe(0)
		expect(topMentors).toEqual([])
		expect(payoutsByStatus.held).toEqual({ count: 0, cents: 0 })
		expect(JSON.stringify(json)).not.toMatch(/NaN|null/)
	})

	test('without a query: the twelve months ending today, in UTC', async () => {
		const today = new Date('2027-03-21T23:30:00Z')
		freezeClockAt(today)
		// A session of its own, made on that day: the shared one would have run out by then.
		const cookie = `mentora_session=${(await createSession(admin.id, today)).token}`
		const { json } = await report(cookie, '')
		expect(json.report).toMatchObject({ from: '2026-04-01', to: '2027-03-21', interval: 'month' })
		expect(json.report.series.map((p: any) => p.period)).toEqual([
			'2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03',
		])
		expect(json.report.series.at(-1).revenueCents).toBe(33999)
		const weekly = await report(cookie, '?interval=week')
		expect(weekly.json.report).toMatchObject({ from: '2026-12-28', to: '2027-03-21' })
		expect(weekly.json.report.series).toHaveLength(12)
	})

	test('only admins: anonymous 401, a mentee or a mentor 403 not_allowed', async () => {
		const anonymous = await report(null, '')
		expect(anonymous.response.status).toBe(401)
		expect(anonymous.json.error.code).toBe('unauthenticated')
		for (const who of [m1, ada]) {
			const { response, json } = await report(who.cookie, '?from=2027-03-01&to=2027-03-21')
			expect(response.status).toBe(403)
			expect(json).toEqual({ error: { code: 'not_allowed', message: expect.any(String) } })
		}
	})

	test.each([
		['?from=2027-02-30', 'from', 'That date does not exist.'],
		['?from=yesterday', 'from', 'Give a date as YYYY-MM-DD.'],
		['?to=2027-3-1', 'to', 'Give a date as YYYY-MM-DD.'],
		['?from=1999-12-31&to=2000-01-31', 'from', 'Choose a date from 2000-01-01 on.'],
		['?interval=day', 'interval', 'The interval is week or month.'],
		['?from=2027-03-10&to=2027-03-09', 'to', 'The end must be on or after the start.'],
		['?from=2026-03-01&to=2027-03-21&interval=week', 'from', 'A report covers at most 53 weeks: choose a later start, or months.'],
		['?from=2024-01-01&to=2027-03-21&interval=month', 'from', 'A report covers at most 36 months: choose a later start.'],
		['?from=%00', 'from', 'Give a date as YYYY-MM-DD.'],
	])('%s answers 422 validation_failed naming %s', async (query, field, message) => {
		const { response, json } = await report(admin.cookie, query)
		expect(response.status).toBe(422)
		expect(json.error).toMatchObject({ code: 'validation_failed', fields: { [field]: [message] } })
	})

	test('a year of weeks fits; the same with a day more does not', async () => {
		expect((await report(admin.cookie, '?from=2026-01-01&to=2026-12-31&interval=week')).response.status).toBe(200)
		expect((await report(admin.cookie, '?from=2026-03-23&to=2027-03-28&interval=week')).response.status).toBe(200)
		expect((await report(admin.cookie, '?from=2026-03-22&to=2027-03-28&interval=week')).response.status).toBe(422)
	})

	test('the fee counted in SQL is the fee payouts leave, bundle by bundle (2031, a range of its own)', async () => {
		const odd = [
			// 7 × 10.01 € at 17 %: 1001 × 0.83 = 830.83 → 830 a session; 7007 − 5810.
			{ priceCents: 7007, credits: 7, feePercent: 17, expected: 1197 },
			// An older price that does not split: 333 a session, 266 to the mentor (266.4); the odd cent stays with the platform.
			{ priceCents: 1000, credits: 3, feePercent: 20, expected: 202 },
			{ priceCents: 1, credits: 1, feePercent: 50, expected: 1 },
			{ priceCents: 2_000_000_000, credits: 50, feePercent: 33, expected: 660_000_000 },
		]
		for (const [i, b] of odd.entries()) {
			expect(platformFeeCents({ priceCents: b.priceCents, creditsTotal: b.credits, platformFeePercent: b.feePercent })).toBe(b.expected)
			await bundle(ada, m3, { priceCents: b.priceCents, credits: b.credits, feePercent: b.feePercent, paidAt: `2031-01-0${i + 1}T12:00:00Z` })
		}
		const { json } = await report(admin.cookie, '?from=2031-01-01&to=2031-01-31&interval=month')
		expect(json.report.totals.feesCents).toBe(1197 + 202 + 1 + 660_000_000)
		expect(json.report.totals.revenueCents).toBe(7007 + 1000 + 1 + 2_000_000_000)
	})

	test('POST answers 405', async () => {
		const { response } = await call(reportApi.action as never, { path: '/api/v1/admin/reports/marketplace', cookie: admin.cookie, body: {} })
		expect(response.status).toBe(405)
	})
})

describe('/admin/reports', () => {
	test('an admin sees the same numbers, formatted once, with the query kept', async () => {
		const { response, json } = await page(reportPage.loader, { path: '/admin/reports?from=2027-03-01&to=2027-03-21&interval=week', cookie: admin.cookie })
		expect(response.status).toBe(200)
		expect(json.values).toEqual({ from: '2027-03-01', to: '2027-03-21', interval: 'week' })
		expect(json.report.totals.revenueCents).toBe(33999)
		expect(json.errors).toBeNull()
	})

	test('a bad query shows the form with its messages (422), not an error page', async () => {
		const { response, json } = await page(reportPage.loader, { path: '/admin/reports?from=2027-03-10&to=2027-03-01&interval=fortnight', cookie: admin.cookie })
		expect(response.status).toBe(422)
		expect(json.report).toBeNull()
		expect(json.values).toEqual({ from: '2027-03-10', to: '2027-03-01', interval: 'fortnight' })
		expect(json.errors).toMatchObject({ interval: ['The interval is week or month.'] })
	})

	test('anonymous is sent to log in; a mentee or a mentor gets 403', async () => {
		const anonymous = await page(reportPage.loader, { path: '/admin/reports', cookie: null })
		expect(anonymous.response.status).toBe(302)
		expect(anonymous.response.headers.get('Location')).toBe('/login?redirectTo=%2Fadmin%2Freports')
		for (const who of [m1, ada]) expect((await page(reportPage.loader, { path: '/admin/reports', cookie: who.cookie })).response.status).toBe(403)
	})
})
