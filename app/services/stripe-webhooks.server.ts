import { z } from 'zod'
import { getDb } from '../../db/client'
import { processedStripeEvents } from '../../db/schema'
import { DomainError } from '../utils/errors'
import { applyCheckout, fetchCheckout, fetchCheckoutOfCharge } from './bundle-purchase.server'
import { applyAccountState } from './connect.server'
import { reconcileChargeRefunded } from './refunds.server'
import { getStripe, verifyWebhook, WebhookVerificationError, type Stripe } from './stripe.server'

/**
 * `POST /webhooks/stripe`. The signature is checked on the raw body first (a bad one writes
 * nothing). Events may come twice, late, or out of order, so each handler re-reads the object from
 * Stripe, and the event's id is recorded in the same transaction as its work: a duplicate finds
 * the id taken and does nothing; a failure records nothing, so Stripe's retry does the work.
 *
 * A signed event is still checked for shape before anything uses it: an event without an id or an
 * object, or an object id that is not one Stripe would make, is refused with 400 and never reaches
 * a Stripe request path. An event about an object Stripe does not know is acknowledged, as retrying
 * it could never succeed.
 */

type Outcome = 'processed' | 'duplicate' | 'ignored' | 'unknown_object'

/** Stripe ids are a short prefix, an underscore and letters, digits or underscores; nothing else may reach a URL. */
const stripeId = (...prefixes: string[]) =>
	z
		.string()
		.max(255)
		.regex(new RegExp(`^(${prefixes.join('|')})_[A-Za-z0-9_]+$`))

const EventEnvelopeSchema = z.object({
	id: stripeId('evt'),
	type: z.string().min(1).max(200),
	data: z.object({ object: z.object({}).passthrough() }),
})

const SUBJECT_IDS = {
	'checkout.session.completed': stripeId('cs'),
	'checkout.session.async_payment_succeeded': stripeId('cs'),
	'checkout.session.async_payment_failed': stripeId('cs'),
	'charge.refunded': stripeId('ch', 'py'),
	'account.updated': stripeId('acct'),
} as const

type HandledType = keyof typeof SUBJECT_IDS
const isHandled = (type: string): type is HandledType => Object.hasOwn(SUBJECT_IDS, type)

function refuse(event: { id?: unknown; type?: unknown }, reason: string): never {
	console.warn('[stripe-webhook] refused', JSON.stringify({ id: event.id, type: event.type, reason }))
	throw new DomainError('invalid_webhook_event', `This event cannot be processed: ${reason}.`)
}

/** Reads what the event is about, as Stripe holds it now. */
async function fetchSubject(type: HandledType, id: string) {
	switch (type) {
		case 'checkout.session.completed':
		case 'checkout.session.async_payment_succeeded':
		case 'checkout.session.async_payment_failed':
			return { kind: 'checkout' as const, snapshot: await fetchCheckout(id) }
		case 'charge.refunded': {
			const charge = await getStripe().charges.retrieve(id)
			return { kind: 'charge' as const, charge, checkout: await fetchCheckoutOfCharge(charge) }
		}
		case 'account.updated':
			return { kind: 'account' as const, account: await getStripe().accounts.retrieve(id) }
	}
}

const isResourceMissing = (error: unknown) => (error as { code?: string; statusCode?: number })?.code === 'resource_missing'

export async function handleStripeWebhook(payload: string, signature: string | null, now: Date): Promise<Outcome> {
	let verified: Stripe.Event
	try {
		verified = verifyWebhook(payload, signature)
	} catch (error) {
		if (!(error instanceof WebhookVerificationError)) throw error
		if (error.refusal === 'webhook_timestamp_out_of_tolerance') {
			throw new DomainError('webhook_timestamp_out_of_tolerance', 'The Stripe-Signature timestamp is too far from the current time.')
		}
		if (error.refusal === 'invalid_webhook_event') refuse({}, 'its body is not JSON')
		throw new DomainError('invalid_signature', 'The Stripe-Signature header does not match this payload.')
	}
	const raw = verified as unknown as { id?: unknown; type?: unknown }
	const envelope = EventEnvelopeSchema.safeParse(verified)
	if (!envelope.success) refuse(raw, 'it lacks a valid id, type or data.object')
	const event = envelope.data
	if (!isHandled(event.type)) return 'ignored'
	const subjectId = SUBJECT_IDS[event.type].safeParse(event.data.object.id)
	if (!subjectId.success) refuse(raw, `data.object.id is not a Stripe id for ${event.type}`)

	let subject: Awaited<ReturnType<typeof fetchSubject>>
	try {
		subject = await fetchSubject(event.type, subjectId.data)
	} catch (error) {
		if (!isResourceMissing(error)) throw error
		console.warn('[stripe-webhook] acknowledged, object unknown to Stripe', JSON.stringify({ id: event.id, type: event.type, object: subjectId.data }))
		return 'unknown_object'
	}

	return getDb().transaction(async (tx) => {
		const [fresh] = await tx
			.insert(processedStripeEvents)
			.values({ eventId: event.id, type: event.type, processedAt: now })
			.onConflictDoNothing()
			.returning()
		if (!fresh) return 'duplicate'
		if (subject.kind === 'checkout') await applyCheckout(tx, subject.snapshot, event.type, now)
		if (subject.kind === 'charge') {
			// The payment itself first, if its own event has not been processed yet, then the refund.
			if (subject.checkout) await applyCheckout(tx, subject.checkout, event.type, now)
			await reconcileChargeRefunded(tx, subject.charge, now)
		}
		if (subject.kind === 'account') await applyAccountState(tx, subject.account, now)
		return 'processed'
	})
}
