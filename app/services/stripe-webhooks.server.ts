import { getDb } from '../../db/client'
import { processedStripeEvents } from '../../db/schema'
import { DomainError } from '../utils/errors'
import { applyCheckout, fetchCheckout } from './bundle-purchase.server'
import { applyAccountState } from './connect.server'
import { reconcileChargeRefunded } from './refunds.server'
import { getStripe, verifyWebhook, type Stripe } from './stripe.server'

/**
 * `POST /webhooks/stripe`. The signature is checked on the raw body first (a bad one writes
 * nothing). Events may come twice, late, or out of order, so each handler re-reads the object from
 * Stripe, and the event's id is recorded in the same transaction as its work: a duplicate finds
 * the id taken and does nothing; a failure records nothing, so Stripe's retry does the work.
 */

type Outcome = 'processed' | 'duplicate' | 'ignored'

/** Reads what the event is about, as Stripe holds it now; null for events Mentora does not act on. */
async function fetchSubject(event: Stripe.Event) {
	switch (event.type) {
		case 'checkout.session.completed':
		case 'checkout.session.async_payment_succeeded':
		case 'checkout.session.async_payment_failed':
			return { kind: 'checkout' as const, snapshot: await fetchCheckout(event.data.object.id) }
		case 'charge.refunded':
			return { kind: 'charge' as const, charge: await getStripe().charges.retrieve(event.data.object.id) }
		case 'account.updated':
			return { kind: 'account' as const, account: await getStripe().accounts.retrieve(event.data.object.id) }
		default:
			return null
	}
}

export async function handleStripeWebhook(payload: string, signature: string | null, now: Date): Promise<Outcome> {
	let event: Stripe.Event
	try {
		event = verifyWebhook(payload, signature)
	} catch {
		throw new DomainError('invalid_signature', 'The Stripe-Signature header does not match this payload.')
	}
	const subject = await fetchSubject(event)
	if (!subject) return 'ignored'

	return getDb().transaction(async (tx) => {
		const [fresh] = await tx
			.insert(processedStripeEvents)
			.values({ eventId: event.id, type: event.type, processedAt: now })
			.onConflictDoNothing()
			.returning()
		if (!fresh) return 'duplicate'
		if (subject.kind === 'checkout') await applyCheckout(tx, subject.snapshot, event.type, now)
		if (subject.kind === 'charge') await reconcileChargeRefunded(tx, subject.charge, now)
		if (subject.kind === 'account') await applyAccountState(tx, subject.account, now)
		return 'processed'
	})
}
