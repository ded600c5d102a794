/**
 * Disputed no-shows (PRODUCT.md "Confirmation after a session"), pure: "a mentor's 'mentee did not
 * show' consumes the credit and pays out": the mentee is told and may dispute it within 48 hours;
 * a disputed outcome holds the payout until an admin decides.
 */
export const DISPUTE_WINDOW_MS = 48 * 60 * 60 * 1000
export const DISPUTE_NOTE_MAX_LENGTH = 2000

/** Until when the mentee may dispute an outcome recorded at `recordedAt`. */
export const disputableUntil = (recordedAt: Date) => new Date(recordedAt.getTime() + DISPUTE_WINDOW_MS)

export type DisputeDecision = 'upheld' | 'overturned'

/**
 * What an admin's decision does: `upheld`, the mentor's outcome stands and the payout goes out;
 * `overturned`, the mentee is believed: the mentor did not show, the credit comes back and nothing is paid.
 */
export function effectOfDecision(decision: DisputeDecision) {
	return decision === 'upheld'
		? ({ status: 'no_show_mentee', payout: 'release', credit: 'kept' } as const)
		: ({ status: 'no_show_mentor', payout: 'cancel', credit: 'returned' } as const)
}

/** Where a session's outcome stands as to disputes, for its pages: open to dispute until a time, disputed, decided, or none of these. */
export type DisputeState =
	| { state: 'disputable'; until: string }
	| { state: 'disputed'; note: string }
	| { state: 'decided'; decision: DisputeDecision }
	| null

export function disputeStateOf(
	session: { disputedAt: Date | null; disputeNote: string | null; disputeDecision: DisputeDecision | null },
	payout: { status: string; disputableUntil: Date | null } | null,
	now: Date,
): DisputeState {
	if (session.disputeDecision) return { state: 'decided', decision: session.disputeDecision }
	if (session.disputedAt) return { state: 'disputed', note: session.disputeNote ?? '' }
	if (payout?.status === 'disputable' && payout.disputableUntil && payout.disputableUntil > now) return { state: 'disputable', until: payout.disputableUntil.toISOString() }
	return null
}
