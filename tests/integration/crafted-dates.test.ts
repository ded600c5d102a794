import { count, eq } from 'drizzle-orm'
import { afterEach, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { availabilityCalendars, mentorProfiles, sessions } from '../../db/schema'
import * as availability from '../../app/routes/api.v1.me.availability.$type'
import * as bookingsIndex from '../../app/routes/api.v1.bookings._index'
import * as slots from '../../app/routes/api.v1.mentors.$slug.slots'
import { action as bookIntroPage } from '../../app/routes/mentors.$slug_.book'
import { action as bookPaidPage } from '../../app/routes/mentors.$slug_.book-paid'
import * as availabilityPage from '../../app/routes/settings.availability/route'
import { createSession } from '../../app/services/auth-sessions.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { call } from '../support/http'
import { createUser } from '../support/factories'
import { submit } from '../support/forms'

/** Dates no person types but a script can send: each answers 4xx in the error shape, never a 500. */

/** A Monday, 09:00 in Berlin. */
const NOW = new Date('2027-03-01T08:00:00Z')
afterEach(() => resetClock())

async function person(role: 'mentee' | 'mentor') {
	const { user } = await createUser({ role })
	const { token } = await createSession(user.id, NOW)
	const [profile] = await getDb().select({ slug: mentorProfiles.slug }).from(mentorProfiles).where(eq(mentorProfiles.userId, user.id))
	return { user, cookie: `mentora_session=${token}`, slug: profile?.slug ?? '' }
}

const sessionCount = async () => (await getDb().select({ n: count() }).from(sessions))[0]?.n

describe('an offset of 24 hours or more, which ISO allows to be written but no date can hold', () => {
	const start = '2026-12-12T10:00:00+24:00'

	test('POST /api/v1/bookings answers 422 with fields.start and books nothing', async () => {
		freezeClockAt(NOW)
		const [mentor, mentee] = [await person('mentor'), await person('mentee')]
		const before = await sessionCount()
		for (const type of ['intro', 'paid']) {
			const res = await call(bookingsIndex.action, {
				path: '/api/v1/bookings',
				cookie: mentee.cookie,
				body: { mentor: mentor.slug, type, start, introForm: { helpWith: 'Moving into data work', goals: 'A plan' } },
			})
			expect(res.response.status).toBe(422)
			expect(res.json.error.code).toBe('validation_failed')
			expect(res.json.error.fields).toHaveProperty('start')
		}
		expect(await sessionCount()).toBe(before)
	})

	test('the intro and paid booking forms of a mentor page answer 400 and book nothing', async () => {
		freezeClockAt(NOW)
		const mentee = await person('mentee')
		const before = await sessionCount()
		const intro = await submit(bookIntroPage, {
			path: '/mentors/someone/book',
			cookie: mentee.cookie,
			fields: { start, helpWith: 'Moving into data work', goals: 'A plan' },
		})
		expect(intro.status).toBe(400)
		const paid = await submit(bookPaidPage, { path: '/mentors/someone/book-paid', cookie: mentee.cookie, fields: { start } })
		expect(paid.status).toBe(400)
		expect(await sessionCount()).toBe(before)
	})
})

describe('dates at the ends of the calendar', () => {
	test('slots asked for in the year 9999 answer 422 with fields.from: no calendar opens that far ahead', async () => {
		freezeClockAt(NOW)
		const mentor = await person('mentor')
		const query = `?from=${encodeURIComponent('9999-12-31T00:00:00Z')}&to=${encodeURIComponent('9999-12-31T23:00:00Z')}`
		for (const type of ['intro', 'paid']) {
			const res = await call(slots.loader, {
				path: `/api/v1/mentors/${mentor.slug}/slots${query}&type=${type}`,
				params: { slug: mentor.slug },
				cookie: null,
			})
			expect(res.response.status).toBe(422)
			expect(res.json.error.code).toBe('validation_failed')
			expect(res.json.error.fields).toHaveProperty('from')
		}
	})

	test('an availability override dated 0000-01-01 answers 422 with the field named and saves nothing', async () => {
		freezeClockAt(NOW)
		const mentor = await person('mentor')
		for (const override of [{ date: '0000-01-01', blocked: true }, { date: '0000-01-01', windows: [{ start: '09:00', end: '10:00' }] }]) {
			const res = await call(availability.action, {
				method: 'PUT',
				path: '/api/v1/me/availability/intro',
				cookie: mentor.cookie,
				params: { type: 'intro' },
				body: { timeZone: 'Europe/Berlin', weekly: [], overrides: [override], bufferMinutes: 0 },
			})
			expect(res.response.status).toBe(422)
			expect(res.json.error.fields).toHaveProperty(['overrides.0.date'])
		}
		const saved = await getDb().select().from(availabilityCalendars).where(eq(availabilityCalendars.mentorId, mentor.user.id))
		expect(saved).toEqual([])
	})

	test('the availability page clamps ?week=0001-01-01 and ?week=9999-12-31 to the nearest week within a year of today', async () => {
		freezeClockAt(NOW)
		const mentor = await person('mentor')
		const load = async (week: string) => {
			const response = await submit(availabilityPage.loader, { path: `/settings/availability?week=${week}`, cookie: mentor.cookie })
			expect(response.status).toBe(200)
			return (await response.json()).week as { title: string; days: { date: string }[] }
		}
		const past = await load('0001-01-01')
		expect(past.days[0]!.date).toBe('2026-03-02')
		const future = await load('9999-12-31')
		expect(future.days[0]!.date).toBe('2028-02-28')
		// A week inside the year either side is shown as asked.
		expect((await load('2027-06-09')).days[0]!.date).toBe('2027-06-07')
	})
})
