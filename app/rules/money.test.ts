import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { availableCredits, bundleExpiry, formatMoney, mentorShareCents, perSessionCents, planRefund, type BundleMoney } from './money'

const bundle = (over: Partial<BundleMoney> = {}): BundleMoney => ({
	priceCents: 24_000,
	creditsTotal: 4,
	creditsReserved: 0,
	creditsConsumed: 0,
	creditsRefunded: 0,
	amountRefunded: 0,
	...over,
})

/** Any bundle the database allows: credits within total, refunds within price. */
const bundles = fc
	.record({ sessions: fc.integer({ min: 1, max: 50 }), perSession: fc.integer({ min: 1, max: 100_000 }) })
	.chain(({ sessions, perSession }) =>
		fc
			.tuple(fc.nat({ max: sessions }), fc.nat({ max: sessions }), fc.nat({ max: sessions }), fc.nat({ max: sessions * perSession }))
			.filter(([r, c, f]) => r + c + f <= sessions)
			.map(([creditsReserved, creditsConsumed, creditsRefunded, amountRefunded]) => ({
				priceCents: sessions * perSession,
				creditsTotal: sessions,
				creditsReserved,
				creditsConsumed,
				creditsRefunded,
				amountRefunded,
			})),
	)

describe('money rules', () => {
	test('the mentor gets the session price less the fee, rounded down to the cent', () => {
		expect(mentorShareCents(perSessionCents(bundle()), 20)).toBe(4_800)
		expect(mentorShareCents(3_333, 15)).toBe(2_833)
		expect(mentorShareCents(6_000, 0)).toBe(6_000)
		expect(mentorShareCents(6_000, 100)).toBe(0)
	})

	test('a bundle never used is refunded whole', () => {
		expect(planRefund(bundle())).toEqual({ ok: true, kind: 'whole', credits: 4, amountCents: 24_000 })
	})

	test('a used bundle refunds its unused credits at the per-session price', () => {
		expect(planRefund(bundle({ creditsConsumed: 1, creditsReserved: 1 }))).toEqual({ ok: true, kind: 'unused', credits: 2, amountCents: 12_000 })
		expect(planRefund(bundle({ creditsConsumed: 4 }))).toMatchObject({ ok: false, code: 'nothing_to_refund' })
	})

	test('a second refund finds nothing left once the unused credits were refunded', () => {
		expect(planRefund(bundle({ creditsConsumed: 1, creditsRefunded: 3, amountRefunded: 18_000 }))).toMatchObject({ ok: false })
	})

	test('never more than paid minus already refunded, and never a credit twice', () => {
		fc.assert(
			fc.property(bundles, (b) => {
				const plan = planRefund(b)
				if (!plan.ok) return
				expect(plan.amountCents).toBeGreaterThan(0)
				expect(plan.amountCents + b.amountRefunded).toBeLessThanOrEqual(b.priceCents)
				expect(plan.credits).toBeLessThanOrEqual(availableCredits(b))
				// Refunding applies the plan; what is left afterwards can never be refunded again.
				const after = { ...b, creditsRefunded: b.creditsRefunded + plan.credits, amountRefunded: b.amountRefunded + plan.amountCents }
				expect(planRefund(after).ok).toBe(false)
			}),
		)
	})

	test('payouts plus refunds never exceed what the mentee paid', () => {
		fc.assert(
			fc.property(bundles, fc.integer({ min: 0, max: 100 }), (b, fee) => {
				const fresh = { ...b, creditsRefunded: 0, amountRefunded: 0 }
				const plan = planRefund(fresh)
				const paidOut = (fresh.creditsConsumed + fresh.creditsReserved) * mentorShareCents(perSessionCents(fresh), fee)
				expect(paidOut + (plan.ok ? plan.amountCents : 0)).toBeLessThanOrEqual(fresh.priceCents)
			}),
		)
	})

	test('validity counts calendar months from payment', () => {
		expect(bundleExpiry(new Date('2027-01-31T10:00:00Z'), 1)?.toISOString()).toBe('2027-02-28T10:00:00.000Z')
		expect(bundleExpiry(new Date('2027-01-31T10:00:00Z'), null)).toBeNull()
	})

	test('amounts always name their currency', () => {
		expect(formatMoney(24_000, 'eur')).toBe('€240.00')
		expect(formatMoney(6_000, 'usd')).toBe('US$60.00')
	})
})
