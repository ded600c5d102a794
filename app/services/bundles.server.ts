import { and, desc, eq, ilike, inArray, lte, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { getDb } from '../../db/client'
import { bundles, mentorProfiles, users } from '../../db/schema'
import { type Bundle } from './bundle-purchase.server'

/**
 * Bundles after purchase: what a mentee holds, what admins look up to refund, and expiry.
 * Credits: total, reserved (booked), consumed (held sessions), refunded, and available (the rest).
 */

/** Active bundles past their validity expire; sessions already booked on them still take place. Running it twice changes nothing more. */
export async function expireBundles(now: Date): Promise<string[]> {
	const expired = await getDb()
		.update(bundles)
		.set({ status: 'expired', updatedAt: now })
		.where(and(eq(bundles.status, 'active'), lte(bundles.expiresAt, now)))
		.returning({ id: bundles.id })
	return expired.map((b) => b.id)
}

export type BundleSummary = Bundle & { mentorName: string; mentorSlug: string | null; menteeName: string; menteeEmail: string }

const mentor = alias(users, 'mentor')
const mentee = alias(users, 'mentee')

function summaries() {
	return getDb()
		.select({ bundle: bundles, mentorName: mentor.name, mentorSlug: mentorProfiles.slug, menteeName: mentee.name, menteeEmail: mentee.email })
		.from(bundles)
		.innerJoin(mentor, eq(mentor.id, bundles.mentorId))
		.innerJoin(mentee, eq(mentee.id, bundles.menteeId))
		.leftJoin(mentorProfiles, eq(mentorProfiles.userId, bundles.mentorId))
}

const flatten = (rows: { bundle: Bundle; mentorName: string; mentorSlug: string | null; menteeName: string; menteeEmail: string }[]): BundleSummary[] =>
	rows.map(({ bundle, ...rest }) => ({ ...bundle, ...rest }))

/** A mentee's bought bundles (pending checkouts that never completed are left out). */
export async function listMenteeBundles(menteeId: string, mentorId?: string): Promise<BundleSummary[]> {
	return flatten(
		await summaries()
			.where(and(eq(bundles.menteeId, menteeId), mentorId ? eq(bundles.mentorId, mentorId) : undefined, inArray(bundles.status, ['active', 'refunded', 'expired'])))
			.orderBy(desc(bundles.createdAt)),
	)
}

/** Paid bundles for the admin's refund page, optionally matching a person's name or email. */
export async function searchPaidBundles(query: string, limit = 50): Promise<BundleSummary[]> {
	const q = query.trim()
	const match = q ? or(ilike(mentee.name, `%${q}%`), ilike(mentee.email, `%${q}%`), ilike(mentor.name, `%${q}%`), sql`${bundles.id}::text = ${q}`) : undefined
	return flatten(
		await summaries()
			.where(and(sql`${bundles.chargeId} is not null`, match))
			.orderBy(desc(bundles.paidAt))
			.limit(limit),
	)
}
