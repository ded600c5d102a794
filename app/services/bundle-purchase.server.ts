import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { getDb, type Transaction } from '../../db/client'
import { bundleOffers, bundles, mentorProfiles, relationships, sessions, users } from '../../db/schema'
import { availableCredits, bundleExpiry, perSessionCents } from '../rules/money'
import { getEnv } from '../utils/env.server'
import { DomainError } from '../utils/errors'
import { keptForMentor } from './mentor-schedule-cache.server'
import { notifyPurchase } from './payment-emails.server'
import { applyStripeRefunds } from './refunds.server'
import { getStripe, type Stripe } from './stripe.server'

/**
 * Buying a bundle: "only after the mentor approved continuation after an intro with that mentee";
 * Stripe Checkout in payment mode; the bundle turns active only from a verified webhook, once per
 * Checkout Session, never from the redirect back.
 */

export type Bundle = typeof bundles.$inferSelect

/** The mentor approved continuation after an intro, and neither side has since ended or declined the relationship. */
export async function continuationApproved(tx: Transaction | ReturnType<typeof getDb>, menteeId: string, mentorId: string): Promise<boolean> {
	const [approved] = await tx
		.select({ id: sessions.id })
		.from(sessions)
		.where(
			and(
				eq(sessions.menteeId, menteeId),
				eq(sessions.mentorId, mentorId),
				eq(sessions.type, 'intro'),
				eq(sessions.introDecision, 'approve_continuation'),
			),
		)
		.limit(1)
	if (!approved) return false
	const [live] = await tx
		.select({ id: relationships.id })
		.from(relationships)
		.where(and(eq(relationships.menteeId, menteeId), eq(relationships.mentorId, mentorId), inArray(relationships.status, ['pending', 'confirmed'])))
		.limit(1)
	return Boolean(live)
}

/**
 * Why a mentee without an approved continuation cannot buy, in what actually happened: the last
 * relationship of the pair was declined (by which side) or ended, or there never was an approval.
 */
export type NoContinuation = 'continuation_not_approved' | 'declined_by_you' | 'declined_by_mentor' | 'relationship_ended'

async function whyNoContinuation(db: Transaction | ReturnType<typeof getDb>, menteeId: string, mentorId: string): Promise<NoContinuation> {
	const [last] = await db
		.select({ status: relationships.status, closedBy: relationships.closedBy })
		.from(relationships)
		.where(and(eq(relationships.menteeId, menteeId), eq(relationships.mentorId, mentorId), inArray(relationships.status, ['declined', 'ended'])))
		.orderBy(desc(relationships.updatedAt))
		.limit(1)
	if (!last) return 'continuation_not_approved'
	if (last.status === 'ended') return 'relationship_ended'
	return last.closedBy === menteeId ? 'declined_by_you' : 'declined_by_mentor'
}

/** What the offers section and a refused purchase say, for each reason. */
export function noContinuationMessage(reason: NoContinuation, mentorName: string): string {
	return {
		continuation_not_approved: `You can buy a bundle once ${mentorName} has approved continuing after an intro session with you. Book a free intro first.`,
		declined_by_you: `You declined continuing with ${mentorName}, so there is no bundle to buy. Book a free intro if you want to talk again.`,
		declined_by_mentor: `${mentorName} declined continuing with you, so their bundles are not open to you.`,
		relationship_ended: `Your relationship with ${mentorName} has ended. Book a free intro if you want to start again.`,
	}[reason]
}

/**
 * Creates the pending bundle and its Checkout Session; answers the URL to send the mentee to.
 * The bundle's id is the session's client_reference_id and the payment's transfer_group, so the
 * webhook and every later transfer find it.
 */
