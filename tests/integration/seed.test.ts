import { and, count, eq, or } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { availabilityCalendars, bundles, engagementPeriods, menteeProfiles, mentorProfiles, programmes, registrations, REGISTRATION_STATUSES, relationships, sessions, SESSION_STATUSES } from '../../db/schema'
import { DEMO_PROGRAMMES } from '../../db/seed-programmes'
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

test('the demo runs two programmes: a cohort big enough to assign, a volunteer programme with manager validation, and every journey status', async () => {
	await seedDemoDataIfEmpty()
	const db = getDb()
	const rows = await db
		.select({ slug: programmes.slug, mode: programmes.matchingMode, managerValidation: programmes.managerValidation, role: registrations.role, status: registrations.status })
		.from(registrations)
		.innerJoin(programmes, eq(programmes.id, registrations.programmeId))
	const leadership = rows.filter((r) => r.slug === DEMO_PROGRAMMES.leadership)
	expect(leadership[0]).toMatchObject({ mode: 'admin', managerValidation: false })
	expect(leadership.filter((r) => r.role === 'mentee')).toHaveLength(60)
	expect(leadership.filter((r) => r.role === 'mentor')).toHaveLength(25)
	expect(leadership.filter((r) => r.role === 'mentee' && r.status === 'searching').length).toBeGreaterThan(30)
	const volunteering = rows.filter((r) => r.slug === DEMO_PROGRAMMES.volunteering)
	expect(volunteering[0]).toMatchObject({ mode: 'self', managerValidation: true })
	expect(new Set(rows.map((r) => r.status))).toEqual(new Set(REGISTRATION_STATUSES))

	// Everyone in progress is in a confirmed programme relationship, and has engagement dates.
	const inProgress = await db
		.select({ id: registrations.id, userId: registrations.userId, programmeId: registrations.programmeId })
		.from(registrations)
		.where(eq(registrations.status, 'in_progress'))
	for (const r of inProgress) {
		const live = await db
			.select({ id: relationships.id })
			.from(relationships)
			.where(and(eq(relationships.programmeId, r.programmeId), eq(relationships.status, 'confirmed'), or(eq(relationships.mentorId, r.userId), eq(relationships.menteeId, r.userId))))
		expect(live.length).toBeGreaterThan(0)
		const [periods] = await db.select({ n: count() }).from(engagementPeriods).where(eq(engagementPeriods.registrationId, r.id))
		expect(periods?.n).toBeGreaterThan(0)
	}
	// The cohort is varied: several languages, zones and departments among the mentees.
	const mentees = await db.select({ languages: menteeProfiles.languages, department: menteeProfiles.department }).from(menteeProfiles)
	expect(new Set(mentees.flatMap((m) => m.languages)).size).toBeGreaterThan(5)
	expect(new Set(mentees.map((m) => m.department)).size).toBeGreaterThan(4)
})

test('no demo mentor holds more programme relationships than their capacity', async () => {
	await seedDemoDataIfEmpty()
	const db = getDb()
	const mentors = await db
		.select({ userId: registrations.userId, programmeId: registrations.programmeId, capacity: registrations.capacity, dossier: mentorProfiles.capacity })
		.from(registrations)
		.innerJoin(mentorProfiles, eq(mentorProfiles.userId, registrations.userId))
		.where(eq(registrations.role, 'mentor'))
	for (const m of mentors) {
		const [live] = await db
			.select({ n: count() })
			.from(relationships)
			.where(and(eq(relationships.programmeId, m.programmeId), eq(relationships.mentorId, m.userId), eq(relationships.status, 'confirmed')))
		expect(live?.n ?? 0).toBeLessThanOrEqual(m.capacity ?? m.dossier)
	}
})
