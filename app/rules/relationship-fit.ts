/**
 * "Is this a good fit?" (PRODUCT.md "Relationships and matching", programme relationships), pure:
 * after the first completed session of a programme relationship each side is asked whether the
 * match is a good fit. One answer per person per relationship, which they may change until the
 * relationship ends; "not a good fit" puts the relationship on the coordinator's follow-up list.
 */
import { z } from 'zod'
import { FIT_ANSWERS, type FitAnswer } from '../../db/schema/relationship-fit'
import type { Verdict } from './booking-rules'

export { FIT_ANSWERS, type FitAnswer }

export const FIT_LABELS: Record<FitAnswer, string> = {
	good_fit: 'Good fit',
	still_deciding: 'Still deciding',
	not_a_good_fit: 'Not a good fit',
}

export const FitSchema = z.object({
	answer: z.enum(FIT_ANSWERS, { errorMap: () => ({ message: 'Choose good fit, still deciding or not a good fit.' }) }),
})
export type FitInput = z.infer<typeof FitSchema>

/** "changeable until the relationship ends": the question is open while it is pending or confirmed. */
export const FIT_OPEN_STATUSES = ['pending', 'confirmed'] as const

type Relationship = { mentorId: string; menteeId: string; status: string; programmeId: string | null }

/** Whether the question is this person's to answer at all: a programme relationship's two people. */
export function isAskedOf(relationship: Relationship, userId: string): boolean {
	return relationship.programmeId !== null && (relationship.mentorId === userId || relationship.menteeId === userId)
}

/**
 * Whether this person may answer now. Anyone else learns nothing of the relationship (not_found);
 * the question comes once a session of the pair is completed, and closes when the relationship ends.
 */
export function fitVerdict(relationship: Relationship, raterId: string, hasCompletedSession: boolean): Verdict {
	if (!isAskedOf(relationship, raterId)) return { ok: false, code: 'not_found', message: 'That relationship does not exist.' }
	if (!(FIT_OPEN_STATUSES as readonly string[]).includes(relationship.status)) {
		return { ok: false, code: 'invalid_transition', message: `This relationship is ${relationship.status}: the fit question closed when it ended.` }
	}
	if (!hasCompletedSession) return { ok: false, code: 'not_yet', message: 'You are asked whether this is a good fit after your first session together.' }
	return { ok: true }
}
