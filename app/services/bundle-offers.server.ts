import { and, asc, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { getDb } from '../../db/client'
import { bundleOffers } from '../../db/schema'
import { CURRENCIES } from '../rules/money'
import { DomainError } from '../utils/errors'
import { fieldErrors } from '../utils/validation'

/**
 * A mentor's bundle offers. Bundles copy an offer's terms when bought, so editing or retiring an
 * offer never touches a bundle already sold.
 */

export type BundleOffer = typeof bundleOffers.$inferSelect

/** The mentor types the price of one session; the bundle's price is that times the sessions, so it always splits evenly. */
export const OfferInputSchema = z.object({
	sessionsCount: z.coerce.number({ message: 'Enter how many sessions.' }).int().min(1, 'At least 1 session.').max(50, 'At most 50 sessions.'),
	sessionMinutes: z.coerce.number({ message: 'Enter the session length.' }).int().min(10, 'At least 10 minutes.').max(480, 'At most 8 hours.'),
	sessionPrice: z.coerce
		.number({ message: 'Enter the price of one session.' })
		.min(1, 'At least 1.00 per session.')
		.max(10_000, 'At most 10,000 per session.')
		.refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'Use at most two decimals.'),
	currency: z.enum(CURRENCIES, { message: 'Choose a currency.' }),
	validityMonths: z.preprocess(
		(v) => (v === '' || v === null || v === undefined ? null : v),
		z.coerce.number().int().min(1, 'At least 1 month, or leave empty.').max(36, 'At most 36 months.').nullable(),
	),
})
export type OfferInput = z.input<typeof OfferInputSchema>

function parseOffer(input: unknown) {
	const parsed = OfferInputSchema.safeParse(input)
	if (!parsed.success) throw new DomainError('validation_failed', 'Some fields of the offer are missing or invalid.', fieldErrors(parsed.error))
	const { sessionPrice, ...rest } = parsed.data
	return { ...rest, priceCents: Math.round(sessionPrice * 100) * rest.sessionsCount }
}

export async function listOffers(mentorId: string, options: { includeRetired?: boolean } = {}): Promise<BundleOffer[]> {
	return getDb()
		.select()
		.from(bundleOffers)
		.where(and(eq(bundleOffers.mentorId, mentorId), options.includeRetired ? undefined : isNull(bundleOffers.retiredAt)))
		.orderBy(asc(bundleOffers.sessionsCount), asc(bundleOffers.createdAt))
}

export async function createOffer(mentorId: string, input: unknown, now: Date): Promise<BundleOffer> {
	const values = parseOffer(input)
	const [offer] = await getDb()
		.insert(bundleOffers)
		.values({ mentorId, ...values, createdAt: now, updatedAt: now })
		.returning()
	return offer!
}

async function ownLiveOffer(mentorId: string, offerId: string) {
	if (!z.string().uuid().safeParse(offerId).success) throw new DomainError('not_found', 'That offer does not exist.')
	const [offer] = await getDb().select().from(bundleOffers).where(and(eq(bundleOffers.id, offerId), eq(bundleOffers.mentorId, mentorId)))
	if (!offer) throw new DomainError('not_found', 'That offer does not exist.')
	if (offer.retiredAt) throw new DomainError('offer_unavailable', 'That offer is retired; create a new one instead.')
	return offer
}

export async function updateOffer(mentorId: string, offerId: string, input: unknown, now: Date): Promise<BundleOffer> {
	const values = parseOffer(input)
	await ownLiveOffer(mentorId, offerId)
	const [offer] = await getDb().update(bundleOffers).set({ ...values, updatedAt: now }).where(eq(bundleOffers.id, offerId)).returning()
	return offer!
}

export async function retireOffer(mentorId: string, offerId: string, now: Date): Promise<void> {
	await ownLiveOffer(mentorId, offerId)
	await getDb().update(bundleOffers).set({ retiredAt: now, updatedAt: now }).where(eq(bundleOffers.id, offerId))
}
