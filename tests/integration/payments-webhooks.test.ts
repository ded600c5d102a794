import { asc, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { bundles, emailOutbox, payouts, processedStripeEvents, relationships, stripeAccounts } from '../../db/schema'
import { bookPaid } from '../../app/services/booking.server'
import { getOfferSection, startBundlePurchase } from '../../app/services/bundle-purchase.server'
import { declineRelationship } from '../../app/services/relationships.server'
import { createOnboardingLink } from '../../app/services/connect.server'
import { getStripe } from '../../app/services/stripe.server'
import { DomainError } from '../../app/utils/errors'
import { availableCredits } from '../../app/rules/money'
import { type StripeEmulator, type StripeObject } from '../../server/stripe-emulator'
import { approvedContinuation, bundleNow, heldSession, mentor, offer, person } from '../support/payments'
import { deliver, postWebhook, signed, useStripeEmulator } from '../support/stripe'

// Webhooks are held back here: each test delivers them itself, twice, late or out of order.
let emulator: StripeEmulator
beforeAll(async () => {
	emulator = await useStripeEmulator({ autoDeliver: false })
})

const receipts = async (bundleId: string) =>
	(await getDb().select().from(emailOutbox).where(sql`${emailOutbox.template} = 'purchase_receipt' and ${emailOutbox.data}->>'bundleId' = ${bundleId}`)).length

async function pendingPurchase() {
	const [mentee, m] = [await person(), await mentor(emulator)]
	await approvedContinuation(mentee.id, m.id)
	const o = await offer(m.id)
	const { bundleId, checkoutUrl } = await startBundlePurchase({ menteeId: mentee.id, offerId: o.id, now: new Date() })
	const bundle = await bundleNow(bundleId)
	return { mentee, mentor: m, bundle, checkoutUrl }
}

const eventsOf = (changed: { events: StripeObject[] }, type: string) => changed.events.filter((e) => e.type === type)

describe('buying a bundle', () => {
	test('refused with continuation_not_approved until the mentor approved continuation after an intro', async () => {
		const [mentee, m] = [await person(), await mentor(emulator)]
		const o = await offer(m.id)
		const error = await startBundlePurchase({ menteeId: mentee.id, offerId: o.id, now: new Date() }).catch((e: unknown) => e)
		expect(error).toBeInstanceOf(DomainError)
		expect((error as DomainError).code).toBe('continuation_not_approved')
		expect(await getDb().select().from(bundles).where(eq(bundles.menteeId, mentee.id))).toHaveLength(0)
	})

	test('after the mentee declined the relationship, the offers and a refused purchase say so, not that the mentor never approved', async () => {
		const [mentee, m] = [await person(), await mentor(emulator)]
		await approvedContinuation(mentee.id, m.id)
		const o = await offer(m.id)
		const [r] = await getDb().select().from(relationships).where(eq(relationships.menteeId, mentee.id))
		await declineRelationship({ relationshipId: r!.id, actorId: mentee.id, now: new Date() })
		const section = await getOfferSection({ id: m.id, name: 'Lena' }, { id: mentee.id })
		expect(section).toMatchObject({ blocker: 'declined_by_you', blockerMessage: 'You declined continuing with Lena, so there is no bundle to buy. Book a free intro if you want to talk again.' })
		const error = await startBundlePurchase({ menteeId: mentee.id, offerId: o.id, now: new Date() }).catch((e: unknown) => e)
		expect(error).toMatchObject({ code: 'continuation_not_approved', message: expect.stringMatching(/^You declined continuing with /) })
		// Never approved at all: the message says that.
		const stranger = await person()
		expect((await getOfferSection({ id: m.id, name: 'Lena' }, { id: stranger.id })).blocker).toBe('continuation_not_approved')
	})

	test('Checkout in payment mode, the bundle as transfer group; the redirect back activates nothing', async () => {
		const { bundle, checkoutUrl } = await pendingPurchase()
		expect(checkoutUrl).toBe(`http://localhost:3000/dev/checkout/${bundle.checkoutSessionId}`)
		expect(bundle).toMatchObject({ status: 'pending', priceCents: 24_000, currency: 'eur', creditsTotal: 4 })
		const paid = await emulator.act(() => emulator.store.completeCheckout(bundle.checkoutSessionId!, 'paid'))
		const intent = emulator.store.get(paid.result.payment_intent, 'payment_intent')
		expect(intent.transfer_group).toBe(bundle.id)
		// The mentee is back on the success page, but no webhook has arrived: still pending.
		expect((await bundleNow(bundle.id)).status).toBe('pending')
	})
})

describe('webhooks', () => {
	test('a duplicated and later replayed checkout.session.completed activates the bundle once', async () => {
		const { bundle } = await pendingPurchase()
		const paid = await emulator.act(() => emulator.store.completeCheckout(bundle.checkoutSessionId!, 'paid'))
		const [completed] = eventsOf(paid, 'checkout.session.completed')
		const outcomes = await Promise.all([deliver(completed!), deliver(completed!)])
		expect(outcomes.map((o) => o.status)).toEqual([200, 200])
		expect(outcomes.map((o) => o.body.outcome).sort()).toEqual(['duplicate', 'processed'])
		const active = await bundleNow(bundle.id)
		expect(active).toMatchObject({ status: 'active', creditsTotal: 4, amountRefunded: 0 })
		expect(active.chargeId).toMatch(/^ch_/)
		expect(active.expiresAt).not.toBeNull()

		// Stripe retries a day later: same event id, nothing changes.
		expect((await deliver(completed!)).body.outcome).toBe('duplicate')
		expect(await bundleNow(bundle.id)).toEqual(active)
		expect(await receipts(bundle.id)).toBe(1)
	})

	test('a second, different event about the same paid Checkout Session changes nothing more', async () => {
		const { bundle } = await pendingPurchase()
		const paid = await emulator.act(() => emulator.store.completeCheckout(bundle.checkoutSessionId!, 'paid'))
		const [completed] = eventsOf(paid, 'checkout.session.completed')
		await deliver(completed!)
		const active = await bundleNow(bundle.id)
		// A forged-looking copy with a new id (as a resend from the dashboard would be) is still one fulfilment per session.
		expect((await deliver({ ...completed!, id: `${completed!.id}_resent` })).body.outcome).toBe('processed')
		expect(await bundleNow(bundle.id)).toEqual(active)
		expect(await receipts(bundle.id)).toBe(1)
	})

	test('delayed payment: the async outcome arriving before checkout.session.completed still activates once', async () => {
		const { bundle } = await pendingPurchase()
		const completed = await emulator.act(() => emulator.store.completeCheckout(bundle.checkoutSessionId!, 'processing'))
		const succeeded = await emulator.act(() => emulator.store.settleAsyncPayment(bundle.checkoutSessionId!, true))
		await deliver(eventsOf(succeeded, 'checkout.session.async_payment_succeeded')[0]!)
		expect((await bundleNow(bundle.id)).status).toBe('active')
		const after = await bundleNow(bundle.id)
		// The older event comes last; Stripe is re-read, so it cannot undo or repeat anything.
		await deliver(eventsOf(completed, 'checkout.session.completed')[0]!)
		expect(await bundleNow(bundle.id)).toEqual(after)
		expect(await receipts(bundle.id)).toBe(1)
	})

	test('a delayed payment that fails never activates the bundle, in any order', async () => {
		const { bundle } = await pendingPurchase()
		const completed = await emulator.act(() => emulator.store.completeCheckout(bundle.checkoutSessionId!, 'processing'))
		const failed = await emulator.act(() => emulator.store.settleAsyncPayment(bundle.checkoutSessionId!, false))
		await deliver(eventsOf(failed, 'checkout.session.async_payment_failed')[0]!)
		await deliver(eventsOf(completed, 'checkout.session.completed')[0]!)
		expect(await bundleNow(bundle.id)).toMatchObject({ status: 'payment_failed', chargeId: null })
	})

	test('a bad signature answers 400 and writes nothing', async () => {
		const { bundle } = await pendingPurchase()
		const paid = await emulator.act(() => emulator.store.completeCheckout(bundle.checkoutSessionId!, 'paid'))
		const event = eventsOf(paid, 'checkout.session.completed')[0]!
		const before = JSON.stringify([await getDb().select().from(processedStripeEvents).orderBy(asc(processedStripeEvents.eventId)), await bundleNow(bundle.id)])
		const { payload, signature } = signed(event)
		const tampered = payload.replace('"paid"', '"unpaid"')
		for (const [body, header] of [
			[tampered, signature],
			[payload, signature.replace(/v1=([0-9a-f])/, (_, c: string) => `v1=${c === '0' ? '1' : '0'}`)],
			[payload, null],
			[payload, 't=1,v1=deadbeef'],
		] as const) {
			const answer = await postWebhook(body, header)
			expect(answer.status).toBe(400)
			expect(answer.body.error.code).toBe('invalid_signature')
		}
		expect(JSON.stringify([await getDb().select().from(processedStripeEvents).orderBy(asc(processedStripeEvents.eventId)), await bundleNow(bundle.id)])).toBe(before)
	})

	test('charge.refunded brings the refunded amount up to Stripe’s, once, whatever the order', async () => {
		const { bundle } = await pendingPurchase()
		const paid = await emulator.act(() => emulator.store.completeCheckout(bundle.checkoutSessionId!, 'paid'))
		await deliver(eventsOf(paid, 'checkout.session.completed')[0]!)
		const { chargeId } = await bundleNow(bundle.id)
		// Two refunds made in Stripe's dashboard; their events arrive newest first, then again.
		const first = await emulator.act(() => emulator.store.createRefund({ charge: chargeId!, amount: '6000' }))
		const second = await emulator.act(() => emulator.store.createRefund({ charge: chargeId!, amount: '6000' }))
		const [a, b] = [eventsOf(first, 'charge.refunded')[0]!, eventsOf(second, 'charge.refunded')[0]!]
		for (const event of [b, a, b, a]) await deliver(event)
		expect((await bundleNow(bundle.id)).amountRefunded).toBe(12_000)
	})

	test('account.updated keeps the mentor’s Connect state and releases payouts held meanwhile', async () => {
		const [mentee, m] = [await person(), await mentor(emulator, { connected: false })]
		await approvedContinuation(mentee.id, m.id)
		const o = await offer(m.id)
		const { bundleId } = await startBundlePurchase({ menteeId: mentee.id, offerId: o.id, now: new Date() })
		const checkoutId = (await bundleNow(bundleId)).checkoutSessionId!
		const paid = await emulator.act(() => emulator.store.completeCheckout(checkoutId, 'paid'))
		await deliver(eventsOf(paid, 'checkout.session.completed')[0]!)
		const session = await heldSession({ id: bundleId, menteeId: mentee.id, mentorId: m.id }, 0, 'completed')
		const [held] = await getDb().select().from(payouts).where(eq(payouts.sessionId, session.id))
		expect(held).toMatchObject({ status: 'on_hold', amountCents: 4_800 })

		await createOnboardingLink(m.id)
		const [account] = await getDb().select().from(stripeAccounts).where(eq(stripeAccounts.userId, m.id))
		const restricted = await emulator.act(() => emulator.store.setAccountEnabled(account!.accountId, false))
		const enabled = await emulator.act(() => emulator.store.setAccountEnabled(account!.accountId, true))
		// Newest first: the older "restricted" event must not undo what Stripe says now.
		await deliver(eventsOf(enabled, 'account.updated')[0]!)
		await deliver(eventsOf(restricted, 'account.updated')[0]!)
		expect((await getDb().select().from(stripeAccounts).where(eq(stripeAccounts.userId, m.id)))[0]).toMatchObject({
			transfersActive: true,
			payoutsEnabled: true,
			requirementsDue: [],
		})
		expect((await getDb().select().from(payouts).where(eq(payouts.id, held!.id)))[0]!.status).toBe('pending')
	})

	test('events Mentora does not act on are acknowledged and not recorded', async () => {
		const { bundle } = await pendingPurchase()
		const paid = await emulator.act(() => emulator.store.completeCheckout(bundle.checkoutSessionId!, 'paid'))
		const answer = await deliver(eventsOf(paid, 'payment_intent.succeeded')[0]!)
		expect(answer).toMatchObject({ status: 200, body: { outcome: 'ignored' } })
		expect(await getStripe().events.retrieve(eventsOf(paid, 'payment_intent.succeeded')[0]!.id)).toBeTruthy()
	})
})

describe('webhooks refused or acknowledged, never a 500', () => {
	const recorded = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(processedStripeEvents))[0]!.n

	test('a signature timestamp beyond the tolerance, in the future or the past, answers 400 and writes nothing', async () => {
		const { bundle } = await pendingPurchase()
		const paid = await emulator.act(() => emulator.store.completeCheckout(bundle.checkoutSessionId!, 'paid'))
		const event = eventsOf(paid, 'checkout.session.completed')[0]!
		const nowSeconds = Math.floor(Date.now() / 1000)
		const before = await recorded()
		for (const offset of [10 * 60, -10 * 60, 6 * 60]) {
			const { payload, signature } = signed(event, nowSeconds + offset)
			const answer = await postWebhook(payload, signature)
			expect(answer.status).toBe(400)
			expect(answer.body.error.code).toBe('webhook_timestamp_out_of_tolerance')
		}
		expect(await recorded()).toBe(before)
		expect((await bundleNow(bundle.id)).status).toBe('pending')
		// Within the tolerance, a clock a little ahead of ours is fine.
		const { payload, signature } = signed(event, nowSeconds + 4 * 60)
		expect(await postWebhook(payload, signature)).toMatchObject({ status: 200, body: { outcome: 'processed' } })
		expect((await bundleNow(bundle.id)).status).toBe('active')
	})

	const base = { object: 'event', api_version: '2026-10-28.endive', created: 1, livemode: false, pending_webhooks: 1 }
	const malformed: [string, Record<string, unknown> | string][] = [
		['no id', { ...base, type: 'charge.refunded', data: { object: { id: 'ch_123', object: 'charge' } } }],
		['a numeric event id', { ...base, id: 42, type: 'charge.refunded', data: { object: { id: 'ch_123', object: 'charge' } } }],
		['no data.object', { ...base, id: 'evt_no_object', type: 'charge.refunded', data: {} }],
		['no data', { ...base, id: 'evt_no_data', type: 'checkout.session.completed' }],
		['an object without id', { ...base, id: 'evt_no_object_id', type: 'checkout.session.completed', data: { object: { object: 'checkout.session' } } }],
		['a numeric object id', { ...base, id: 'evt_numeric', type: 'charge.refunded', data: { object: { id: 12345, object: 'charge' } } }],
		['a path in the object id', { ...base, id: 'evt_path', type: 'charge.refunded', data: { object: { id: '../../v1/charges/x', object: 'charge' } } }],
		['a query in the object id', { ...base, id: 'evt_query', type: 'account.updated', data: { object: { id: 'acct_1?expand[]=x', object: 'account' } } }],
		['an id of another kind of object', { ...base, id: 'evt_kind', type: 'account.updated', data: { object: { id: 'ch_123', object: 'account' } } }],
		['a body that is not JSON', 'not json at all'],
		['a JSON array', '[1, 2]'],
	]

	test.each(malformed)('a correctly signed event with %s answers 400 invalid_webhook_event, asks Stripe nothing, writes nothing', async (_, event) => {
		const before = await recorded()
		emulator.resetStats()
		const { payload, signature } = signed(event)
		const answer = await postWebhook(payload, signature)
		expect(answer.status).toBe(400)
		expect(answer.body.error.code).toBe('invalid_webhook_event')
		expect(emulator.stats.requests).toBe(0)
		expect(await recorded()).toBe(before)
	})

	test.each([
		['charge.refunded', 'ch_doesnotexist'],
		['checkout.session.completed', 'cs_test_doesnotexist'],
		['account.updated', 'acct_doesnotexist'],
	])('a %s about an object Stripe does not know is acknowledged (200) and not recorded', async (type, id) => {
		const before = await recorded()
		const answer = await deliver({ ...base, id: `evt_unknown_${id}`, type, data: { object: { id } } } as StripeObject)
		expect(answer).toMatchObject({ status: 200, body: { outcome: 'unknown_object' } })
		expect(await recorded()).toBe(before)
	})

	test('an event type Mentora does not act on is acknowledged whatever its object looks like', async () => {
		const answer = await deliver({ ...base, id: 'evt_other_type', type: 'customer.created', data: { object: { id: 7 } } } as StripeObject)
		expect(answer).toMatchObject({ status: 200, body: { outcome: 'ignored' } })
	})
})

