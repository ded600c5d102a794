/**
 * Programme matching, pure: who may see a mentee's recommendations and ask for a match, and which
 * registrations take part (PRODUCT.md "Relationships and matching", "Programmes and registrations").
 *
 * "A relationship (mentor, mentee) starts `pending` … when a mentee requests a recommended mentor,
 * or when a coordinator proposes a match … (the other side is emailed a request)."
 */
import { z } from 'zod'
import type { MatchingMode, RegistrationStatus } from '../../db/schema/programmes'
import type { Verdict } from './booking-rules'
import type { MatchConstraint } from './matching'

/**
 * Registrations that take part in matching: validated and open, still looking or already mentoring
 * (a mentor may take several mentees, a mentee may have several mentors). Both statuses come only
 * after a coordinator's validation.
 */
export const MATCHABLE_STATUSES = ['searching', 'in_progress'] as const satisfies readonly RegistrationStatus[]

/** A mentee reads a short list to choose from; coordinators may rank the whole programme. */
export const MENTEE_RECOMMENDATION_LIMIT = 10
export const COORDINATOR_RECOMMENDATION_LIMIT = 5000
export const DEFAULT_RECOMMENDATION_LIMIT = 10

/** Who asks: the mentee for themself, or an admin or coordinator of the programme for anyone in it. */
export type MatchActor = 'mentee' | 'coordinator'

export const isMatchable = (status: RegistrationStatus) => (MATCHABLE_STATUSES as readonly string[]).includes(status)

export function recommendationLimit(actor: MatchActor): number {
	return actor === 'mentee' ? MENTEE_RECOMMENDATION_LIMIT : COORDINATOR_RECOMMENDATION_LIMIT
}

/**
 * A mentee's own request: "`self`: mentees pick from their recommendations", and only while
 * "searching" (once matched, further mentors come from the coordinators).
 */
export function checkSelfRequest(mode: MatchingMode, status: RegistrationStatus): Verdict {
	if (mode !== 'self') {
		return {
			ok: false,
			code: 'not_self_matching',
			message: 'In this programme the coordinators propose matches: mentees do not request mentors themselves.',
		}
	}
	if (status !== 'searching') {
		return {
			ok: false,
			code: 'not_searching',
			message: `Your registration is ${status.replace(/_/g, ' ')}: only a searching mentee requests a mentor.`,
		}
	}
	return { ok: true }
}

/** A hard constraint the pair breaks, as the request's refusal. */
export function refusalOf(constraint: MatchConstraint, reason: string): Verdict {
	switch (constraint) {
		case 'no_capacity':
			return {
				ok: false,
				code: 'no_capacity',
				message: 'This mentor has no place left in this programme.',
			}
		case 'live_relationship':
			return {
				ok: false,
				code: 'already_related',
				message: 'These two already have a live relationship.',
			}
		default:
			return {
				ok: false,
				code: 'match_ruled_out',
				message: `This match is ruled out: ${reason}.`,
			}
	}
}

/** A match request: the mentor, and the mentee a coordinator proposes them to (a mentee asking for themself leaves it out). */
export const MatchRequestSchema = z.object({
	mentor: z.string({ required_error: 'Name the mentor.' }).uuid('The mentor is a user id.'),
	mentee: z.string().uuid('The mentee is a user id.').optional(),
})
