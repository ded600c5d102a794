/**
 * One wording for the same thing on every page and email: how a count is said (plurals by
 * Intl.PluralRules, not by hand), what a bundle's credits are called, and what its status reads as.
 */
const pluralRules = new Intl.PluralRules('en-GB')

/** "1 session", "3 sessions". */
export function plural(count: number, one: string, other: string): string {
	return `${count} ${pluralRules.select(count) === 'one' ? one : other}`
}

/** A bundle's credits: used (a session took place), booked (reserved by a session to come), left (free to book). */
export const CREDIT_LABELS = { consumed: 'Used', reserved: 'Booked', available: 'Left' } as const

export function describeCredits(credits: { consumed: number; reserved: number; available: number }): string {
	return `${credits.consumed} used, ${credits.reserved} booked, ${credits.available} left`
}

type BundleState = { status: string; creditsConsumed: number; creditsReserved: number }

/** A refunded bundle whose sessions were partly used or are still booked is partly refunded, not refunded. */
export function bundleStatusLabel(bundle: BundleState): string {
	switch (bundle.status) {
		case 'active':
			return 'Active'
		case 'refunded':
			return bundle.creditsConsumed + bundle.creditsReserved > 0 ? 'Partly refunded' : 'Refunded'
		case 'expired':
			return 'Expired'
		case 'pending':
			return 'Awaiting payment'
		case 'payment_failed':
			return 'Payment failed'
		default:
			return bundle.status
	}
}