export async function startBundlePurchase(input: { menteeId: string; offerId: string; now: Date }): Promise<{ bundleId: string; checkoutUrl: string }> {
	const db = getDb()
	const [offer] = await db
		.select({ offer: bundleOffers, mentorName: users.name, mentorSlug: mentorProfiles.slug })
		.from(bundleOffers)
		.innerJoin(users, eq(users.id, bundleOffers.mentorId))
		.innerJoin(mentorProfiles, eq(mentorProfiles.userId, bundleOffers.mentorId))
		.where(eq(bundleOffers.id, input.offerId))
	if (!offer || offer.offer.retiredAt) throw new DomainError('offer_unavailable', 'This bundle is no longer offered. Choose another one.')
	const { offer: o } = offer
	if (o.mentorId === input.menteeId) throw new DomainError('not_allowed', 'You cannot buy your own bundle.')
	if (!(await continuationApproved(db, input.menteeId, o.mentorId))) {
		const reason = await whyNoContinuation(db, input.menteeId, o.mentorId)
		throw new DomainError('continuation_not_approved', noContinuationMessage(reason, offer.mentorName))
	}
	const [mentee] = await db.select({ email: users.email }).from(users).where(eq(users.id, input.menteeId))

	const [bundle] = await db
		.insert(bundles)
		.values({
			mentorId: o.mentorId,
			menteeId: input.menteeId,
			status: 'pending',
			offerId: o.id,
			sessionMinutes: o.sessionMinutes,
			creditsTotal: o.sessionsCount,
			priceCents: o.priceCents,
			currency: o.currency,
			validityMonths: o.validityMonths,
			platformFeePercent: getEnv().PLATFORM_FEE_PERCENT,
			createdAt: input.now,
			updatedAt: input.now,
		})
		.returning()
	if (!bundle) throw new Error('bundle not inserted')

	const appUrl = getEnv().APP_URL
	const checkout = await getStripe().checkout.sessions.create(
		{
			mode: 'payment',
			line_items: [
				{
					quantity: 1,
					price_data: {
						currency: o.currency,
						unit_amount: o.priceCents,
						product_data: { name: `${o.sessionsCount} × ${o.sessionMinutes}-minute sessions with ${offer.mentorName}` },
					},
				},
			],
			client_reference_id: bundle.id,
			customer_email: mentee?.email,
			metadata: { bundle_id: bundle.id },
			payment_intent_data: { transfer_group: bundle.id, metadata: { bundle_id: bundle.id } },
			success_url: `${appUrl}/bundles/${bundle.id}?checkout=success`,
			cancel_url: `${appUrl}/bundles/${bundle.id}?checkout=cancelled`,
		},
		{ idempotencyKey: `checkout:${bundle.id}` },
	)
	await db.update(bundles).set({ checkoutSessionId: checkout.id }).where(eq(bundles.id, bundle.id))
	if (!checkout.url) throw new Error('Checkout Session without a URL')
	return { bundleId: bundle.id, checkoutUrl: checkout.url }
}

type CheckoutSnapshot = { session: Stripe.Checkout.Session; chargeId: string | null; charge: Stripe.Charge | null }

/** The Checkout Session as Stripe holds it now, with its payment's charge: events may be stale or out of order. */
export async function fetchCheckout(sessionId: string): Promise<CheckoutSnapshot> {
	const session = await getStripe().checkout.sessions.retrieve(sessionId, { expand: ['payment_intent.latest_charge'] })
	const intent = session.payment_intent as Stripe.PaymentIntent | string | null
	const charge = intent && typeof intent === 'object' ? intent.latest_charge : null
	return {
		session,
		chargeId: typeof charge === 'string' ? charge : (charge?.id ?? null),
		charge: charge && typeof charge === 'object' ? charge : null,
	}
}

const isUuid = (value: unknown): value is string => z.string().uuid().safeParse(value).success

/**
 * A charge's news (a refund) may arrive before its Checkout Session's: the bundle it paid for is
 * found by the transfer group (the bundle's id) or the charge itself, and its Checkout Session is
 * read from Stripe too, so the bundle can be brought to Stripe's whole state at once.
 */
export async function fetchCheckoutOfCharge(charge: Stripe.Charge): Promise<CheckoutSnapshot | null> {
	const bundleId = [charge.transfer_group, charge.metadata?.bundle_id].find(isUuid)
	const [bundle] = await getDb()
		.select({ checkoutSessionId: bundles.checkoutSessionId })
		.from(bundles)
		.where(bundleId ? eq(bundles.id, bundleId) : eq(bundles.chargeId, charge.id))
	return bundle?.checkoutSessionId ? fetchCheckout(bundle.checkoutSessionId) : null
}

/**
 * Applies what Stripe says about a Checkout Session to its bundle, inside the webhook's
 * transaction, whichever event brought it. Paid: pending → active (once; a second event finds it
 * active and does nothing), then brought to what Stripe has refunded on its charge (a refund made
 * in Stripe's dashboard may come before the payment's own event). Failed async payment: pending →
 * payment_failed. Still unpaid: the payment reference is kept.
 */
