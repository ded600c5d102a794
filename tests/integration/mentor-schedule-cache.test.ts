import { eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { availabilityCalendars, bundleOffers, mentorProfiles, mentorSubjects, sessions, subjects } from '../../db/schema'
import { getOfferSection } from '../../app/services/bundle-purchase.server'
import { bookIntroAtSlot, listMentorSlots, saveCalendar } from '../../app/services/calendars.server'
import { getMentorBySlug } from '../../app/services/profiles.server'
import { keptEntryCount, keptForMentor, startMentorScheduleCache, stopMentorScheduleCache } from '../../app/services/mentor-schedule-cache.server'
import { createUser } from '../support/factories'

/**
 * A web process keeps mentors' schedules between requests only while it listens for their changes,
 * and drops a mentor's as soon as anything of it changes, whoever changed it.
 */

const DAY = 24 * 60 * 60_000
/** A Monday; Berlin is on winter time (UTC+1). */
const NOW = new Date('2027-03-01T08:00:00Z')
const weekdays = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday: weekday as 1, start: '09:00', end: '10:00' }))
const form = { helpWith: 'Product', background: '', goals: 'A plan' }

afterEach(() => stopMentorScheduleCache())

async function mentorWithCalendar() {
	const { user } = await createUser({ role: 'mentor' })
	await saveCalendar(user.id, 'intro', { timeZone: 'Europe/Berlin', weekly: weekdays, overrides: [], bufferMinutes: 0 }, NOW)
	const [profile] = await getDb().select({ slug: mentorProfiles.slug }).from(mentorProfiles).where(eq(mentorProfiles.userId, user.id))
	return { mentor: user, slug: profile!.slug }
}

const starts = async (slug: string) =>
	(await listMentorSlots({ mentorSlug: slug, type: 'intro', from: NOW, to: new Date(NOW.getTime() + 14 * DAY), now: NOW })).slots.map((s) => s.start.toISOString())

/** Waits until `check` holds: a notification arrives a moment after the commit, not with it. */
async function eventually(check: () => Promise<boolean>) {
	for (let waited = 0; !(await check()); waited += 20) {
		if (waited > 5000) throw new Error('not within 5 s')
		await new Promise((resolve) => setTimeout(resolve, 20))
	}
}

