import { and, eq, isNull, ne, or } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { programmeCoordinators, programmes, reportDigestSubscriptions, users } from '../../db/schema'
import { digestDue, digestLines } from '../rules/report-digest'
import { DomainError } from '../utils/errors'
import { digestUnsubscribeUrl } from './email-preferences.server'
import { queueEmail } from './outbox.server'
import { buildProgrammeReport, type ReportProgramme } from './programme-report.server'

/**
 * The weekly report email a programme's coordinators subscribe to: one subscription per coordinator
 * and programme, set from the programme's admin page and ended by the link in the email. The job
 * sends each subscription's email once per ISO week (of the Monday, in the coordinator's zone).
 */

/** Coordinators only (an admin who coordinates the programme is one): the digest is about their own programme. */
async function ensureCoordinator(userId: string, programmeId: string) {
	const [row] = await getDb()
		.select({ userId: programmeCoordinators.userId })
		.from(programmeCoordinators)
		.where(and(eq(programmeCoordinators.programmeId, programmeId), eq(programmeCoordinators.userId, userId)))
	if (!row) throw new DomainError('not_allowed', "Only the programme's coordinators can subscribe to its weekly report.")
}

export async function isSubscribedToDigest(userId: string, programmeId: string): Promise<boolean> {
	const [row] = await getDb()
		.select({ userId: reportDigestSubscriptions.userId })
		.from(reportDigestSubscriptions)
		.where(and(eq(reportDigestSubscriptions.userId, userId), eq(reportDigestSubscriptions.programmeId, programmeId)))
	return Boolean(row)
}

/** The checkbox on the programme's admin page; ticking it twice keeps one subscription. */
export async function setDigestSubscription(input: { userId: string; programmeId: string; subscribed: boolean; now: Date }): Promise<void> {
	await ensureCoordinator(input.userId, input.programmeId)
	if (input.subscribed) {
		await getDb().insert(reportDigestSubscriptions).values({ userId: input.userId, programmeId: input.programmeId, createdAt: input.now }).onConflictDoNothing()
	} else {
		await unsubscribeFromDigest(input.userId, input.programmeId)
	}
}

/** How the unsubscribe page names the weekly report of this programme. */
export async function digestName(programmeId: string): Promise<string> {
	const [programme] = await getDb().select({ name: programmes.name }).from(programmes).where(eq(programmes.id, programmeId))
	return `The weekly report of ${programme?.name ?? 'a programme'}`
}

/** The email's link: anyone holding it ends that one subscription, no sign-in needed. */
export async function unsubscribeFromDigest(userId: string, programmeId: string): Promise<void> {
	await getDb()
		.delete(reportDigestSubscriptions)
		.where(and(eq(reportDigestSubscriptions.userId, userId), eq(reportDigestSubscriptions.programmeId, programmeId)))
}

export type BuildReport = typeof buildProgrammeReport

/**
 * Queues the weekly report of every subscription that is due now (Monday 08:00–08:59 in the
 * coordinator's zone) and not yet sent for that week, each in one transaction: the subscription's
 * week is claimed by a conditional update, which a second worker running at once waits on and then
 * finds already claimed, and the outbox's unique dedupe key per coordinator, programme and week
 * holds it too. A coordinator no longer coordinating the programme gets nothing. Returns how many
 * emails were queued.
 */
export async function sendWeeklyReports(now: Date, build: BuildReport = buildProgrammeReport): Promise<number> {
	const db = getDb()
	const candidates = await db
		.select({
			userId: reportDigestSubscriptions.userId,
			timeZone: users.timeZone,
			lastSentWeek: reportDigestSubscriptions.lastSentWeek,
			programme: { id: programmes.id, name: programmes.name, slug: programmes.slug, timeZone: programmes.timeZone, lapseDays: programmes.lapseDays },
		})
		.from(reportDigestSubscriptions)
		.innerJoin(users, eq(users.id, reportDigestSubscriptions.userId))
		.innerJoin(programmes, eq(programmes.id, reportDigestSubscriptions.programmeId))
		.innerJoin(
			programmeCoordinators,
			and(eq(programmeCoordinators.programmeId, reportDigestSubscriptions.programmeId), eq(programmeCoordinators.userId, reportDigestSubscriptions.userId)),
		)
	let queued = 0
	for (const candidate of candidates) {
		const due = digestDue(now, candidate.timeZone)
		if (!due || candidate.lastSentWeek === due.week) continue
		if (await sendOne(candidate.userId, candidate.programme, due, now, build)) queued += 1
	}
	return queued
}

async function sendOne(userId: string, programme: ReportProgramme, due: NonNullable<ReturnType<typeof digestDue>>, now: Date, build: BuildReport) {
	return getDb().transaction(async (tx) => {
		const [claimed] = await tx
			.update(reportDigestSubscriptions)
			.set({ lastSentWeek: due.week })
			.where(
				and(
					eq(reportDigestSubscriptions.userId, userId),
					eq(reportDigestSubscriptions.programmeId, programme.id),
					or(isNull(reportDigestSubscriptions.lastSentWeek), ne(reportDigestSubscriptions.lastSentWeek, due.week)),
				),
			)
			.returning({ userId: reportDigestSubscriptions.userId })
		if (!claimed) return false
		const [current, previous] = await Promise.all([build({ programme, ...due.current, now }), build({ programme, ...due.previous, now })])
		const id = await queueEmail(tx, {
			to: userId,
			template: 'weekly_report',
			data: { programme: { slug: programme.slug, name: programme.name }, current: due.current, previous: due.previous, lines: digestLines(current.metrics, previous.metrics) },
			dedupeKey: `weekly_report:${userId}:${programme.id}:${due.week}`,
			unsubscribeUrl: digestUnsubscribeUrl(userId, programme.id),
		})
		return id !== null
	})
}
