import { randomBytes } from 'node:crypto'
import { int, list, obj, str, strings, type FormObject } from './form'

/**
 * The emulator's state: the Stripe objects Mentora uses, kept the way Stripe keeps them, and the
 * events each change produces. Only what Mentora calls is here; anything else answers 404.
 */

export type StripeObject = { id: string; object: string; [key: string]: any }

export class StripeApiError extends Error {
	constructor(
		readonly status: number,
		readonly type: string,
		message: string,
		readonly code?: string,
		readonly param?: string,
	) {
		super(message)
	}
	toJSON() {
		return { error: { type: this.type, message: this.message, ...(this.code ? { code: this.code } : {}), ...(this.param ? { param: this.param } : {}) } }
	}
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
export function stripeId(prefix: string): string {
	const bytes = randomBytes(24)
	return `${prefix}_${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')}`
}

const seconds = (at: number) => Math.floor(at / 1000)
const missing = (kind: string, id: string, param = 'id') =>
	new StripeApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, 'resource_missing', param)
const invalid = (message: string, param?: string, code = 'parameter_invalid') => new StripeApiError(400, 'invalid_request_error', message, code, param)

export type StoreState = {
	objects: Record<string, StripeObject>
	/** What Stripe keeps out of the public shape: a Checkout Session's payment_intent_data. */
	private: Record<string, FormObject>
	events: StripeObject[]
	/** Each Idempotency-Key's first answer, kept beside the objects so a restart forgets neither. */
	idempotency: Record<string, StoredAnswer>
}

/** What a request with an Idempotency-Key answered first: replayed for the same request, refused for another. */
export type StoredAnswer = { fingerprint: string; status: number; body: unknown; at: number }

export type CheckoutOutcome = 'paid' | 'processing' | 'declined'

export class StripeStore {
	constructor(
		readonly state: StoreState,
		private readonly options: { appUrl: string; clock: () => number; emit: (event: StripeObject) => void },
	) {}

	private now() {
		return this.options.clock()
	}

	get(id: string, kind: string): StripeObject {
		const found = this.state.objects[id]
		if (!found || found.object !== kind) throw missing(kind.replace(/_/g, ' '), id)
		return found
	}

	private put(object: StripeObject): StripeObject {
		this.state.objects[object.id] = object
		return object
	}

	private emit(type: string, object: StripeObject) {
		const event: StripeObject = {
			id: stripeId('evt'),
			object: 'event',
			api_version: '2026-10-28.endive',
			created: seconds(this.now()),
			livemode: false,
			pending_webhooks: 1,
			type,
			data: { object: structuredClone(object) },
		}
		this.state.events.push(event)
		this.options.emit(event)
	}

	all(kind: string): StripeObject[] {
		return Object.values(this.state.objects).filter((o) => o.object === kind)
	}

	// Checkout Sessions ----------------------------------------------------------------------------

	createCheckoutSession(p: FormObject): StripeObject {
		if (str(p.mode) !== 'payment') throw invalid('Only mode=payment is emulated.', 'mode')
		const items = list(p.line_items).map((raw) => {
			const item = obj(raw)
			const priceData = obj(item.price_data)
			const unitAmount = int(priceData.unit_amount)
			const quantity = int(item.quantity) ?? 1
			if (unitAmount === undefined || unitAmount < 1) throw invalid('line_items[][price_data][unit_amount] is required.', 'line_items')
			return { currency: str(priceData.currency) ?? '', amount: unitAmount * quantity, name: str(obj(priceData.product_data).name) ?? '', quantity }
		})
		if (items.length === 0) throw invalid('line_items is required in payment mode.', 'line_items')
		const currency = items[0]!.currency.toLowerCase()
		if (!/^[a-z]{3}$/.test(currency)) throw invalid('Invalid currency.', 'line_items[0][price_data][currency]')
		if (!str(p.success_url)) throw invalid('success_url is required.', 'success_url')
		const id = stripeId('cs_test')
		const session = this.put({
			id,
			object: 'checkout.session',
			mode: 'payment',
			status: 'open',
			payment_status: 'unpaid',
			amount_total: items.reduce((sum, i) => sum + i.amount, 0),
			currency,
			client_reference_id: str(p.client_reference_id) ?? null,
			customer_email: str(p.customer_email) ?? null,
			metadata: strings(p.metadata),
			payment_intent: null,
			success_url: str(p.success_url),
			cancel_url: str(p.cancel_url) ?? null,
			url: `${this.options.appUrl}/dev/checkout/${id}`,
			created: seconds(this.now()),
			expires_at: seconds(this.now()) + 24 * 3600,
			line_items_summary: items.map((i) => ({ description: i.name, amount_total: i.amount, quantity: i.quantity })),
		})
		this.state.private[id] = obj(p.payment_intent_data)
		return session
	}

