import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { auditLog, bundles, payouts } from '../../db/schema'
import { bookPaid } from '../../app/services/booking.server'
import { releasePayout, retryDeadPayout } from '../../app/services/payouts.server'
import { getStripe } from '../../app/services/stripe.server'
import { type DomainError } from '../../app/utils/errors'
import { BOSS_SCHEMA } from '../../jobs/queue.server'
import { releasePayoutJob } from '../../jobs/release-payout'
import { type StripeEmulator } from '../../server/stripe-emulator'
import { approvedContinuation, boughtBundle, bundleNow, heldSession, mentor, person } from '../support/payments'
import { useStripeEmulator } from '../support/stripe'

let emulator: StripeEmulator
beforeAll(async () => {
	emulator = await useStripeEmulator()
})

const HOUR = 3_600_000

async function activeBundle(over: { sessionsCount?: number } = {}) {
	const [mentee, m] = [await person(), await mentor(emulator)]
	await approvedContinuation(mentee.id, m.id)
	const id = await boughtBundle(emulator, mentee.id, m.id, over)
	await emulator.settled()
	const bundle = await bundleNow(id)
	expect(bundle.status).toBe('active')
	return bundle
}

const payoutOf = async (sessionId: string) => (await getDb().select().from(payouts).where(eq(payouts.sessionId, sessionId)))[0]
const jobsFor = async (payoutId: string) =>
	(await getDb().execute(sql.raw(`select count(*)::int as n from ${BOSS_SCHEMA}.job where name = '${releasePayoutJob.name}' and data->>'payoutId' = '${payoutId}'`)))[0]!.n as number
const transfersOf = (payoutId: string) => emulator.store.all('transfer').filter((t) => t.metadata.payout_id === payoutId)

describe('credits under concurrent bookings', () => {
	test('20 paid bookings at once on a 4-session bundle: exactly 4 succeed', async () => {
		const bundle = await activeBundle()
		const now = new Date()
		const results = await Promise.allSettled(
			Array.from({ length: 20 }, (_, i) => bookPaid({ menteeId: bundle.menteeId, mentorId: bundle.mentorId, start: new Date(now.getTime() + (30 + i * 2) * HOUR), now })),
		)
		const codes = results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as DomainError).code))
		expect(codes.filter((c) => c === 'ok')).toHaveLength(4)
		expect(codes.filter((c) => c !== 'ok').every((c) => c === 'no_credit')).toBe(true)
		expect(await bundleNow(bundle.id)).toMatchObject({ creditsReserved: 4, creditsConsumed: 0 })
	})
})

