/**
 * Session feedback (PRODUCT.md "Reports and exports"), pure: after a completed session each side
 * may rate it once, 1–5 with an optional comment. The summary is what reports and a mentor's own
 * numbers show: never NaN, zeros when nobody has rated yet.
 */
import { z } from 'zod'
import type { SessionStatus } from '../../db/schema/bookings'
import type { Verdict } from './booking-rules'

export const FEEDBACK_RATINGS = [1, 2, 3, 4, 5] as const
export type FeedbackRating = (typeof FEEDBACK_RATINGS)[number]
export const FEEDBACK_COMMENT_MAX_LENGTH = 2000

export const RATING_LABELS: Record<FeedbackRating, string> = {
	1: 'Poor',
	2: 'Fair',
	3: 'Good',
	4: 'Very good',
	5: 'Excellent',
}

/** A blank comment is no comment. Forms give the rating as text, which conform turns into the number. */
export const FeedbackSchema = z.object({
	rating: z
		.number({ required_error: 'Choose a rating from 1 to 5.', invalid_type_error: 'Choose a rating from 1 to 5.' })
		.int('Choose a rating from 1 to 5.')
		.min(1, 'Choose a rating from 1 to 5.')
		.max(5, 'Choose a rating from 1 to 5.'),
	comment: z
		.string({ invalid_type_error: 'The comment is text.' })
		.trim()
		.max(FEEDBACK_COMMENT_MAX_LENGTH, `Use at most ${FEEDBACK_COMMENT_MAX_LENGTH} characters.`)
		.nullish()
		.transform((value) => (value ? value : null)),
})
export type FeedbackInput = z.infer<typeof FeedbackSchema>

/** Whether this person may rate this session now. */
export function feedbackVerdict(
	session: { status: SessionStatus; mentorId: string; menteeId: string },
	raterId: string,
	alreadyGiven: boolean,
): Verdict {
	if (raterId !== session.mentorId && raterId !== session.menteeId) {
		return { ok: false, code: 'not_allowed', message: 'Only the two people of a session can rate it.' }
	}
	if (session.status !== 'completed') {
		return { ok: false, code: 'not_completed', message: 'A session can be rated once it has taken place and is confirmed.' }
	}
	if (alreadyGiven) return { ok: false, code: 'already_given', message: 'You have already rated this session.' }
	return { ok: true }
}

export type FeedbackSummary = { average: number | null; count: number; distribution: Record<FeedbackRating, number> }

/** Average (to one decimal, null with no ratings), count and how many of each rating. */
export function summariseFeedback(ratings: readonly number[]): FeedbackSummary {
	return summariseRatingCounts(ratings.map((rating) => ({ rating, n: 1 })))
}

/** The same summary from ratings already counted (`n` of each), as SQL's `group by rating` gives them. */
export function summariseRatingCounts(counts: readonly { rating: number; n: number }[]): FeedbackSummary {
	const distribution: Record<FeedbackRating, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }
	let sum = 0
	let count = 0
	for (const { rating, n } of counts) {
		if (!FEEDBACK_RATINGS.includes(rating as FeedbackRating)) continue
		distribution[rating as FeedbackRating] += n
		sum += rating * n
		count += n
	}
	return { average: count === 0 ? null : Math.round((sum / count) * 10) / 10, count, distribution }
}
