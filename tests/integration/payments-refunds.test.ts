import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { auditLog, bundles, refunds, sessions } from '../../db/schema'
import { bookPaid } from '../../app/services/booking.server'
import { refundBundle } from '../../app/services/refunds.server'
import { type DomainError } from '../../app/utils/errors'
import { type StripeEmulator } from '../../server/stripe-emulator'
import { approvedContinuation, boughtBundle, bundleNow, heldSession, mentor, person } from '../support/payments'
import { useStripeEmulator } from '../support/stripe'

let emulator: StripeEmulator
beforeAll(async () => {
	emulator = await useStripeEmulator()
})

async function paidBundle() {
	const [mentee, m, admin] = [await person(), await mentor(emulator), await person('admin')]
	await approvedContinuation(mentee.id, m.id)
	const bundleId = await boughtBundle(emulator, mentee.id, m.id)
	await emulator.settled()
	const bundle = await bundleNow(bundleId)
	expect(bundle.status).toBe('active')
	return { mentee, mentor: m, admin, bundle }
}

const stripeRefunds = (chargeId: string) => emulator.store.all('refund').filter((r) => r.charge === chargeId)

describe('admin refunds', () => {
	test('a bundle never used is refunded whole, with an audit row, and can no longer be booked', async () => {
		const { admin, bundle, mentee, mentor: m } = await paidBundle()
		const refund = await refundBundle({ adminId: admin.id, bundleId: bundle.id, reason: 'Mentee changed plans', cancelFutureSessions: false, now: new Date() })
		expect(refund).toMatchObject({ amountCents: 24_000, credits: 4, status: 'succeeded', idempotencyKey: `refund:${refund.id}` })
		expect(stripeRefunds(bundle.chargeId!)).toHaveLength(1)
		expect(await bundleNow(bundle.id)).toMatchObject({ status: 'refunded', amountRefunded: 24_000, creditsRefunded: 4 })
		const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.subjectId, bundle.id))
		expect(audit).toMatchObject({ actorId: admin.id, action: 'bundle.refund', details: { kind: 'whole', amountCents: 24_000, reason: 'Mentee changed plans' } })
		const error = await bookPaid({ menteeId: mentee.id, mentorId: m.id, start: new Date(Date.now() + 72 * 3_600_000), now: new Date() }).catch((e: DomainError) => e)
		expect(error).toMatchObject({ code: 'no_credit' })
		await emulator.settled()
		expect((await bundleNow(bundle.id)).amountRefunded).toBe(24_000)
	})

	test('a used bundle refunds its unused credits at the per-session price, cancelling future sessions when asked', async () => {
		const { admin, bundle } = await paidBundle()
		await heldSession(bundle, 0, 'completed')
		const future = await heldSession(bundle, 1, null)
		const refund = await refundBundle({ adminId: admin.id, bundleId: bundle.id, reason: 'Mentor is leaving', cancelFutureSessions: true, now: new Date() })
		expect(refund).toMatchObject({ amountCents: 18_000, credits: 3, cancelledSessions: 1 })
		expect((await getDb().select().from(sessions).where(eq(sessions.id, future.id)))[0]!.status).toBe('cancelled')
		expect(await bundleNow(bundle.id)).toMatchObject({ creditsConsumed: 1, creditsReserved: 0, creditsRefunded: 3, amountRefunded: 18_000 })
	})

	test('without cancelling, a booked future session keeps its credit and is not refunded', async () => {
		const { admin, bundle } = await paidBundle()
		const future = await heldSession(bundle, 0, null)
		const refund = await refundBundle({ adminId: admin.id, bundleId: bundle.id, reason: 'Partial', cancelFutureSessions: false, now: new Date() })
		expect(refund).toMatchObject({ amountCents: 18_000, credits: 3 })
		expect((await getDb().select().from(sessions).where(eq(sessions.id, future.id)))[0]!.status).toBe('scheduled')
	})

	test('a reason is required, and a refusal writes nothing', async () => {
		const { admin, bundle } = await paidBundle()
		const error = await refundBundle({ adminId: admin.id, bundleId: bundle.id, reason: '  ', cancelFutureSessions: false, now: new Date() }).catch((e: DomainError) => e)
		expect(error).toMatchObject({ code: 'validation_failed' })
		expect(await bundleNow(bundle.id)).toEqual(bundle)
		expect(stripeRefunds(bundle.chargeId!)).toHaveLength(0)
	})

	test('only admins refund', async () => {
		const { mentee, bundle } = await paidBundle()
		const error = await refundBundle({ adminId: mentee.id, bundleId: bundle.id, reason: 'me', cancelFutureSessions: false, now: new Date() }).catch((e: DomainError) => e)
		expect(error).toMatchObject({ code: 'not_allowed' })
	})

	test('two admins clicking at once refund once', async () => {
		const { admin, bundle } = await paidBundle()
		const other = await person('admin')
		const results = await Promise.allSettled(
			[admin, other, admin, other].map((a) => refundBundle({ adminId: a.id, bundleId: bundle.id, reason: 'Duplicate clicks', cancelFutureSessions: false, now: new Date() })),
		)
		const codes = results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as DomainError).code)).sort()
		expect(codes).toEqual(['nothing_to_refund', 'nothing_to_refund', 'nothing_to_refund', 'ok'])
		expect(stripeRefunds(bundle.chargeId!)).toHaveLength(1)
		expect(await getDb().select().from(refunds).where(eq(refunds.bundleId, bundle.id))).toHaveLength(1)
		await emulator.settled()
		expect((await bundleNow(bundle.id)).amountRefunded).toBe(24_000)
		expect(emulator.store.get(bundle.chargeId!, 'charge').amount_refunded).toBe(24_000)
	})

	test('the database itself refuses refunding more than was paid', async () => {
		const { bundle } = await paidBundle()
		const violation = await getDb()
			.update(bundles)
			.set({ amountRefunded: bundle.priceCents + 1 })
			.where(eq(bundles.id, bundle.id))
			.then(
				() => 'updated',
				(e: { cause?: { constraint_name?: string } }) => e.cause?.constraint_name,
			)
		expect(violation).toBe('bundles_refunded_within_paid')
	})
})
