import { randomUUID } from 'node:crypto'
import { and, count, eq, gt, inArray, sql } from 'drizzle-orm'
import { getDb, type Transaction } from '../../db/client'
import { bundles, refunds, sessions, users } from '../../db/schema'
import { planRefund, reconcileStripeRefund } from '../rules/money'
import { DomainError } from '../utils/errors'
import { writeAudit } from './audit.server'
import { publishBookingEvent } from './booking-events.server'
import { notifyRefund } from './payment-emails.server'
import { getStripe, type Stripe } from './stripe.server'

/**
 * Refunds are an admin action: "the whole bundle when no credit was used, otherwise the unused
 * credits at the per-session price (future scheduled sessions of the bundle may be cancelled as
 * part of it). Never more than was paid minus what was already refunded, also under concurrent
 * clicks."
 *
 * The bundle's row stays locked from reading it to recording the refund, the Stripe call included:
 * a second admin's click waits, then finds nothing left. If Stripe refuses, nothing is written.
 * If the process dies after Stripe refunded but before the commit, `charge.refunded` still brings
 * the bundle's refunded amount up to Stripe's.
 */

/** `expectedAmountCents`: what the admin confirmed; a refund that would now come to another amount is refused. */
export type RefundInput = { adminId: string; bundleId: string; reason: string; cancelFutureSessions: boolean; now: Date; expectedAmountCents?: number }
export type Refund = typeof refunds.$inferSelect
type Bundle = typeof bundles.$inferSelect

export async function refundBundle(input: RefundInput): Promise<Refund> {
	const reason = input.reason.trim()
	if (!reason) throw new DomainError('validation_failed', 'Say why this bundle is refunded.', { reason: ['Give a reason for the refund.'] })
	const [admin] = await getDb().select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, input.adminId))
	if (!admin?.isAdmin) throw new DomainError('not_allowed', 'Only admins refund bundles.')

	return getDb().transaction(async (tx) => {
		const [bundle] = await tx.select().from(bundles).where(eq(bundles.id, input.bundleId)).for('update')
		if (!bundle) throw new DomainError('not_found', 'That bundle does not exist.')
		if (!bundle.chargeId || bundle.priceCents === 0) throw new DomainError('nothing_to_refund', 'This bundle was never paid for, so there is nothing to refund.')

		const cancelled = input.cancelFutureSessions ? await cancelFutureSessions(tx, bundle.id, input) : 0
		const after = { ...bundle, creditsReserved: bundle.creditsReserved - cancelled }
		const plan = planRefund(after)
		if (!plan.ok) throw new DomainError(plan.code, plan.message)
		if (input.expectedAmountCents !== undefined && input.expectedAmountCents !== plan.amountCents) {
			throw new DomainError('refund_amount_changed', 'What this bundle can refund changed since you reviewed it. Review the refund again.')
		}

		const id = randomUUID()
		const idempotencyKey = `refund:${id}`
		let stripeRefund: Stripe.Refund
		try {
			stripeRefund = await getStripe().refunds.create(
				{ charge: bundle.chargeId, amount: plan.amountCents, reason: 'requested_by_customer', metadata: { refund_id: id, bundle_id: bundle.id, credits: String(plan.credits) } },
				{ idempotencyKey },
			)
		} catch (error) {
			const message = (error as { message?: string }).message ?? 'Stripe did not accept the refund.'
			throw new DomainError('payment_provider_refused', `Stripe refused the refund: ${message}`)
		}

		const [updated] = await tx
			.update(bundles)
			.set({
				creditsReserved: after.creditsReserved,
				creditsRefunded: sql`${bundles.creditsRefunded} + ${plan.credits}`,
				// A webhook may have already counted this refund: never below what Stripe says was refunded.
				amountRefunded: sql`least(${bundles.priceCents}, ${bundles.amountRefunded} + ${plan.amountCents})`,
				status: bundle.status === 'active' || bundle.status === 'expired' ? 'refunded' : bundle.status,
				updatedAt: input.now,
			})
			.where(eq(bundles.id, bundle.id))
			.returning()
		const [refund] = await tx
			.insert(refunds)
			.values({
				id,
				bundleId: bundle.id,
				amountCents: plan.amountCents,
				credits: plan.credits,
				reason,
				adminId: input.adminId,
				status: stripeRefund.status === 'succeeded' ? 'succeeded' : 'pending',
				idempotencyKey,
				stripeRefundId: stripeRefund.id,
				cancelledSessions: cancelled,
				createdAt: input.now,
			})
			.returning()
		await writeAudit(tx, {
			actorId: input.adminId,
			action: 'bundle.refund',
			subjectType: 'bundle',
			subjectId: bundle.id,
			details: { refundId: id, kind: plan.kind, amountCents: plan.amountCents, credits: plan.credits, cancelledSessions: cancelled, reason },
			at: input.now,
		})
		await notifyRefund(tx, updated!, refund!)
		return refund!
	})
}

