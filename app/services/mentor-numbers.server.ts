import { and, eq, gte, lt, ne, sql } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { getDb } from '../../db/client'
import { payouts, sessions } from '../../db/schema'
import { type FeedbackSummary } from '../rules/feedback'
import { mentorFeedbackSummary } from './session-feedback.server'

export type MentorNumbers = {
	/** 'YYYY-MM' of the month counted, in the mentor's zone. */
	month: string
	sessionsHeld: number
	/** What this month's held sessions earn the mentor, per currency (a payout that was cancelled earns nothing). */
	earnings: { currency: string; cents: number }[]
	feedback: FeedbackSummary
}

/** A mentor's own numbers for the calendar month `now` falls in, in their zone: on /payouts and the dashboard. */
export async function getMentorNumbers(mentorId: string, zone: string, now: Date): Promise<MentorNumbers> {
	const start = DateTime.fromJSDate(now, { zone }).startOf('month')
	const from = start.toJSDate()
	const to = start.plus({ months: 1 }).toJSDate()
	const inMonth = and(eq(sessions.mentorId, mentorId), gte(sessions.startsAt, from), lt(sessions.startsAt, to))
	const db = getDb()
	const [[held], earnings, feedback] = await Promise.all([
		db.select({ n: sql<number>`count(*)::int` }).from(sessions).where(and(inMonth, eq(sessions.status, 'completed'))),
		db
			.select({ currency: payouts.currency, cents: sql<number>`sum(${payouts.amountCents})::int` })
			.from(payouts)
			.innerJoin(sessions, eq(sessions.id, payouts.sessionId))
			.where(and(inMonth, ne(payouts.status, 'cancelled')))
			.groupBy(payouts.currency)
			.orderBy(payouts.currency),
		mentorFeedbackSummary(mentorId),
	])
	return { month: start.toFormat('yyyy-MM'), sessionsHeld: held?.n ?? 0, earnings, feedback }
}
