import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { engagementPeriods, programmes, registrations, relationships } from '../../db/schema'
import { person } from '../support/outbox'

async function programme(slug = `p-${Math.random().toString(36).slice(2, 8)}`) {
	const [row] = await getDb().insert(programmes).values({ slug, name: 'Leadership 2027', matchingMode: 'admin' }).returning()
	return row!
}

async function registration() {
	const p = await programme()
	const mentee = await person('mentee')
	const [row] = await getDb().insert(registrations).values({ programmeId: p.id, userId: mentee.id, role: 'mentee', status: 'in_progress' }).returning()
	return row!
}

/** The SQLSTATE and constraint of a refused write (drizzle wraps the driver's error as `cause`). */
async function refusedBy(write: Promise<unknown>) {
	try {
		await write
	} catch (error) {
		const e = ((error as { cause?: unknown }).cause ?? error) as { code: string; constraint_name: string }
		return { code: e.code, constraint: e.constraint_name }
	}
	throw new Error('expected the database to refuse the write')
}

describe('programme tables: what PostgreSQL itself refuses', () => {
	test('a programme gets its defaults: one-to-one, no manager validation, 45 lapse days, an open audience', async () => {
		const p = await programme()
		expect(p).toMatchObject({
			groupSize: 1,
			managerValidation: false,
			lapseDays: 45,
			weights: null,
			audience: { roles: [], departments: [], locations: [], emailDomains: [] },
		})
	})

	test('slugs are unique and well formed; a group holds at least one mentee', async () => {
		const p = await programme()
		expect(await refusedBy(programme(p.slug))).toMatchObject({ code: '23505', constraint: 'programmes_slug_unique' })
		expect(await refusedBy(programme('Not A Slug'))).toMatchObject({ code: '23514', constraint: 'programmes_slug_format' })
		const write = getDb().insert(programmes).values({ slug: 'zero-group', name: 'x', matchingMode: 'self', groupSize: 0 })
		expect(await refusedBy(write)).toMatchObject({ code: '23514', constraint: 'programmes_group_size_range' })
	})

	test('one open registration per programme, person and role; a closed one may be followed by a new one', async () => {
		const p = await programme()
		const mentee = await person('mentee')
		const values = { programmeId: p.id, userId: mentee.id, role: 'mentee' as const }
		const [first] = await getDb().insert(registrations).values(values).returning()
		expect(await refusedBy(getDb().insert(registrations).values(values))).toMatchObject({ code: '23505', constraint: 'registrations_open_unique' })
		// The same person may register on the other side at once.
		await getDb().insert(registrations).values({ ...values, role: 'mentor' })
		await getDb().update(registrations).set({ status: 'withdrawn' }).where(eq(registrations.id, first!.id))
		await getDb().insert(registrations).values(values)
	})

	test('a declined registration carries its reason; only a mentor registration has a capacity', async () => {
		const p = await programme()
		const mentee = await person('mentee')
		const declined = getDb().insert(registrations).values({ programmeId: p.id, userId: mentee.id, role: 'mentee', status: 'declined' })
		expect(await refusedBy(declined)).toMatchObject({ code: '23514', constraint: 'registrations_declined_has_reason' })
		const capacity = getDb().insert(registrations).values({ programmeId: p.id, userId: mentee.id, role: 'mentee', capacity: 2 })
		expect(await refusedBy(capacity)).toMatchObject({ code: '23514', constraint: 'registrations_capacity_for_mentors' })
	})

	test('a period ends on or after its start', async () => {
		const r = await registration()
		await getDb().insert(engagementPeriods).values({ registrationId: r.id, startDate: '2027-01-10', endDate: '2027-01-10' })
		const backwards = getDb().insert(engagementPeriods).values({ registrationId: r.id, startDate: '2027-03-10', endDate: '2027-03-09' })
		expect(await refusedBy(backwards)).toMatchObject({ code: '23514', constraint: 'engagement_periods_end_after_start' })
	})

	test('periods of one registration never overlap (dates inclusive, an open end runs on); another registration may', async () => {
		const r = await registration()
		const other = await registration()
		const add = (registrationId: string, startDate: string, endDate: string | null) =>
			getDb().insert(engagementPeriods).values({ registrationId, startDate, endDate })
		await add(r.id, '2027-01-01', '2027-01-31')
		expect(await refusedBy(add(r.id, '2027-01-31', '2027-02-15'))).toMatchObject({ code: '23P01', constraint: 'engagement_periods_no_overlap' })
		await add(r.id, '2027-02-01', null)
		expect(await refusedBy(add(r.id, '2030-05-01', '2030-05-02'))).toMatchObject({ code: '23P01', constraint: 'engagement_periods_no_overlap' })
		await add(other.id, '2027-01-01', null)
	})

	test('a relationship may belong to a programme', async () => {
		const p = await programme()
		const [mentor, mentee] = [await person('mentor'), await person('mentee')]
		const [row] = await getDb().insert(relationships).values({ mentorId: mentor.id, menteeId: mentee.id, origin: 'admin', programmeId: p.id }).returning()
		expect(row!.programmeId).toBe(p.id)
	})
})
