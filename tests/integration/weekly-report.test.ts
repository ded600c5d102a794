import { and, eq, like } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import * as settingsPage from '../../app/routes/admin.programmes.$slug._index'
import * as unsubscribePage from '../../app/routes/unsubscribe.$token'
import { digestUnsubscribeToken } from '../../app/services/email-preferences.server'
import { type ProgrammeReport } from '../../app/services/programme-report.server'
import { sendWeeklyReports, type BuildReport } from '../../app/services/report-digests.server'
import { getDb } from '../../db/client'
import { emailOutbox, registrations, reportDigestSubscriptions, users } from '../../db/schema'
import { jobs } from '../../jobs'
import { weeklyReportsJob } from '../../jobs/send-weekly-reports'
import { page } from '../support/coordinator-pages'
import { member, programme, registration } from '../support/programmes'

/**
 * "Coordinators may subscribe to a weekly report email (the key numbers and a link), sent Monday
 * 08:00 in their zone, once per week even with two workers."
 */

type Numbers = { registrations: number[]; confirmed: number; lapsed: number; sessions: number; average: number | null }

/** A report builder that answers each week's numbers as the test sets them, and notes what it was asked. */
function fakeReports(byFrom: Record<string, Numbers>) {
	const asked: { programme: string; from: string; to: string }[] = []
	const build = (async (input) => {
		asked.push({ programme: input.programme.slug, from: input.from, to: input.to })
		const n = byFrom[input.from] ?? { registrations: [], confirmed: 0, lapsed: 0, sessions: 0, average: null }
		return {
			from: input.from,
			to: input.to,
			metrics: {
				registrationsByStatus: Object.fromEntries(n.registrations.map((count, i) => [['application', 'searching', 'in_progress'][i]!, count])),
				matchRate: 0,
				medianDaysToMatch: null,
				relationships: { confirmed: n.confirmed, lapsed: n.lapsed, ended: 0 },
				sessionsPerRelationshipPerMonth: 0,
				noShowRate: 0,
				goalsReached: 0,
				assignmentsDone: 0,
				feedback: { average: n.average, count: n.average === null ? 0 : 3, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
				participationDays: 0,
				contactActivity: { sessions: n.sessions, messages: 0, emails: 0 },
			},
		} as unknown as ProgrammeReport
	}) satisfies BuildReport
	return { build, asked }
}

async function subscribedCoordinator(timeZone: string, name = 'Cora Coordinator') {
	const coordinator = await member({ role: 'mentor', name })
	await getDb().update(users).set({ timeZone }).where(eq(users.id, coordinator.user.id))
	const row = await programme({ coordinators: [coordinator.user.id], name: `Leadership ${timeZone}` })
	await getDb().insert(reportDigestSubscriptions).values({ userId: coordinator.user.id, programmeId: row.id })
	return { coordinator, programme: row }
}

const digestsTo = (userId: string) =>
	getDb()
		.select()
		.from(emailOutbox)
		.where(and(eq(emailOutbox.userId, userId), eq(emailOutbox.template, 'weekly_report')))

describe('the subscription on the programme admin page', () => {
	test('a coordinator ticks and unticks it; an admin who does not coordinate the programme is not offered it', async () => {
		const coordinator = await member({ role: 'mentor' })
		const admin = await member({ admin: true })
		const row = await programme({ coordinators: [coordinator.user.id] })
		const path = `/admin/programmes/${row.slug}`
		const load = (cookie: string) => page(settingsPage.loader, { path, slug: row.slug, cookie })
		expect((await load(coordinator.cookie)).value.digest).toMatchObject({ subscribed: false })
		expect((await load(admin.cookie)).value.digest).toBeNull()

		const ticked = await page(settingsPage.action, { path, slug: row.slug, cookie: coordinator.cookie, fields: [['intent', 'report-digest'], ['digest', 'on']] })
		expect(ticked.value).toMatchObject({ part: 'digest', ok: true })
		await page(settingsPage.action, { path, slug: row.slug, cookie: coordinator.cookie, fields: [['intent', 'report-digest'], ['digest', 'on']] })
		expect(await getDb().select().from(reportDigestSubscriptions).where(eq(reportDigestSubscriptions.programmeId, row.id))).toHaveLength(1)
		expect((await load(coordinator.cookie)).value.digest).toMatchObject({ subscribed: true })

		const refused = await page(settingsPage.action, { path, slug: row.slug, cookie: admin.cookie, fields: [['intent', 'report-digest'], ['digest', 'on']] })
		expect(refused.status).toBe(403)

		await page(settingsPage.action, { path, slug: row.slug, cookie: coordinator.cookie, fields: [['intent', 'report-digest']] })
		expect(await getDb().select().from(reportDigestSubscriptions).where(eq(reportDigestSubscriptions.programmeId, row.id))).toEqual([])
	})
})

describe('sendWeeklyReports: Monday 08:00 in the coordinator zone', () => {
	test('Asia/Kolkata and America/Los_Angeles each get theirs in their own Monday 08:00 hour, not in the other one', async () => {
		const kolkata = await subscribedCoordinator('Asia/Kolkata')
		const la = await subscribedCoordinator('America/Los_Angeles')
		const { build } = fakeReports({})
		// Monday 8 March 2027 02:30 UTC is 08:00 in Kolkata and Sunday 18:30 in Los Angeles.
		await sendWeeklyReports(new Date('2027-03-08T02:29:00Z'), build)
		expect(await digestsTo(kolkata.coordinator.user.id)).toHaveLength(0)
		await sendWeeklyReports(new Date('2027-03-08T02:30:00Z'), build)
		expect(await digestsTo(kolkata.coordinator.user.id)).toHaveLength(1)
		expect(await digestsTo(la.coordinator.user.id)).toHaveLength(0)
		// Later runs in the same hour send nothing new.
		await sendWeeklyReports(new Date('2027-03-08T02:45:00Z'), build)
		await sendWeeklyReports(new Date('2027-03-08T03:15:00Z'), build)
		expect(await digestsTo(kolkata.coordinator.user.id)).toHaveLength(1)
		// 16:00 UTC is 08:00 PST.
		await sendWeeklyReports(new Date('2027-03-08T15:45:00Z'), build)
		expect(await digestsTo(la.coordinator.user.id)).toHaveLength(0)
		await sendWeeklyReports(new Date('2027-03-08T16:00:00Z'), build)
		expect(await digestsTo(la.coordinator.user.id)).toHaveLength(1)
	})

	test('across the DST change in Los Angeles the next one comes at 15:00 UTC (08:00 PDT), one per ISO week', async () => {
		const la = await subscribedCoordinator('America/Los_Angeles')
		const { build, asked } = fakeReports({})
		await sendWeeklyReports(new Date('2027-03-08T16:00:00Z'), build)
		// Monday 15 March 2027 16:00 UTC is already 09:00 PDT: too late; 15:00 UTC is the hour.
		await sendWeeklyReports(new Date('2027-03-15T14:45:00Z'), build)
		await sendWeeklyReports(new Date('2027-03-15T16:00:00Z'), build)
		expect(await digestsTo(la.coordinator.user.id)).toHaveLength(1)
		await sendWeeklyReports(new Date('2027-03-15T15:00:00Z'), build)
		const sent = await digestsTo(la.coordinator.user.id)
		expect(sent.map((e) => e.dedupeKey)).toEqual([
			`weekly_report:${la.coordinator.user.id}:${la.programme.id}:2027-W10`,
			`weekly_report:${la.coordinator.user.id}:${la.programme.id}:2027-W11`,
		])
		// The week reported is the 7 days before that Monday in the coordinator's zone, beside the 7 before.
		expect(asked.filter((a) => a.programme === la.programme.slug).slice(-2)).toEqual([
			{ programme: la.programme.slug, from: '2027-03-08', to: '2027-03-14' },
			{ programme: la.programme.slug, from: '2027-03-01', to: '2027-03-07' },
		])
	})

	test('someone who no longer coordinates the programme gets nothing', async () => {
		const { coordinator, programme: row } = await subscribedCoordinator('UTC')
		const { programmeCoordinators } = await import('../../db/schema')
		await getDb().delete(programmeCoordinators).where(eq(programmeCoordinators.programmeId, row.id))
		await sendWeeklyReports(new Date('2027-03-08T08:00:00Z'), fakeReports({}).build)
		expect(await digestsTo(coordinator.user.id)).toEqual([])
	})
})

test('the worker runs it every 15 minutes, so each zone has its Monday 08:00 hour covered', () => {
	expect(jobs).toContain(weeklyReportsJob)
	expect(weeklyReportsJob.cron).toBe('*/15 * * * *')
})

describe('two workers at once', () => {
	test('four concurrent runs at the same instant queue exactly one email per subscription', async () => {
		const subscribers = await Promise.all([subscribedCoordinator('Europe/Paris', 'Ana'), subscribedCoordinator('Europe/Paris', 'Ben')])
		const instant = new Date('2027-03-22T07:15:00Z') // 08:15 in Paris
		const counts = await Promise.all([1, 2, 3, 4].map(() => sendWeeklyReports(instant, fakeReports({}).build)))
		expect(counts.reduce((a, b) => a + b, 0)).toBe(2)
		for (const { coordinator } of subscribers) expect(await digestsTo(coordinator.user.id)).toHaveLength(1)
	})

	test('the outbox key refuses a second email for the same coordinator, programme and week even if the week were claimed again', async () => {
		const { coordinator, programme: row } = await subscribedCoordinator('UTC')
		await sendWeeklyReports(new Date('2027-03-08T08:00:00Z'), fakeReports({}).build)
		await getDb().update(reportDigestSubscriptions).set({ lastSentWeek: null }).where(eq(reportDigestSubscriptions.programmeId, row.id))
		expect(await sendWeeklyReports(new Date('2027-03-08T08:30:00Z'), fakeReports({}).build)).toBe(0)
		expect(await digestsTo(coordinator.user.id)).toHaveLength(1)
	})
})

describe('the email', () => {
	test('names the programme and the week, shows each number beside the week before, links to the report and unsubscribes', async () => {
		const { coordinator, programme: row } = await subscribedCoordinator('Asia/Kolkata')
		const { build } = fakeReports({
			// 1–7 March 2027: 2 + 3 + 1 registrations, 4 matches, 9 sessions, 4.5 average, 1 lapsed.
			'2027-03-01': { registrations: [2, 3, 1], confirmed: 4, lapsed: 1, sessions: 9, average: 4.5 },
			// 22–28 February: 4 registrations, 5 matches, 6 sessions, no rating, 3 lapsed.
			'2027-02-22': { registrations: [4], confirmed: 5, lapsed: 3, sessions: 6, average: null },
		})
		await sendWeeklyReports(new Date('2027-03-08T03:00:00Z'), build)
		const [email] = await digestsTo(coordinator.user.id)
		expect(email!.subject).toBe(`${row.name} weekly report: 1–7 March 2027`)
		expect(email!.category).toBe('transactional')
		const text = email!.text.replace(/\s+/g, ' ')
		expect(text).toContain('Registrations: 6 (week before: 4; +2)')
		expect(text).toContain('Matches: 4 (week before: 5; −1)')
		expect(text).toContain('Sessions held: 9 (week before: 6; +3)')
		expect(text).toContain('Feedback average (1–5): 4.5 (week before: none; –)')
		expect(text).toContain('Lapsed relationships: 1 (week before: 3; −2)')
		expect(text).toContain('22–28 February 2027')
		expect(email!.html).toContain(`/admin/programmes/${row.slug}/report`)

		const token = digestUnsubscribeToken(coordinator.user.id, row.id)
		expect(email!.headers['List-Unsubscribe']).toContain(`/unsubscribe/${token}`)
		expect(email!.html).toContain(`/unsubscribe/${token}`)
		const asks = await unsubscribePage.loader({ request: new Request(`http://localhost:3000/unsubscribe/${token}`), context: { ip: '203.0.113.7', responseCookies: [] }, params: { token } })
		expect(asks.label).toBe(`The weekly report of ${row.name}`)
		const done = await unsubscribePage.action({
			request: new Request(`http://localhost:3000/unsubscribe/${token}`, { method: 'POST' }),
			context: { ip: '203.0.113.7', responseCookies: [] },
			params: { token },
		})
		expect(done).toEqual({ done: true })
		expect(await getDb().select().from(reportDigestSubscriptions).where(eq(reportDigestSubscriptions.programmeId, row.id))).toEqual([])
		// A forged link is refused.
		await expect(
			unsubscribePage.loader({ request: new Request('http://localhost:3000/unsubscribe/x'), context: { ip: '203.0.113.7', responseCookies: [] }, params: { token: `${token.slice(0, -2)}xx` } }),
		).rejects.toMatchObject({ status: 404 })
	})

	test('with the real programme report: registrations made in each week, in the programme zone', async () => {
		const { coordinator, programme: row } = await subscribedCoordinator('UTC')
		const people = await Promise.all([1, 2, 3].map(() => member()))
		const made = ['2027-03-02T10:00:00Z', '2027-03-07T22:00:00Z', '2027-02-25T10:00:00Z']
		for (const [i, p] of people.entries()) {
			const r = await registration({ programmeId: row.id, userId: p.user.id, status: 'searching' })
			await getDb().update(registrations).set({ createdAt: new Date(made[i]!) }).where(eq(registrations.id, r.id))
		}
		await sendWeeklyReports(new Date('2027-03-08T08:00:00Z'))
		const [email] = await getDb().select().from(emailOutbox).where(like(emailOutbox.dedupeKey, `weekly_report:${coordinator.user.id}:%`))
		expect(email!.text.replace(/\s+/g, ' ')).toContain('Registrations: 2 (week before: 1; +1)')
	})
})