	retrieveCheckoutSession(id: string, expand: string[]): StripeObject {
		const session = structuredClone(this.get(id, 'checkout.session'))
		if (expand.some((e) => e === 'payment_intent' || e.startsWith('payment_intent.')) && session.payment_intent) {
			session.payment_intent = this.retrievePaymentIntent(session.payment_intent, expand.includes('payment_intent.latest_charge') ? ['latest_charge'] : [])
		}
		return session
	}

	/**
	 * What the test-checkout page does: pay (card, succeeds at once), pay by a delayed method
	 * (completes unpaid; the async outcome follows), or a declined card (nothing changes, as on
	 * Stripe's own page, where the buyer may try again).
	 */
	completeCheckout(id: string, outcome: CheckoutOutcome): StripeObject {
		const session = this.get(id, 'checkout.session')
		if (session.status !== 'open') throw invalid(`This Checkout Session is ${session.status}.`, 'id', 'checkout_session_not_open')
		if (outcome === 'declined') throw new StripeApiError(402, 'card_error', 'Your card was declined.', 'card_declined')
		const intentData = this.state.private[id] ?? {}
		const intent = this.put({
			id: stripeId('pi'),
			object: 'payment_intent',
			amount: session.amount_total,
			currency: session.currency,
			status: 'processing',
			latest_charge: null,
			transfer_group: str(intentData.transfer_group) ?? null,
			metadata: strings(intentData.metadata),
			created: seconds(this.now()),
		})
		session.payment_intent = intent.id
		session.status = 'complete'
		if (outcome === 'paid') this.succeedPayment(intent)
		session.payment_status = outcome === 'paid' ? 'paid' : 'unpaid'
		this.emit('checkout.session.completed', session)
		return session
	}

	/** The delayed payment method's verdict, days later on Stripe, at once here. */
	settleAsyncPayment(id: string, succeeded: boolean): StripeObject {
		const session = this.get(id, 'checkout.session')
		if (session.status !== 'complete' || session.payment_status !== 'unpaid') throw invalid('No payment is waiting for this Checkout Session.', 'id')
		const intent = this.get(session.payment_intent, 'payment_intent')
		if (succeeded) {
			this.succeedPayment(intent)
			session.payment_status = 'paid'
			this.emit('checkout.session.async_payment_succeeded', session)
		} else {
			intent.status = 'requires_payment_method'
			this.emit('checkout.session.async_payment_failed', session)
		}
		return session
	}

	private succeedPayment(intent: StripeObject) {
		const charge = this.put({
			id: stripeId('ch'),
			object: 'charge',
			amount: intent.amount,
			amount_captured: intent.amount,
			amount_refunded: 0,
			refunded: false,
			paid: true,
			status: 'succeeded',
			currency: intent.currency,
			payment_intent: intent.id,
			transfer_group: intent.transfer_group,
			metadata: intent.metadata,
			created: seconds(this.now()),
		})
		intent.status = 'succeeded'
		intent.latest_charge = charge.id
		this.emit('payment_intent.succeeded', intent)
	}

	// Payment Intents, Charges, Refunds -----------------------------------------------------------

	retrievePaymentIntent(id: string, expand: string[]): StripeObject {
		const intent = structuredClone(this.get(id, 'payment_intent'))
		if (expand.includes('latest_charge') && intent.latest_charge) intent.latest_charge = this.get(intent.latest_charge, 'charge')
		return intent
	}