/** How many sessions of each bundle a refund with "cancel future sessions" would cancel (those not started yet). */
/** What a refund would come to now, with or without cancelling the bundle's future sessions: the review before money moves. */
export async function previewRefund(input: { bundleId: string; cancelFutureSessions: boolean; now: Date }) {
	const [bundle] = await getDb().select().from(bundles).where(eq(bundles.id, input.bundleId))
	if (!bundle) throw new DomainError('not_found', 'That bundle does not exist.')
	const cancellable = input.cancelFutureSessions ? ((await countFutureSessions([bundle.id], input.now)).get(bundle.id) ?? 0) : 0
	return { plan: planRefund({ ...bundle, creditsReserved: bundle.creditsReserved - cancellable }), currency: bundle.currency }
}

export async function countFutureSessions(bundleIds: string[], now: Date): Promise<Map<string, number>> {
	if (bundleIds.length === 0) return new Map()
	const rows = await getDb()
		.select({ bundleId: sessions.bundleId, n: count() })
		.from(sessions)
		.where(and(inArray(sessions.bundleId, bundleIds), eq(sessions.status, 'scheduled'), gt(sessions.startsAt, now)))
		.groupBy(sessions.bundleId)
	return new Map(rows.map((r) => [r.bundleId as string, r.n]))
}

/** The bundle's sessions that have not started are cancelled by the admin; their credits come back to be refunded. */
async function cancelFutureSessions(tx: Transaction, bundleId: string, input: RefundInput): Promise<number> {
	const cancelled = await tx
		.update(sessions)
		.set({ status: 'cancelled', cancelledBy: input.adminId, cancellationReason: `Refunded: ${input.reason.trim()}`, updatedAt: input.now })
		.where(and(eq(sessions.bundleId, bundleId), eq(sessions.status, 'scheduled'), gt(sessions.startsAt, input.now)))
		.returning({ id: sessions.id })
	for (const { id } of cancelled) await publishBookingEvent(tx, { type: 'session_cancelled', sessionId: id })
	return cancelled.length
}

/**
 * Brings a locked bundle to what Stripe has refunded on its charge (`reconcileStripeRefund`): the
 * amount up to Stripe's, the unused credits that money covers taken, and a bundle refunded in full
 * becomes `refunded`, so it books nothing more. A refund made in Stripe's dashboard counts as
 * much as an admin's; one already counted changes nothing.
 */
export async function applyStripeRefunds(tx: Transaction, bundle: Bundle, stripeRefundedCents: number, now: Date): Promise<Bundle> {
	const next = reconcileStripeRefund(bundle, stripeRefundedCents)
	const refundable = bundle.status === 'active' || bundle.status === 'expired'
	const status = next.fullyRefunded && refundable ? 'refunded' : bundle.status
	if (next.amountRefunded === bundle.amountRefunded && next.creditsRefunded === bundle.creditsRefunded && status === bundle.status) return bundle
	const [updated] = await tx
		.update(bundles)
		.set({ amountRefunded: next.amountRefunded, creditsRefunded: next.creditsRefunded, status, updatedAt: now })
		.where(eq(bundles.id, bundle.id))
		.returning()
	return updated!
}

/** `charge.refunded` for a bundle already tied to its charge: Stripe's charge is the truth about how much was refunded. */
export async function reconcileChargeRefunded(tx: Transaction, charge: Stripe.Charge, now: Date): Promise<void> {
	const [bundle] = await tx.select().from(bundles).where(eq(bundles.chargeId, charge.id)).for('update')
	if (bundle) await applyStripeRefunds(tx, bundle, charge.amount_refunded, now)
}

export async function listRefunds(bundleId: string): Promise<Refund[]> {
	return getDb().select().from(refunds).where(eq(refunds.bundleId, bundleId)).orderBy(refunds.createdAt)
}
