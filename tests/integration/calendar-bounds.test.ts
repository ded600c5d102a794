import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { mentorProfiles } from '../../db/schema'
import { MAX_BOOKING_WINDOW_DAYS, MAX_WINDOWS_PER_DAY, MIN_SLOT_MINUTES } from '../../app/rules/availability'
import { MAX_SLOT_RANGE_DAYS, MAX_SLOTS_PER_QUERY } from '../../app/rules/slots'
import * as availability from '../../app/routes/api.v1.me.availability.$type'
import * as slots from '../../app/routes/api.v1.mentors.$slug.slots'
import * as availabilityPage from '../../app/routes/settings.availability/route'
import { createSession } from '../../app/services/auth-sessions.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { call } from '../support/http'
import { createUser } from '../support/factories'
import { submit } from '../support/forms'

/** What one calendar may hold and what one slots request may ask: bounded, so no request stalls the others. */

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
/** A Monday; the range below crosses Berlin's spring-forward night of 28 March 2027. */
const NOW = new Date('2027-03-01T08:00:00Z')
afterEach(() => resetClock())

async function mentor() {
	const { user } = await createUser({ role: 'mentor' })
	const { token } = await createSession(user.id, NOW)
	const [profile] = await getDb().select({ slug: mentorProfiles.slug }).from(mentorProfiles).where(eq(mentorProfiles.userId, user.id))
	return { user, cookie: `mentora_session=${token}`, slug: profile!.slug }
}

type Mentor = Awaited<ReturnType<typeof mentor>>

const putPaid = (who: Mentor, body: unknown) =>
	call(availability.action, { method: 'PUT', path: '/api/v1/me/availability/paid', cookie: who.cookie, params: { type: 'paid' }, body })
const getPaid = (who: Mentor) => call(availability.loader, { path: '/api/v1/me/availability/paid', cookie: who.cookie, params: { type: 'paid' } })
const getSlots = (slug: string, from: Date, to: Date) =>
	call(slots.loader, {
		path: `/api/v1/mentors/${slug}/slots?type=paid&from=${from.toISOString()}&to=${to.toISOString()}`,
		params: { slug },
		cookie: null,
	})

const hhmm = (minutes: number) =>
	minutes >= 1440 ? '24:00' : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
/** A day cut into the most windows it may hold, touching, covering 00:00–24:00; `shift` moves them later. */
const fullDay = (shift = 0) =>
	Array.from({ length: MAX_WINDOWS_PER_DAY }, (_, i) => {
		const length = 1440 / MAX_WINDOWS_PER_DAY
		return { start: hhmm(i * length + shift), end: hhmm(Math.min(1440, (i + 1) * length + shift)) }
	})
const date = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString().slice(0, 10)

/** The worst calendar the bounds allow, the bench's: every weekday full, the shortest slots, a year ahead, every date with extra windows. */
const worst = {
	timeZone: 'Europe/Berlin',
	weekly: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => fullDay().map((w) => ({ weekday, ...w }))),
	overrides: Array.from({ length: MAX_SLOT_RANGE_DAYS + 1 }, (_, d) => ({ date: date(d), windows: fullDay(5) })),
	bufferMinutes: 0,
	slotMinutes: MIN_SLOT_MINUTES,
	bookingWindow: { minLeadMinutes: 0, maxLeadMinutes: MAX_BOOKING_WINDOW_DAYS * 24 * 60 },
}
const plain = { timeZone: 'Europe/Berlin', weekly: [], overrides: [], bufferMinutes: 0, slotMinutes: 60, bookingWindow: { minLeadMinutes: 0, maxLeadMinutes: 30 * 24 * 60 } }

describe('the worst calendar the bounds allow', () => {
	test('saves, and a slots request over the longest range lists at most the cap, the earliest, and says it was cut', async () => {
		freezeClockAt(NOW)
		const m = await mentor()
		const saved = await putPaid(m, worst)
		expect(saved.response.status).toBe(200)

		const to = new Date(NOW.getTime() + MAX_SLOT_RANGE_DAYS * DAY)
		const listed = await getSlots(m.slug, NOW, to)
		expect(listed.response.status).toBe(200)
		expect(listed.json.slots).toHaveLength(MAX_SLOTS_PER_QUERY)
		expect(listed.json.truncated).toBe(true)
		const starts = listed.json.slots.map((s: { start: string }) => Date.parse(s.start))
		expect(starts[0]).toBe(NOW.getTime())
		expect(starts.every((t: number, i: number) => i === 0 || t > starts[i - 1]!)).toBe(true)

		// The rest comes from where the list stopped; a short range is not cut.
		const lastEnd = new Date(listed.json.slots.at(-1).end)
		const next = await getSlots(m.slug, lastEnd, new Date(lastEnd.getTime() + DAY))
		expect(Date.parse(next.json.slots[0].start)).toBeGreaterThanOrEqual(lastEnd.getTime())
		expect(next.json.truncated).toBe(false)
	})

	test('a range one second longer than the longest answers 422 range_too_large naming `to`', async () => {
		freezeClockAt(NOW)
		const m = await mentor()
		const res = await getSlots(m.slug, NOW, new Date(NOW.getTime() + MAX_SLOT_RANGE_DAYS * DAY + 1000))
		expect(res.response.status).toBe(422)
		expect(res.json.error.code).toBe('range_too_large')
		expect(res.json.error.fields).toHaveProperty('to')
	})
})