describe('refunds made in Stripe’s dashboard', () => {
	/** Every order of a list's items. */
	const orders = <T>(items: T[]): T[][] =>
		items.length <= 1 ? [items] : items.flatMap((item, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))

	const bookingRefused = async (bundle: { menteeId: string; mentorId: string }, hoursAhead = 200) =>
		bookPaid({ menteeId: bundle.menteeId, mentorId: bundle.mentorId, start: new Date(Date.now() + hoursAhead * 3_600_000), now: new Date() }).then(
			() => null,
			(e: DomainError) => e.code,
		)

	/** A purchase paid at Stripe, then refunded there in two parts; none of its events delivered yet. */
	async function paidThenRefundedInParts(parts: number[]) {
		const { bundle } = await pendingPurchase()
		const paid = await emulator.act(() => emulator.store.completeCheckout(bundle.checkoutSessionId!, 'paid'))
		const chargeId = emulator.store.get(paid.result.payment_intent, 'payment_intent').latest_charge as string
		const refunds = []
		for (const amount of parts) refunds.push(eventsOf(await emulator.act(() => emulator.store.createRefund({ charge: chargeId, amount: String(amount) })), 'charge.refunded')[0]!)
		return { bundle, events: [eventsOf(paid, 'checkout.session.completed')[0]!, ...refunds] }
	}

	test.each(orders(['completed', 'partial refund', 'rest refunded']).map((order) => [order.join(' → '), order]))(
		'paid, then refunded in full in two parts: in the order %s, the bundle ends refunded and books nothing',
		async (_, order) => {
			const { bundle, events } = await paidThenRefundedInParts([6_000, 18_000])
			const byName = { completed: events[0]!, 'partial refund': events[1]!, 'rest refunded': events[2]! }
			for (const name of order) {
				expect((await deliver(byName[name as keyof typeof byName])).status).toBe(200)
				// Each event re-reads Stripe: from the first one on, the bundle is what Stripe says it is.
				expect(await bundleNow(bundle.id)).toMatchObject({ status: 'refunded', amountRefunded: 24_000, creditsRefunded: 4 })
			}
			const after = await bundleNow(bundle.id)
			expect(after.chargeId).toMatch(/^ch_/)
			expect(availableCredits(after)).toBe(0)
			expect(await bookingRefused(after)).toBe('no_credit')
			expect(await receipts(bundle.id)).toBe(0)
		},
	)

	test.each(orders(['completed', 'partial refund']).map((order) => [order.join(' → '), order]))(
		'paid, then one session’s price refunded: in the order %s, the bundle stays active with one credit fewer',
		async (_, order) => {
			const { bundle, events } = await paidThenRefundedInParts([6_000])
			const byName = { completed: events[0]!, 'partial refund': events[1]! }
			for (const name of order) expect((await deliver(byName[name as keyof typeof byName])).status).toBe(200)
			const after = await bundleNow(bundle.id)
			expect(after).toMatchObject({ status: 'active', amountRefunded: 6_000, creditsRefunded: 1, creditsTotal: 4 })
			expect(availableCredits(after)).toBe(3)
			// Three sessions can be booked, the refunded fourth cannot.
			for (let i = 0; i < 3; i++) await heldSession(after, i, null)
			expect(await bookingRefused(after)).toBe('no_credit')
		},
	)

	test('in the normal order, a full refund in the dashboard ends the bundle: a paid booking is refused', async () => {
		const { bundle } = await pendingPurchase()
		const paid = await emulator.act(() => emulator.store.completeCheckout(bundle.checkoutSessionId!, 'paid'))
		await deliver(eventsOf(paid, 'checkout.session.completed')[0]!)
		const active = await bundleNow(bundle.id)
		expect(active.status).toBe('active')
		const refunded = await emulator.act(() => emulator.store.createRefund({ charge: active.chargeId! }))
		await deliver(eventsOf(refunded, 'charge.refunded')[0]!)
		expect(await bundleNow(bundle.id)).toMatchObject({ status: 'refunded', amountRefunded: 24_000, creditsRefunded: 4 })
		expect(await bookingRefused(active)).toBe('no_credit')
	})

	test('credits already booked or held are never taken by a dashboard refund; only the unused ones are', async () => {
		const { bundle } = await pendingPurchase()
		const paid = await emulator.act(() => emulator.store.completeCheckout(bundle.checkoutSessionId!, 'paid'))
		await deliver(eventsOf(paid, 'checkout.session.completed')[0]!)
		const active = await bundleNow(bundle.id)
		await heldSession(active, 0, 'completed')
		await heldSession(active, 1, null)
		// Three sessions' worth refunded, but only two are unused.
		const refunded = await emulator.act(() => emulator.store.createRefund({ charge: active.chargeId!, amount: '18000' }))
		await deliver(eventsOf(refunded, 'charge.refunded')[0]!)
		const after = await bundleNow(bundle.id)
		expect(after).toMatchObject({ status: 'active', amountRefunded: 18_000, creditsConsumed: 1, creditsReserved: 1, creditsRefunded: 2 })
		expect(availableCredits(after)).toBe(0)
		expect(await bookingRefused(after)).toBe('no_credit')
	})
})
