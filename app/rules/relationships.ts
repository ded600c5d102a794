/**
 * The relationship rules of PRODUCT.md "Relationships and matching", pure: "it becomes `confirmed`
 * only when both sides confirm … Either side may decline while pending, with an optional note."
 */
import type { Verdict } from './booking-rules'

export type RelationshipSide = 'mentor' | 'mentee'
type Pair = { mentorId: string; menteeId: string }
type Pending = Pair & { status: string; mentorConfirmedAt: Date | null; menteeConfirmedAt: Date | null }

export const NOTE_MAX_LENGTH = 2000

/** Which side of the relationship this person is on; null for anyone else (an admin included). */
export function sideOf(relationship: Pair, userId: string): RelationshipSide | null {
	if (relationship.mentorId === userId) return 'mentor'
	if (relationship.menteeId === userId) return 'mentee'
	return null
}

export function checkParty(side: RelationshipSide | null): Verdict {
	return side ? { ok: true } : { ok: false, code: 'not_allowed', message: 'Only the mentor or the mentee of this relationship may answer it.' }
}

export function checkPending(status: string): Verdict {
	return status === 'pending'
		? { ok: true }
		: { ok: false, code: 'invalid_transition', message: `This relationship is ${status}: only a pending one can be confirmed or declined.` }
}

/** The confirmations after `side` says yes, and whether that makes the agreement two-way. */
export function afterConfirmation(relationship: Pending, side: RelationshipSide, now: Date) {
	const mentorConfirmedAt = relationship.mentorConfirmedAt ?? (side === 'mentor' ? now : null)
	const menteeConfirmedAt = relationship.menteeConfirmedAt ?? (side === 'mentee' ? now : null)
	return { mentorConfirmedAt, menteeConfirmedAt, confirmed: mentorConfirmedAt !== null && menteeConfirmedAt !== null }
}

/**
 * "either side may end it, with a note" (a mentor who can no longer mentor, a mentee who got what
 * they came for); an admin (or the coordinator of its programme) may too, and must say why, since
 * the two people did not choose it.
 */
export function checkCanEnd(input: { side: RelationshipSide | null; isAdmin: boolean; status: string; note: string }): Verdict {
	if (!input.side && !input.isAdmin) return { ok: false, code: 'not_allowed', message: 'Only the mentor, the mentee, an admin or its programme’s coordinator may end this relationship.' }
	if (input.status !== 'confirmed') {
		return { ok: false, code: 'invalid_transition', message: `This relationship is ${input.status}: only a confirmed one can be ended.` }
	}
	if (!input.side && !input.note) return { ok: false, code: 'validation_failed', message: 'Give a reason for ending it.', fields: { reason: ['Give a reason for ending it.'] } }
	if (input.note.length > NOTE_MAX_LENGTH) {
		return { ok: false, code: 'validation_failed', message: 'The note is too long.', fields: { reason: [`Use at most ${NOTE_MAX_LENGTH} characters.`] } }
	}
	return { ok: true }
}

/** One request per person per relationship, whoever asks first (the other side, or an admin's proposal). */
export const matchRequestKey = (relationshipId: string, userId: string) => `match_to_confirm:${relationshipId}:${userId}`