describe('payouts', () => {
	test('a completed session gets one payout and one job; a mentee no-show one payout that waits 48 hours for a dispute; mentor no-show and unconfirmed get none', async () => {
		const bundle = await activeBundle()
		const completed = await heldSession(bundle, 0, 'completed')
		const menteeNoShow = await heldSession(bundle, 1, 'no_show_mentee')
		const mentorNoShow = await heldSession(bundle, 2, 'no_show_mentor')
		const unconfirmed = await heldSession(bundle, 3, null)
		const paid = await payoutOf(completed.id)
		expect(paid).toMatchObject({ status: 'pending', amountCents: 4_800, currency: 'eur', bundleId: bundle.id, disputableUntil: null })
		expect(await jobsFor(paid!.id)).toBe(1)
		const waiting = await payoutOf(menteeNoShow.id)
		expect(waiting).toMatchObject({ status: 'disputable', amountCents: 4_800 })
		expect(waiting!.disputableUntil!.getTime() - waiting!.createdAt.getTime()).toBe(48 * HOUR)
		expect(await jobsFor(waiting!.id)).toBe(0)
		expect(await payoutOf(mentorNoShow.id)).toBeUndefined()
		expect(await payoutOf(unconfirmed.id)).toBeUndefined()
		expect(await bundleNow(bundle.id)).toMatchObject({ creditsConsumed: 2, creditsReserved: 1 })
		// The database holds it to one payout per session, whatever the code does.
		const again = await getDb()
			.insert(payouts)
			.values({ sessionId: completed.id, bundleId: bundle.id, mentorId: bundle.mentorId, amountCents: 1, currency: 'eur' })
			.then(
				() => 'inserted',
				(e: { cause?: { code?: string } }) => e.cause?.code,
			)
		expect(again).toBe('23505')
	})

	test('the job transfers the mentor’s share from the bundle’s charge, once, however often it runs', async () => {
		const bundle = await activeBundle()
		const session = await heldSession(bundle, 0, 'completed')
		const payout = (await payoutOf(session.id))!
		const runs = await Promise.all([releasePayout(payout.id, new Date()), releasePayout(payout.id, new Date()), releasePayout(payout.id, new Date())])
		expect(runs).toContain('released')
		expect(await releasePayout(payout.id, new Date())).toBe('released')
		const [transfer, ...more] = transfersOf(payout.id)
		expect(more).toHaveLength(0)
		expect(transfer).toMatchObject({ amount: 4_800, currency: 'eur', source_transaction: bundle.chargeId, transfer_group: bundle.id })
		expect(await payoutOf(session.id)).toMatchObject({ status: 'released', stripeTransferId: transfer!.id })
	})

	test('failures are retried, then the payout is dead until an admin retries it (audited)', async () => {
		const bundle = await activeBundle()
		const session = await heldSession(bundle, 0, 'completed')
		const payout = (await payoutOf(session.id))!
		emulator.config.failingRoutes = ['POST /v1/transfers']
		try {
			for (let attempt = 1; attempt < 6; attempt++) {
				await expect(releasePayout(payout.id, new Date())).rejects.toThrow()
				expect(await payoutOf(session.id)).toMatchObject({ status: 'failed', attempts: attempt })
			}
			expect(await releasePayout(payout.id, new Date())).toBe('dead')
		} finally {
			emulator.config.failingRoutes = []
		}
		const admin = await person('admin')
		await retryDeadPayout({ adminId: admin.id, payoutId: payout.id, now: new Date() })
		await expect(retryDeadPayout({ adminId: admin.id, payoutId: payout.id, now: new Date() })).rejects.toMatchObject({ code: 'payout_not_retryable' })
		expect(await getDb().select().from(auditLog).where(and(eq(auditLog.subjectId, payout.id), eq(auditLog.action, 'payout.retry')))).toHaveLength(1)
		expect(await releasePayout(payout.id, new Date())).toBe('released')
		expect(transfersOf(payout.id)).toHaveLength(1)
	})

	test('a retry more than 24 hours after the first try finds the transfer made then instead of making another', async () => {
		const bundle = await activeBundle()
		const session = await heldSession(bundle, 0, 'completed')
		const payout = (await payoutOf(session.id))!
		// The first try reached Stripe, then the worker died before recording it.
		const account = emulator.store.all('account').find((a) => a.metadata.mentora_user_id === bundle.mentorId)!
		await getStripe().transfers.create(
			{ amount: payout.amountCents, currency: 'eur', destination: account.id, source_transaction: bundle.chargeId!, transfer_group: bundle.id, metadata: { payout_id: payout.id } },
			{ idempotencyKey: payout.id },
		)
		const dayAgo = new Date(Date.now() - 25 * HOUR)
		await getDb().update(payouts).set({ status: 'failed', attempts: 1, firstAttemptedAt: dayAgo }).where(eq(payouts.id, payout.id))
		emulator.forgetIdempotencyKeys()
		expect(await releasePayout(payout.id, new Date())).toBe('released')
		expect(transfersOf(payout.id)).toHaveLength(1)
		expect((await payoutOf(session.id))!.stripeTransferId).toBe(transfersOf(payout.id)[0]!.id)
	})

	test('a retry minutes after a first try whose outcome is unknown finds its transfer, even if Stripe no longer knows the key', async () => {
		const bundle = await activeBundle()
		const session = await heldSession(bundle, 0, 'completed')
		const payout = (await payoutOf(session.id))!
		// The first try was recorded as started, reached Stripe, then the process died before its answer was recorded.
		const account = emulator.store.all('account').find((a) => a.metadata.mentora_user_id === bundle.mentorId)!
		await getStripe().transfers.create(
			{ amount: payout.amountCents, currency: 'eur', destination: account.id, source_transaction: bundle.chargeId!, transfer_group: bundle.id, metadata: { payout_id: payout.id } },
			{ idempotencyKey: payout.id },
		)
		await getDb()
			.update(payouts)
			.set({ attempts: 1, firstAttemptedAt: new Date(Date.now() - 5 * 60_000) })
			.where(eq(payouts.id, payout.id))
		emulator.forgetIdempotencyKeys()
		expect(await releasePayout(payout.id, new Date())).toBe('released')
		expect(transfersOf(payout.id)).toHaveLength(1)
		expect((await payoutOf(session.id))!.stripeTransferId).toBe(transfersOf(payout.id)[0]!.id)
	})

	test('a mentor whose account loses the transfers capability has payouts put on hold, not failed', async () => {
		const bundle = await activeBundle()
		const session = await heldSession(bundle, 0, 'completed')
		const account = emulator.store.all('account').find((a) => a.metadata.mentora_user_id === bundle.mentorId)!
		// Stripe restricted the account, and its webhook has not arrived yet.
		account.capabilities.transfers = 'inactive'
		expect(await releasePayout((await payoutOf(session.id))!.id, new Date())).toBe('on_hold')
		expect(await payoutOf(session.id)).toMatchObject({ status: 'on_hold', attempts: 1 })
	})

	test('the database refuses a released payout without a transfer', async () => {
		const bundle = await activeBundle()
		const session = await heldSession(bundle, 0, 'completed')
		const result = await getDb()
			.update(payouts)
			.set({ status: 'released' })
			.where(eq(payouts.sessionId, session.id))
			.then(
				() => 'updated',
				(e: { cause?: { constraint_name?: string } }) => e.cause?.constraint_name,
			)
		expect(result).toBe('payouts_released_iff_transfer')
		expect((await getDb().select().from(bundles).where(eq(bundles.id, bundle.id))).length).toBe(1)
	})
})
