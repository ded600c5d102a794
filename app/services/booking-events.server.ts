import { type Transaction } from '../../db/client'

/**
 * What the booking service tells the rest of the app, inside the transaction that made the change:
 * emails (outbox rows) and jobs (payouts) subscribe here, so they exist only if the change commits.
 */
export type BookingEvent =
	| { type: 'invitation_received' | 'invitation_accepted' | 'invitation_rejected'; sessionId: string }
	| { type: 'session_booked' | 'session_cancelled'; sessionId: string }
	| { type: 'session_confirmed'; sessionId: string; payoutDue: boolean }
	| { type: 'continuation_approved'; sessionId: string; relationshipId: string }
	| { type: 'awaiting_confirmation' | 'invitations_expired'; sessionIds: string[] }

type Listener = (tx: Transaction, event: BookingEvent) => Promise<void>

const store = globalThis as unknown as { __mentoraBookingListeners?: Set<Listener> }
const listeners = (store.__mentoraBookingListeners ??= new Set())

/** Subscribes to booking events; returns the unsubscribe function. */
export function onBookingEvent(listener: Listener): () => void {
	listeners.add(listener)
	return () => listeners.delete(listener)
}

export async function publishBookingEvent(tx: Transaction, event: BookingEvent): Promise<void> {
	for (const listener of listeners) await listener(tx, event)
}