	createRefund(p: FormObject): StripeObject {
		const chargeId = str(p.charge) ?? (str(p.payment_intent) ? this.get(str(p.payment_intent)!, 'payment_intent').latest_charge : undefined)
		if (!chargeId) throw invalid('One of charge or payment_intent is required.', 'charge')
		const charge = this.get(chargeId, 'charge')
		const unrefunded = charge.amount - charge.amount_refunded
		const amount = int(p.amount) ?? unrefunded
		if (unrefunded === 0) throw invalid(`Charge ${charge.id} has already been refunded.`, 'charge', 'charge_already_refunded')
		if (amount < 1 || amount > unrefunded) {
			throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${unrefunded})`, 'amount', 'amount_too_large')
		}
		const refund = this.put({
			id: stripeId('re'),
			object: 'refund',
			amount,
			charge: charge.id,
			payment_intent: charge.payment_intent,
			currency: charge.currency,
			reason: str(p.reason) ?? null,
			status: 'succeeded',
			metadata: strings(p.metadata),
			created: seconds(this.now()),
		})
		charge.amount_refunded += amount
		charge.refunded = charge.amount_refunded === charge.amount
		this.emit('refund.created', refund)
		this.emit('charge.refunded', charge)
		return refund
	}

	// Transfers and reversals ---------------------------------------------------------------------

	createTransfer(p: FormObject): StripeObject {
		const amount = int(p.amount)
		const currency = str(p.currency)?.toLowerCase()
		const destinationId = str(p.destination)
		if (amount === undefined || amount < 1) throw invalid('amount must be a positive integer.', 'amount')
		if (!currency) throw invalid('currency is required.', 'currency')
		if (!destinationId) throw invalid('destination is required.', 'destination')
		const destination = this.get(destinationId, 'account')
		if (destination.capabilities?.transfers !== 'active') {
			throw invalid(
				'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
				'destination',
				'insufficient_capabilities_for_transfer',
			)
		}
		const sourceId = str(p.source_transaction)
		if (sourceId) {
			const charge = this.get(sourceId, 'charge')
			if (charge.currency !== currency) throw invalid('The currency of source_transaction must match the transfer currency.', 'currency')
			const transferred = this.all('transfer')
				.filter((t) => t.source_transaction === sourceId)
				.reduce((sum, t) => sum + t.amount - t.amount_reversed, 0)
			if (transferred + amount > charge.amount) {
				throw invalid('Transfers using this transaction as a source must not exceed the source amount.', 'amount', 'balance_insufficient')
			}
		}
		const transfer = this.put({
			id: stripeId('tr'),
			object: 'transfer',
			amount,
			amount_reversed: 0,
			currency,
			destination: destination.id,
			source_transaction: sourceId ?? null,
			transfer_group: str(p.transfer_group) ?? null,
			description: str(p.description) ?? null,
			metadata: strings(p.metadata),
			reversed: false,
			reversals: { object: 'list', data: [], has_more: false, url: '' },
			created: seconds(this.now()),
		})
		transfer.reversals.url = `/v1/transfers/${transfer.id}/reversals`
		this.emit('transfer.created', transfer)
		return transfer
	}

	listTransfers(q: FormObject): StripeObject {
		const limit = Math.min(int(q.limit) ?? 10, 100)
		let found = this.all('transfer')
			.filter((t) => !str(q.transfer_group) || t.transfer_group === str(q.transfer_group))
			.filter((t) => !str(q.destination) || t.destination === str(q.destination))
			.sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1))
		const after = str(q.starting_after)
		if (after) found = found.slice(found.findIndex((t) => t.id === after) + 1)
		return { id: '', object: 'list', data: found.slice(0, limit), has_more: found.length > limit, url: '/v1/transfers' }
	}

	createTransferReversal(transferId: string, p: FormObject): StripeObject {
		const transfer = this.get(transferId, 'transfer')
		const left = transfer.amount - transfer.amount_reversed
		const amount = int(p.amount) ?? left
		if (amount < 1 || amount > left) throw invalid(`Reversal amount (${amount}) is greater than the transfer's unreversed amount (${left}).`, 'amount')
		const reversal = this.put({
			id: stripeId('trr'),
			object: 'transfer_reversal',
			amount,
			currency: transfer.currency,
			transfer: transfer.id,
			metadata: strings(p.metadata),
			created: seconds(this.now()),
		})
		transfer.amount_reversed += amount
		transfer.reversed = transfer.amount_reversed === transfer.amount
		transfer.reversals.data.unshift(reversal)
		this.emit('transfer.reversed', transfer)
		return reversal
	}

	// Connect accounts and onboarding --------------------------------------------------------------

	createAccount(p: FormObject): StripeObject {
		const type = str(p.type) ?? str(obj(obj(p.controller).stripe_dashboard).type) ?? 'express'
		return this.put({
			id: stripeId('acct'),
			object: 'account',
			type,
			email: str(p.email) ?? null,
			country: str(p.country) ?? 'DE',
			charges_enabled: false,
			payouts_enabled: false,
			details_submitted: false,
			capabilities: { transfers: 'inactive' },
			requirements: { currently_due: ['external_account', 'individual.dob.day', 'tos_acceptance.date'], disabled_reason: 'requirements.past_due' },
			metadata: strings(p.metadata),
			created: seconds(this.now()),
		})
	}

	createAccountLink(p: FormObject): StripeObject {
		const account = this.get(str(p.account) ?? '', 'account')
		const link = this.put({
			id: stripeId('acctlink'),
			object: 'account_link',
			account: account.id,
			refresh_url: str(p.refresh_url) ?? null,
			return_url: str(p.return_url) ?? null,
			type: str(p.type) ?? 'account_onboarding',
			created: seconds(this.now()),
			expires_at: seconds(this.now()) + 300,
		})
		link.url = `${this.options.appUrl}/dev/connect/${link.id}`
		// Stripe's account link shows only these; the emulator keeps the rest to find it again.
		return { object: 'account_link', created: link.created, expires_at: link.expires_at, url: link.url } as unknown as StripeObject
	}

	/** The test onboarding page: the mentor finishes (transfers active) or the account is restricted. */
	setAccountEnabled(id: string, enabled: boolean): StripeObject {
		const account = this.get(id, 'account')
		Object.assign(account, {
			charges_enabled: enabled,
			payouts_enabled: enabled,
			details_submitted: enabled || account.details_submitted,
			capabilities: { transfers: enabled ? 'active' : 'inactive' },
			requirements: enabled
				? { currently_due: [], disabled_reason: null }
				: { currently_due: ['external_account'], disabled_reason: 'requirements.past_due' },
		})
		this.emit('account.updated', account)
		return account
	}
}
