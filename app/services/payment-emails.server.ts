import { eq } from 'drizzle-orm'
import { type Transaction } from '../../db/client'
import { type bundles, mentorProfiles, sessions, users } from '../../db/schema'
import { queueEmail } from './outbox.server'

/**
 * The emails money sends (purchase receipt, refund, payout released), queued in the transaction of
 * the change they report, through the outbox.
 */

type BundleRow = typeof bundles.$inferSelect

async function mentorOf(tx: Transaction, mentorId: string) {
	const [mentor] = await tx
		.select({ name: users.name, slug: mentorProfiles.slug })
		.from(users)
		.leftJoin(mentorProfiles, eq(mentorProfiles.userId, users.id))
		.where(eq(users.id, mentorId))
	return { name: mentor?.name ?? 'your mentor', slug: mentor?.slug ?? '' }
}

export async function notifyPurchase(tx: Transaction, bundle: BundleRow): Promise<void> {
	const mentor = await mentorOf(tx, bundle.mentorId)
	await queueEmail(tx, {
		to: bundle.menteeId,
		template: 'purchase_receipt',
		data: {
			bundleId: bundle.id,
			mentorName: mentor.name,
			mentorSlug: mentor.slug,
			credits: bundle.creditsTotal,
			sessionMinutes: bundle.sessionMinutes,
			amountCents: bundle.priceCents,
			currency: bundle.currency,
			paidAt: (bundle.paidAt ?? bundle.updatedAt).toISOString(),
		},
		dedupeKey: `purchase_receipt:${bundle.id}`,
	})
}

export async function notifyRefund(
	tx: Transaction,
	bundle: BundleRow,
	refund: { id: string; amountCents: number; credits: number; reason: string; createdAt: Date },
): Promise<void> {
	const mentor = await mentorOf(tx, bundle.mentorId)
	await queueEmail(tx, {
		to: bundle.menteeId,
		template: 'refund_issued',
		data: {
			bundleId: bundle.id,
			mentorName: mentor.name,
			amountCents: refund.amountCents,
			currency: bundle.currency,
			creditsRefunded: refund.credits,
			refundedAt: refund.createdAt.toISOString(),
			reason: refund.reason,
		},
		dedupeKey: `refund_issued:${refund.id}`,
	})
}

export async function notifyPayoutReleased(
	tx: Transaction,
	payout: { id: string; mentorId: string; sessionId: string; amountCents: number; currency: string },
): Promise<void> {
	const [session] = await tx
		.select({ id: sessions.id, startsAt: sessions.startsAt, endsAt: sessions.endsAt, menteeName: users.name })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.menteeId))
		.where(eq(sessions.id, payout.sessionId))
	if (!session) return
	await queueEmail(tx, {
		to: payout.mentorId,
		template: 'payout_released',
		data: {
			payoutId: payout.id,
			menteeName: session.menteeName,
			session: { id: session.id, type: 'paid', startsAt: session.startsAt.toISOString(), endsAt: session.endsAt.toISOString() },
			amountCents: payout.amountCents,
			currency: payout.currency,
		},
		dedupeKey: `payout_released:${payout.id}`,
	})
}
