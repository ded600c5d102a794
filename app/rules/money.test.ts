import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { availableCredits, bundleExpiry, formatMoney, mentorShareCents, perSessionCents, planRefund, reconcileStripeRefund, type BundleMoney } from './money'

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

describe('a refund Stripe reports', () => {
	const refundedTotals = (b: BundleMoney) => fc.array(fc.nat({ max: b.priceCents + 1_000 }), { minLength: 1, maxLength: 6 })

	test('a full refund takes every unused credit; one session’s price takes one credit; a fraction of one takes it too', () => {
		expect(reconcileStripeRefund(bundle(), 24_000)).toEqual({ amountRefunded: 24_000, creditsRefunded: 4, fullyRefunded: true })
		expect(reconcileStripeRefund(bundle(), 6_000)).toEqual({ amountRefunded: 6_000, creditsRefunded: 1, fullyRefunded: false })
		expect(reconcileStripeRefund(bundle(), 6_001)).toEqual({ amountRefunded: 6_001, creditsRefunded: 2, fullyRefunded: false })
		expect(reconcileStripeRefund(bundle(), 1)).toEqual({ amountRefunded: 1, creditsRefunded: 1, fullyRefunded: false })
		expect(reconcileStripeRefund(bundle(), 0)).toEqual({ amountRefunded: 0, creditsRefunded: 0, fullyRefunded: false })
	})

	test('credits reserved or consumed are never taken, even by a full refund', () => {
		expect(reconcileStripeRefund(bundle({ creditsConsumed: 1, creditsReserved: 1 }), 18_000)).toEqual({ amountRefunded: 18_000, creditsRefunded: 2, fullyRefunded: false })
		expect(reconcileStripeRefund(bundle({ creditsConsumed: 4 }), 24_000)).toEqual({ amountRefunded: 24_000, creditsRefunded: 0, fullyRefunded: true })
	})

	test('within the database’s checks, only ever up, and no bookable credit left unpaid', () => {
		fc.assert(
			fc.property(bundles, fc.nat({ max: 6_000_000 }), (b, stripeRefunded) => {
				const r = reconcileStripeRefund(b, stripeRefunded)
				expect(r.amountRefunded).toBeGreaterThanOrEqual(b.amountRefunded)
				expect(r.amountRefunded).toBeLessThanOrEqual(b.priceCents)
				expect(r.creditsRefunded).toBeGreaterThanOrEqual(b.creditsRefunded)
				expect(b.creditsReserved + b.creditsConsumed + r.creditsRefunded).toBeLessThanOrEqual(b.creditsTotal)
				const available = availableCredits({ ...b, creditsRefunded: r.creditsRefunded })
				expect(available * perSessionCents(b)).toBeLessThanOrEqual(b.priceCents - r.amountRefunded)
				expect(r.fullyRefunded).toBe(r.amountRefunded === b.priceCents)
				if (r.fullyRefunded) expect(available).toBe(0)
			}),
		)
	})

	test('the news in any order, any number of times, ends where the newest total alone does', () => {
		fc.assert(
			fc.property(
				bundles.chain((b) => fc.tuple(fc.constant(b), refundedTotals(b))),
				([b, totals]) => {
					const apply = (order: number[]) =>
						order.reduce<BundleMoney>((state, total) => ({ ...state, ...reconcileStripeRefund(state, total) }), b)
					const newest = { ...b, ...reconcileStripeRefund(b, Math.max(...totals)) }
					const pick = ({ amountRefunded, creditsRefunded }: BundleMoney) => ({ amountRefunded, creditsRefunded })
					expect(pick(apply(totals))).toEqual(pick(newest))
					expect(pick(apply([...totals].reverse()))).toEqual(pick(newest))
					expect(pick(apply([...totals, ...totals]))).toEqual(pick(newest))
				},
			),
		)
	})

	test('after an admin refund, Stripe reporting that same refund takes no further credit', () => {
		fc.assert(
			fc.property(bundles, (b) => {
				const fresh = { ...b, creditsRefunded: 0, amountRefunded: 0 }
				const plan = planRefund(fresh)
				if (!plan.ok) return
				const after = { ...fresh, creditsRefunded: plan.credits, amountRefunded: plan.amountCents }
				expect(reconcileStripeRefund(after, after.amountRefunded).creditsRefunded).toBe(plan.credits)
			}),
		)
	})
})