describe('a calendar beyond the bounds is refused with 422, its code and field, and nothing of it saved', () => {
	const monday = (start: string, end: string) => ({ weekday: 1, start, end })

	test.each<[string, unknown, string, string]>([
		[
			'the calendar of the report: 100 weekly windows of 00:00–24:00',
			{ ...worst, overrides: [], weekly: Array.from({ length: 100 }, (_, i) => ({ weekday: (i % 7) + 1, start: '00:00', end: '24:00' })) },
			'too_many_windows',
			'weekly',
		],
		['13 windows on a Monday', { ...plain, weekly: Array.from({ length: 13 }, (_, i) => monday(hhmm(i * 60), hhmm(i * 60 + 30))) }, 'too_many_windows', 'weekly'],
		['two Monday windows that overlap', { ...plain, weekly: [monday('09:00', '12:00'), monday('11:00', '13:00')] }, 'windows_overlap', 'weekly.1.start'],
		['a window inside another', { ...plain, weekly: [monday('08:00', '18:00'), monday('10:00', '11:00')] }, 'windows_overlap', 'weekly.1.start'],
		[
			'13 extra windows on one date, over two overrides',
			{ ...plain, overrides: [{ date: date(3), windows: fullDay() }, { date: date(3), windows: [{ start: '23:00', end: '23:30' }] }] },
			'too_many_windows',
			'overrides.0.windows',
		],
		[
			'extra windows on one date that overlap',
			{ ...plain, overrides: [{ date: date(3), windows: [{ start: '10:00', end: '12:00' }] }, { date: date(3), windows: [{ start: '11:30', end: '13:00' }] }] },
			'windows_overlap',
			'overrides.1.windows.0.start',
		],
		['5-minute sessions', { ...plain, slotMinutes: 5 }, 'slot_too_short', 'slotMinutes'],
		[
			'bookings opened 366 days ahead',
			{ ...plain, bookingWindow: { minLeadMinutes: 0, maxLeadMinutes: 366 * 24 * 60 } },
			'booking_window_too_long',
			'bookingWindow.maxLeadMinutes',
		],
	])('%s', async (_name, body, code, field) => {
		freezeClockAt(NOW)
		const m = await mentor()
		expect((await putPaid(m, { ...plain, weekly: [monday('09:00', '10:00')] })).response.status).toBe(200)
		const before = (await getPaid(m)).json

		const res = await putPaid(m, body)
		expect(res.response.status).toBe(422)
		expect(res.json.error.code).toBe(code)
		expect(res.json.error.fields).toHaveProperty([field])
		expect(res.json.error.message).toBe(res.json.error.fields[field][0])
		expect((await getPaid(m)).json).toEqual(before)
	})

	test('windows that touch are not overlapping, and a window may overlap an extra window of a date', async () => {
		freezeClockAt(NOW)
		const m = await mentor()
		const body = {
			...plain,
			weekly: [monday('09:00', '12:00'), monday('12:00', '13:00')],
			overrides: [{ date: date(7), windows: [{ start: '11:00', end: '14:00' }] }],
		}
		expect((await putPaid(m, body)).response.status).toBe(200)
	})

	test('the availability page refuses the same with the message on the row, and saves nothing', async () => {
		freezeClockAt(NOW)
		const m = await mentor()
		const response = await submit(availabilityPage.action, {
			path: '/settings/availability',
			cookie: m.cookie,
			fields: {
				calendar: 'paid',
				timeZone: 'Europe/Berlin',
				bufferMinutes: '0',
				slotMinutes: '60',
				minLeadHours: '24',
				maxLeadDays: '30',
				'weekly[0].weekday': '1',
				'weekly[0].start': '09:00',
				'weekly[0].end': '12:00',
				'weekly[1].weekday': '1',
				'weekly[1].start': '11:00',
				'weekly[1].end': '13:00',
			},
		})
		expect(response.status).toBe(400)
		const { result } = await response.json()
		expect(result.error['weekly[1].start']).toEqual(['This window overlaps 09:00–12:00 on Monday; join them into one, or make one end where the other starts.'])
		expect((await getPaid(m)).json.weekly).toEqual([])
	})
})
