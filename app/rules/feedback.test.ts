import { describe, expect, it } from 'vitest'
import { FeedbackSchema, feedbackVerdict, summariseFeedback } from './feedback'

const session = { status: 'completed' as const, mentorId: 'mentor', menteeId: 'mentee' }

describe('feedbackVerdict', () => {
	it('lets either person rate a completed session once', () => {
		expect(feedbackVerdict(session, 'mentor', false)).toEqual({ ok: true })
		expect(feedbackVerdict(session, 'mentee', false)).toEqual({ ok: true })
		expect(feedbackVerdict(session, 'mentee', true)).toMatchObject({ ok: false, code: 'already_given' })
	})

	it('refuses anyone else, even before asking whether it is completed', () => {
		expect(feedbackVerdict({ ...session, status: 'scheduled' }, 'stranger', false)).toMatchObject({ ok: false, code: 'not_allowed' })
	})

	it.each(['pending', 'scheduled', 'awaiting_confirmation', 'cancelled', 'no_show_mentee', 'no_show_mentor'] as const)('refuses a %s session', (status) => {
		expect(feedbackVerdict({ ...session, status }, 'mentee', false)).toMatchObject({ ok: false, code: 'not_completed' })
	})
})

describe('summariseFeedback', () => {
	it('is zeros and no average when nobody rated', () => {
		expect(summariseFeedback([])).toEqual({ average: null, count: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } })
	})

	it('averages to one decimal and counts each rating', () => {
		// (5 + 4 + 4 + 2) / 4 = 3.75 → 3.8
		expect(summariseFeedback([5, 4, 4, 2])).toEqual({ average: 3.8, count: 4, distribution: { 1: 0, 2: 1, 3: 0, 4: 2, 5: 1 } })
	})

	it('ignores values that are not ratings', () => {
		expect(summariseFeedback([3, 0, 6, 2.5])).toMatchObject({ average: 3, count: 1 })
	})
})

describe('FeedbackSchema', () => {
	it('takes a whole number and drops a blank comment', () => {
		expect(FeedbackSchema.parse({ rating: 4, comment: '   ' })).toEqual({ rating: 4, comment: null })
		expect(FeedbackSchema.parse({ rating: 5 })).toEqual({ rating: 5, comment: null })
	})

	it.each([0, 6, 3.5, '4', 'five', true, null])('refuses the rating %s', (rating) => {
		expect(FeedbackSchema.safeParse({ rating }).success).toBe(false)
	})

	it('refuses a comment over 2000 characters', () => {
		expect(FeedbackSchema.safeParse({ rating: 3, comment: 'x'.repeat(2001) }).success).toBe(false)
	})
})