describe('a mentor’s kept schedule', () => {
	test('is kept only while listening, and a second visit reads it from memory', async () => {
		const { slug } = await mentorWithCalendar()
		await starts(slug)
		expect(keptEntryCount()).toBe(0)

		await startMentorScheduleCache()
		const first = await starts(slug)
		// Who the slug names, the intro calendar, the live sessions.
		expect(keptEntryCount()).toBe(3)
		// A change the triggers cannot see (they are switched off for this one statement) shows that the answer came from memory.
		await getDb().transaction(async (tx) => {
			await tx.execute(sql`SET LOCAL session_replication_role = replica`)
			await tx.update(availabilityCalendars).set({ bufferMinutes: 60 }).where(eq(availabilityCalendars.mentorId, (await mentorOf(slug)).id))
		})
		expect(await starts(slug)).toEqual(first)
	})

	test('drops a mentor’s schedule when a session is booked, and the slot is gone at the next visit', async () => {
		const { mentor, slug } = await mentorWithCalendar()
		const { user: mentee } = await createUser()
		await startMentorScheduleCache()
		const before = await starts(slug)
		expect(before).toContain('2027-03-04T08:00:00.000Z')

		await bookIntroAtSlot({ menteeId: mentee.id, mentorId: mentor.id, start: new Date('2027-03-04T08:00:00Z'), introForm: form, now: NOW })
		await eventually(async () => !(await starts(slug)).includes('2027-03-04T08:00:00.000Z'))
		expect(await starts(slug)).toEqual(before.filter((start) => start !== '2027-03-04T08:00:00.000Z'))
	})

	test('drops it when the calendar is saved, or a session is cancelled by any means (here plain SQL)', async () => {
		const { mentor, slug } = await mentorWithCalendar()
		const { user: mentee } = await createUser()
		await startMentorScheduleCache()
		expect(await starts(slug)).toHaveLength(36)

		const later = weekdays.map((w) => ({ ...w, start: '15:00', end: '16:00' }))
		await saveCalendar(mentor.id, 'intro', { timeZone: 'Europe/Berlin', weekly: later, overrides: [], bufferMinutes: 0 }, NOW)
		await eventually(async () => (await starts(slug))[0] === '2027-03-03T14:00:00.000Z')

		const session = await bookIntroAtSlot({ menteeId: mentee.id, mentorId: mentor.id, start: new Date('2027-03-05T14:00:00Z'), introForm: form, now: NOW })
		await eventually(async () => !(await starts(slug)).includes('2027-03-05T14:00:00.000Z'))
		await getDb().update(sessions).set({ status: 'cancelled' }).where(eq(sessions.id, session.id))
		await eventually(async () => (await starts(slug)).includes('2027-03-05T14:00:00.000Z'))
	})

	test('the public profile and its offers are kept too, and dropped when the profile, a subject or an offer changes', async () => {
		const { mentor, slug } = await mentorWithCalendar()
		await startMentorScheduleCache()
		expect((await getMentorBySlug(slug))?.headline).not.toBe('Kept, then changed')
		expect((await getOfferSection(mentor, null)).offers).toEqual([])
		expect(keptEntryCount()).toBe(2)

		await getDb().update(mentorProfiles).set({ headline: 'Kept, then changed' }).where(eq(mentorProfiles.userId, mentor.id))
		await eventually(async () => (await getMentorBySlug(slug))?.headline === 'Kept, then changed')

		const slug2 = `kept-subject-${Date.now()}`
		await getDb().insert(subjects).values({ slug: slug2, name: `Kept subject ${Date.now()}` })
		await getDb().insert(mentorSubjects).values({ userId: mentor.id, subjectSlug: slug2 })
		await eventually(async () => ((await getMentorBySlug(slug))?.subjects ?? []).some((s) => s.slug === slug2))
		// A subject renamed concerns every mentor who teaches it.
		await getDb().update(subjects).set({ name: `Renamed ${slug2}` }).where(eq(subjects.slug, slug2))
		await eventually(async () => ((await getMentorBySlug(slug))?.subjects ?? []).some((s) => s.name === `Renamed ${slug2}`))

		await getDb().insert(bundleOffers).values({ mentorId: mentor.id, sessionsCount: 5, sessionMinutes: 60, priceCents: 25_000, currency: 'eur' })
		await eventually(async () => (await getOfferSection(mentor, null)).offers.length === 1)
		// A slug that names nobody is not kept: the mentor who takes it later is found.
		const kept = keptEntryCount()
		expect(await getMentorBySlug(`${slug}-nobody`)).toBeNull()
		expect(keptEntryCount()).toBe(kept)
	})

	test('a read that a change of its mentor overtakes is answered but not kept', async () => {
		const { mentor } = await mentorWithCalendar()
		await startMentorScheduleCache()
		const value = await keptForMentor('test:overtaken', async () => {
			// The change commits while the read is under way; its notification arrives before the read ends.
			await getDb().update(availabilityCalendars).set({ bufferMinutes: 30 }).where(eq(availabilityCalendars.mentorId, mentor.id))
			await new Promise((resolve) => setTimeout(resolve, 200))
			return { mentorId: mentor.id, value: 'read before the change' }
		})
		expect(value).toBe('read before the change')
		const again = await keptForMentor('test:overtaken', async () => ({ mentorId: mentor.id, value: 'read again' }))
		expect(again).toBe('read again')
	})

	test('when the listening connection is cut, all is dropped, nothing is kept until it listens again, then keeping resumes', async () => {
		const { slug } = await mentorWithCalendar()
		await startMentorScheduleCache()
		await starts(slug)
		expect(keptEntryCount()).toBe(3)
		await getDb().execute(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN mentor_schedule' AND pid <> pg_backend_pid()`)
		await eventually(async () => keptEntryCount() === 0)
		await starts(slug)
		expect(keptEntryCount()).toBe(0)
		// It listens again after about a second.
		await eventually(async () => {
			await starts(slug)
			return keptEntryCount() === 3
		})
	})
})

async function mentorOf(slug: string) {
	const [row] = await getDb().select({ id: mentorProfiles.userId }).from(mentorProfiles).where(eq(mentorProfiles.slug, slug))
	return row!
}
