import { and, eq, gte, inArray, lt } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { sessionFeedback, sessions } from '../../db/schema'
import { feedbackVerdict, summariseFeedback, type FeedbackInput, type FeedbackSummary } from '../rules/feedback'
import { DomainError } from '../utils/errors'
import { isUniqueViolation } from './accounts.server'
import { ensure } from './session-lifecycle.server'

export type GivenFeedback = { id: string; sessionId: string; rating: number; comment: string | null; createdAt: string }

const toGiven = (row: typeof sessionFeedback.$inferSelect): GivenFeedback => ({
	id: row.id,
	sessionId: row.sessionId,
	rating: row.rating,
	comment: row.comment,
	createdAt: row.createdAt.toISOString(),
})

/**
 * One person's rating of a completed session they were part of. The session row is read under a
 * share lock, and the unique index decides when the same person rates twice at the same instant.
 */
export async function giveFeedback(input: FeedbackInput & { sessionId: string; raterId: string; now: Date }): Promise<GivenFeedback> {
	try {
		return await getDb().transaction(async (tx) => {
			const [session] = await tx
				.select({ status: sessions.status, mentorId: sessions.mentorId, menteeId: sessions.menteeId })
				.from(sessions)
				.where(eq(sessions.id, input.sessionId))
				.for('share')
			if (!session) throw new DomainError('not_found', 'That session does not exist.')
			const [given] = await tx
				.select({ id: sessionFeedback.id })
				.from(sessionFeedback)
				.where(and(eq(sessionFeedback.sessionId, input.sessionId), eq(sessionFeedback.raterId, input.raterId)))
			ensure(feedbackVerdict(session, input.raterId, Boolean(given)))
			const [row] = await tx
				.insert(sessionFeedback)
				.values({ sessionId: input.sessionId, raterId: input.raterId, rating: input.rating, comment: input.comment, createdAt: input.now })
				.returning()
			return toGiven(row!)
		})
	} catch (error) {
		if (isUniqueViolation(error, 'session_feedback_one_per_rater')) throw new DomainError('already_given', 'You have already rated this session.')
		throw error
	}
}

/** The viewer's own ratings of these sessions, by session id (for My sessions). */
export async function feedbackGivenBy(raterId: string, sessionIds: readonly string[]): Promise<Map<string, GivenFeedback>> {
	if (sessionIds.length === 0) return new Map()
	const rows = await getDb()
		.select()
		.from(sessionFeedback)
		.where(and(eq(sessionFeedback.raterId, raterId), inArray(sessionFeedback.sessionId, [...sessionIds])))
	return new Map(rows.map((row) => [row.sessionId, toGiven(row)]))
}

/** What mentees said of this mentor's sessions (their own ratings of mentees are not counted). */
export async function mentorFeedbackSummary(mentorId: string, range?: { from: Date; to: Date }): Promise<FeedbackSummary> {
	const rows = await getDb()
		.select({ rating: sessionFeedback.rating })
		.from(sessionFeedback)
		.innerJoin(sessions, eq(sessions.id, sessionFeedback.sessionId))
		.where(
			and(
				eq(sessions.mentorId, mentorId),
				eq(sessionFeedback.raterId, sessions.menteeId),
				range ? gte(sessions.startsAt, range.from) : undefined,
				range ? lt(sessions.startsAt, range.to) : undefined,
			),
		)
	return summariseFeedback(rows.map((row) => row.rating))
}
