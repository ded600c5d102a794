/** Small factories for the money tests: people, an approved intro, an offer, a paid bundle, a confirmed session. */
import { eq } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { bundles, payouts, relationships, sessions, stripeAccounts, users } from '../../db/schema'
import { enqueue } from '../../jobs/queue.server'
import { releasePayoutJob } from '../../jobs/release-payout'
import { createOffer } from '../../app/services/bundle-offers.server'
import { startBundlePurchase } from '../../app/services/bundle-purchase.server'
import { bookPaid, confirmSession } from '../../app/services/booking.server'
import { createOnboardingLink } from '../../app/services/connect.server'
import { type StripeEmulator } from '../../server/stripe-emulator'
import { uniqueEmail } from './factories'

const HOUR = 3_600_000

export async function person(role: 'mentee' | 'mentor' | 'admin' = 'mentee') {
	const [user] = await getDb()
		.insert(users)
		.values({
			email: uniqueEmail(role),
			name: `A ${role}`,
			timeZone: 'Europe/Berlin',
			passwordHash: 'not-a-real-hash',
			emailVerifiedAt: new Date(),
			isMentee: role === 'mentee',
			isMentor: role === 'mentor',
			isAdmin: role === 'admin',
		})
		.returning()
	return user!
}

/** A mentor with a profile (public slug), and optionally a Stripe account that can receive transfers. */
export async function mentor(emulator: StripeEmulator, options: { connected?: boolean } = { connected: true }) {
	const user = await person('mentor')
	const { mentorProfiles } = await import('../../db/schema')
	await getDb().insert(mentorProfiles).values({ userId: user.id, slug: `mentor-${user.id.slice(0, 8)}` })
	if (options.connected) await connect(emulator, user.id)
	return user
}

/** Onboards the mentor at the emulator and stores the account as an `account.updated` would. */
export async function connect(emulator: StripeEmulator, userId: string) {
	await createOnboardingLink(userId)
	const [row] = await getDb().select().from(stripeAccounts).where(eq(stripeAccounts.userId, userId))
	await emulator.act(() => emulator.store.setAccountEnabled(row!.accountId, true))
	await getDb().update(stripeAccounts).set({ transfersActive: true, payoutsEnabled: true, detailsSubmitted: true }).where(eq(stripeAccounts.userId, userId))
	return row!.accountId
}

/** What the booking service leaves behind when a mentor approves continuation after an intro. */
export async function approvedContinuation(menteeId: string, mentorId: string, now = new Date()) {
	const start = new Date(now.getTime() - 48 * HOUR)
	await getDb().insert(sessions).values({
		mentorId,
		menteeId,
		type: 'intro',
		status: 'completed',
		introDecision: 'approve_continuation',
		startsAt: start,
		endsAt: new Date(start.getTime() + 20 * 60_000),
		introForm: { helpWith: 'x', background: 'y', goals: 'z' },
		quotaMonth: start.toISOString().slice(0, 7),
	})
	await getDb().insert(relationships).values({ mentorId, menteeId, status: 'pending', origin: 'intro', mentorConfirmedAt: now })
}

export async function offer(mentorId: string, over: { sessionsCount?: number; sessionPrice?: number } = {}) {
	return createOffer(mentorId, { sessionsCount: over.sessionsCount ?? 4, sessionMinutes: 60, sessionPrice: over.sessionPrice ?? 60, currency: 'eur', validityMonths: 6 }, new Date())
}

/** A bundle bought through Checkout, paid at the emulator; active once its webhook is delivered. */
export async function boughtBundle(emulator: StripeEmulator, menteeId: string, mentorId: string, over: Parameters<typeof offer>[1] = {}) {
	const o = await offer(mentorId, over)
	const { bundleId } = await startBundlePurchase({ menteeId, offerId: o.id, now: new Date() })
	const [pending] = await getDb().select().from(bundles).where(eq(bundles.id, bundleId))
	await emulator.act(() => emulator.store.completeCheckout(pending!.checkoutSessionId!, 'paid'))
	return bundleId
}

export const bundleNow = async (id: string) => (await getDb().select().from(bundles).where(eq(bundles.id, id)))[0]!

/** Books a paid session on the bundle and has the mentor confirm it with `outcome` after it ended. */
export async function heldSession(
	bundle: { menteeId: string; mentorId: string; id: string },
	index: number,
	outcome: 'completed' | 'no_show_mentee' | 'no_show_mentor' | null = 'completed',
) {
	const now = new Date()
	const start = new Date(now.getTime() + (48 + index * 2) * HOUR)
	const session = await bookPaid({ menteeId: bundle.menteeId, mentorId: bundle.mentorId, bundleId: bundle.id, start, now })
	if (outcome) await confirmSession({ sessionId: session.id, actorId: bundle.mentorId, outcome, now: new Date(session.endsAt.getTime() + HOUR) })
	return session
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
	const deadline = Date.now() + timeoutMs
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
		await new Promise((r) => setTimeout(r, 50))
	}
}

/**
 * `count` confirmed sessions over `bundleCount` paid bundles of one mentor, each with its pending
 * payout and job, as confirmations leave them (written in bulk: the crash tests are about releasing).
 */
export async function pendingPayouts(emulator: StripeEmulator, count: number, bundleCount: number) {
	const [mentee, m] = [await person(), await mentor(emulator)]
	await approvedContinuation(mentee.id, m.id)
	const perBundle = count / bundleCount
	for (let b = 0; b < bundleCount; b++) {
		const bundleId = await boughtBundle(emulator, mentee.id, m.id, { sessionsCount: perBundle })
		await emulator.settled()
		await getDb().transaction(async (tx) => {
			await tx.update(bundles).set({ creditsConsumed: perBundle }).where(eq(bundles.id, bundleId))
			const start = Date.now() - 30 * 24 * HOUR
			const held = await tx
				.insert(sessions)
				.values(
					Array.from({ length: perBundle }, (_, i) => ({
						mentorId: m.id,
						menteeId: mentee.id,
						type: 'paid' as const,
						status: 'completed' as const,
						bundleId,
						startsAt: new Date(start + (b * perBundle + i) * 2 * HOUR),
						endsAt: new Date(start + (b * perBundle + i) * 2 * HOUR + HOUR),
						quotaMonth: '2026-01',
					})),
				)
				.returning({ id: sessions.id })
			const rows = await tx
				.insert(payouts)
				.values(held.map((s) => ({ sessionId: s.id, bundleId, mentorId: m.id, amountCents: 4_800, currency: 'eur' })))
				.returning({ id: payouts.id })
			for (const { id } of rows) await enqueue(tx, releasePayoutJob, { payoutId: id })
		})
	}
}
