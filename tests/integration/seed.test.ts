import { count, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { availabilityCalendars, bundles, sessions, SESSION_STATUSES } from '../../db/schema'
import { seedDemoDataIfEmpty } from '../../db/seed'
import { listMentorSlots } from '../../app/services/calendars.server'

test('the demo holds both calendars for every mentor, sessions in every state and bundles whose credits add up', async () => {
	const now = new Date()
	expect(await seedDemoDataIfEmpty()).toBe(true)
	const db = getDb()
	const [calendars] = await db.select({ n: count() }).from(availabilityCalendars)
	expect(calendars?.n).toBe(10)
	const statuses = new Set((await db.select({ status: sessions.status }).from(sessions)).map((s) => s.status))
	expect([...statuses].sort()).toEqual([...SESSION_STATUSES].sort())

	for (const bundle of await db.select().from(bundles)) {
		const used = await db.select({ status: sessions.status }).from(sessions).where(eq(sessions.bundleId, bundle.id))
		const reserved = used.filter((s) => s.status === 'scheduled' || s.status === 'awaiting_confirmation').length
		const consumed = used.filter((s) => s.status === 'completed' || s.status === 'no_show_mentee').length
		expect([bundle.creditsReserved, bundle.creditsConsumed]).toEqual([reserved, consumed])
		// Paid bundles as a purchase leaves them, so confirming their sessions releases payouts.
		expect(bundle).toMatchObject({ status: 'active', offerId: expect.any(String), chargeId: expect.stringMatching(/^ch_/) })
		expect(bundle.priceCents).toBeGreaterThan(0)
	}
	const { slots } = await listMentorSlots({ mentorSlug: 'lena-hoffmann', type: 'intro', from: now, to: new Date(now.getTime() + 14 * 86_400_000), now })
	expect(slots.length).toBeGreaterThan(10)
})