export async function applyCheckout(tx: Transaction, snapshot: CheckoutSnapshot, eventType: string, now: Date): Promise<void> {
	const { session, chargeId, charge } = snapshot
	const bundleId = session.client_reference_id
	if (!isUuid(bundleId)) return
	const [bundle] = await tx.select().from(bundles).where(eq(bundles.id, bundleId)).for('update')
	if (!bundle) return
	if (bundle.status !== 'pending') {
		if (charge && charge.id === bundle.chargeId) await applyStripeRefunds(tx, bundle, charge.amount_refunded, now)
		return
	}
	const intentId = typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null)
	const reference = { checkoutSessionId: session.id, paymentIntentId: intentId, updatedAt: now }

	if (session.status === 'complete' && session.payment_status === 'paid' && chargeId) {
		if (session.amount_total !== bundle.priceCents || session.currency !== bundle.currency) {
			throw new Error(`Checkout ${session.id} paid ${session.amount_total} ${session.currency}, bundle ${bundle.id} costs ${bundle.priceCents} ${bundle.currency}`)
		}
		const [active] = await tx
			.update(bundles)
			.set({ ...reference, status: 'active', chargeId, paidAt: now, expiresAt: bundleExpiry(now, bundle.validityMonths) })
			.where(and(eq(bundles.id, bundle.id), eq(bundles.status, 'pending')))
			.returning()
		if (!active) return
		const settled = charge ? await applyStripeRefunds(tx, active, charge.amount_refunded, now) : active
		// Refunded in full before Mentora heard of the payment: no receipt for sessions that cannot be booked.
		if (settled.status === 'active') await notifyPurchase(tx, settled)
	} else if (eventType === 'checkout.session.async_payment_failed') {
		await tx.update(bundles).set({ ...reference, status: 'payment_failed' }).where(and(eq(bundles.id, bundle.id), eq(bundles.status, 'pending')))
	} else {
		await tx.update(bundles).set(reference).where(eq(bundles.id, bundle.id))
	}
}

export type BundleView = Bundle & { mentorName: string; mentorSlug: string; menteeName: string }

export async function getBundle(bundleId: string): Promise<BundleView | null> {
	// An id from a URL that is not a uuid names no bundle (and must not reach Postgres as one).
	if (!isUuid(bundleId)) return null
	const [row] = await getDb()
		.select({ bundle: bundles, mentorName: users.name, mentorSlug: mentorProfiles.slug })
		.from(bundles)
		.innerJoin(users, eq(users.id, bundles.mentorId))
		.leftJoin(mentorProfiles, eq(mentorProfiles.userId, bundles.mentorId))
		.where(eq(bundles.id, bundleId))
	if (!row) return null
	const [mentee] = await getDb().select({ name: users.name }).from(users).where(eq(users.id, row.bundle.menteeId))
	return { ...row.bundle, mentorName: row.mentorName, mentorSlug: row.mentorSlug ?? '', menteeName: mentee?.name ?? '' }
}

export type OfferSection = {
	offers: { id: string; sessionsCount: number; sessionMinutes: number; priceCents: number; perSessionCents: number; currency: string; validityMonths: number | null }[]
	/** Why the viewer cannot buy (null: they can). */
	blocker: 'login' | 'self' | NoContinuation | null
	/** The sentence for a NoContinuation blocker (empty otherwise). */
	blockerMessage: string
	/** The viewer's active bundles with this mentor, with what is left on each. */
	bundles: { id: string; available: number; creditsTotal: number; expiresAt: string | null }[]
}

/** What a mentor's public page shows about bundles to this viewer. */
export async function getOfferSection(mentor: { id: string; name: string }, viewer: { id: string } | null): Promise<OfferSection> {
	const mentorId = mentor.id
	const db = getDb()
	// Kept between visits, and dropped when an offer of the mentor changes.
	const offers = await keptForMentor(`offers:${mentorId}`, async () => ({
		mentorId,
		value: await db
			.select()
			.from(bundleOffers)
			.where(and(eq(bundleOffers.mentorId, mentorId), isNull(bundleOffers.retiredAt)))
			.orderBy(asc(bundleOffers.sessionsCount)),
	}))
	const blocker = !viewer
		? 'login'
		: viewer.id === mentorId
			? 'self'
			: (await continuationApproved(db, viewer.id, mentorId))
				? null
				: await whyNoContinuation(db, viewer.id, mentorId)
	const held = viewer
		? await db.select().from(bundles).where(and(eq(bundles.menteeId, viewer.id), eq(bundles.mentorId, mentorId), eq(bundles.status, 'active')))
		: []
	return {
		offers: offers.map((o) => ({
			id: o.id,
			sessionsCount: o.sessionsCount,
			sessionMinutes: o.sessionMinutes,
			priceCents: o.priceCents,
			perSessionCents: perSessionCents({ priceCents: o.priceCents, creditsTotal: o.sessionsCount }),
			currency: o.currency,
			validityMonths: o.validityMonths,
		})),
		blocker,
		blockerMessage: blocker && blocker !== 'login' && blocker !== 'self' ? noContinuationMessage(blocker, mentor.name) : '',
		bundles: held.map((b) => ({ id: b.id, available: availableCredits(b), creditsTotal: b.creditsTotal, expiresAt: b.expiresAt?.toISOString() ?? null })),
	}
}
