/**
 * Bundle money, as pure arithmetic in integer cents: per-session price, the mentor's share of a
 * confirmed session, what a refund may give back, and expiry. PRODUCT.md: "each confirmed session
 * transfers the mentor's share (session price × (1 − platform fee))"; "Refunds: the whole bundle
 * when no credit was used, otherwise the unused credits at the per-session price … Never more
 * than was paid minus what was already refunded."
 */
import { DateTime } from 'luxon'

export const CURRENCIES = ['eur', 'usd', 'gbp', 'chf', 'cad', 'aud', 'inr', 'mxn'] as const
export type Currency = (typeof CURRENCIES)[number]

export type BundleMoney = {
	priceCents: number
	creditsTotal: number
	creditsReserved: number
	creditsConsumed: number
	creditsRefunded: number
	amountRefunded: number
}

/** Offers split evenly (a CHECK holds them to it); older odd prices round down, never up. */
export function perSessionCents(bundle: { priceCents: number; creditsTotal: number }): number {
	return Math.floor(bundle.priceCents / bundle.creditsTotal)
}

/** The mentor's share of one session, rounded down to the cent: the platform keeps the fraction. */
export function mentorShareCents(perSession: number, feePercent: number): number {
	return Math.floor((perSession * (100 - feePercent)) / 100)
}

export function availableCredits(b: Pick<BundleMoney, 'creditsTotal' | 'creditsReserved' | 'creditsConsumed' | 'creditsRefunded'>): number {
	return b.creditsTotal - b.creditsReserved - b.creditsConsumed - b.creditsRefunded
}

export type RefundPlan =
	| { ok: true; kind: 'whole' | 'unused'; credits: number; amountCents: number }
	| { ok: false; code: 'nothing_to_refund'; message: string }

/**
 * What an admin's refund gives back, after any future sessions being cancelled with it have
 * returned their credits (pass the bundle as it will be then). A bundle never used is refunded
 * whole; otherwise each unused credit at the per-session price; always capped at paid − refunded.
 */
export function planRefund(bundle: BundleMoney): RefundPlan {
	const left = bundle.priceCents - bundle.amountRefunded
	const unused = availableCredits(bundle)
	const untouched = bundle.creditsConsumed === 0 && bundle.creditsReserved === 0 && bundle.creditsRefunded === 0
	const plan = untouched
		? { kind: 'whole' as const, credits: unused, amountCents: left }
		: { kind: 'unused' as const, credits: unused, amountCents: Math.min(unused * perSessionCents(bundle), left) }
	if (plan.amountCents <= 0 || plan.credits <= 0) {
		return { ok: false, code: 'nothing_to_refund', message: 'This bundle has no unused session left to refund.' }
	}
	return { ok: true, ...plan }
}

export type StripeRefundState = { amountRefunded: number; creditsRefunded: number; fullyRefunded: boolean }

/**
 * What Stripe's refunded total on a bundle's charge means for the bundle, whoever refunded (an
 * admin in Mentora, or someone in Stripe's dashboard) and in whatever order the news arrives:
 * - the refunded amount only moves up, to Stripe's figure, never above the price;
 * - every credit the refunded money touches is no longer bookable: `ceil(refunded ÷ per-session
 *   price)` credits count as refunded, so Mentora never gives a session whose price it no longer
 *   holds (an admin refund is whole credits, so it counts exactly what it refunded);
 * - credits reserved or consumed stay theirs: only unused credits are taken;
 * - the whole price refunded takes every unused credit, and the bundle is `fullyRefunded`.
 * Applying it again, or to an older total after a newer one, changes nothing.
 */
export function reconcileStripeRefund(bundle: BundleMoney, stripeRefundedCents: number): StripeRefundState {
	const amountRefunded = Math.min(bundle.priceCents, Math.max(bundle.amountRefunded, stripeRefundedCents))
	const fullyRefunded = bundle.priceCents > 0 && amountRefunded >= bundle.priceCents
	const perSession = perSessionCents(bundle)
	const covered = fullyRefunded ? bundle.creditsTotal : perSession > 0 ? Math.ceil(amountRefunded / perSession) : 0
	const unusedCap = bundle.creditsTotal - bundle.creditsReserved - bundle.creditsConsumed
	return { amountRefunded, creditsRefunded: Math.max(bundle.creditsRefunded, Math.min(covered, unusedCap)), fullyRefunded }
}

/** A bundle bought with a validity runs out that many calendar months after payment (in UTC). */
export function bundleExpiry(paidAt: Date, validityMonths: number | null): Date | null {
	if (!validityMonths) return null
	return DateTime.fromJSDate(paidAt, { zone: 'utc' }).plus({ months: validityMonths }).toJSDate()
}

/** One formatter per locale and currency: building an Intl.NumberFormat costs far more than using it. */
const moneyFormats = new Map<string, Intl.NumberFormat>()

/** "€60.00", "US$240.00": the currency always named, in the viewer's locale. */
export function formatMoney(cents: number, currency: string, locale = 'en-GB'): string {
	const key = `${locale}|${currency.toUpperCase()}`
	let format = moneyFormats.get(key)
	if (!format) {
		format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() })
		if (moneyFormats.size < 200) moneyFormats.set(key, format)
	}
	return format.format(cents / 100)
}
