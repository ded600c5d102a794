import { asc, eq } from 'drizzle-orm'
import { afterEach, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { bundles, mentorProfiles, sessions } from '../../db/schema'
import * as availability from '../../app/routes/api.v1.me.availability.$type'
import * as bookingAction from '../../app/routes/api.v1.bookings.$id.$action'
import * as bookingsIndex from '../../app/routes/api.v1.bookings._index'
import * as slots from '../../app/routes/api.v1.mentors.$slug.slots'
import { createSession } from '../../app/services/auth-sessions.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { expireInvitations } from '../../jobs/expire-invitations'
import { markEndedSessions } from '../../jobs/mark-ended-sessions'
import { call } from '../support/http'
import { createUser } from '../support/factories'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** A Monday; Berlin is on winter time (UTC+1) until 28 March 2027. */
const NOW = new Date('2027-03-01T08:00:00Z')
const form = { helpWith: 'Moving into product management', background: 'Support lead', goals: 'A plan for the year' }

afterEach(() => resetClock())

/** A person with a session cookie valid at NOW (the factory's own session starts at the real time). */
async function person(role: 'mentee' | 'mentor' = 'mentee', timeZone = 'Europe/Berlin') {
	const { user } = await createUser({ role, timeZone })
	const { token } = await createSession(user.id, NOW)
	const [profile] = await getDb().select({ slug: mentorProfiles.slug }).from(mentorProfiles).where(eq(mentorProfiles.userId, user.id))
	return { user, cookie: `mentora_session=${token}`, slug: profile?.slug ?? '' }
}

type Person = Awaited<ReturnType<typeof person>>

const putCalendar = (who: Person, type: string, body: unknown) =>
	call(availability.action, { method: 'PUT', path: `/api/v1/me/availability/${type}`, cookie: who.cookie, params: { type }, body })
const getCalendar = (who: Person, type: string) =>
	call(availability.loader, { path: `/api/v1/me/availability/${type}`, cookie: who.cookie, params: { type } })
const getSlots = (slug: string, query = '') => call(slots.loader, { path: `/api/v1/mentors/${slug}/slots${query}`, params: { slug }, cookie: null })
const book = (who: Person, body: unknown) => call(bookingsIndex.action, { path: '/api/v1/bookings', cookie: who.cookie, body })
const act = (who: Person, id: string, action: string, body: unknown = {}) =>
	call(bookingAction.action, { path: `/api/v1/bookings/${id}/${action}`, cookie: who.cookie, params: { id, action }, body })
const list = (who: Person, query = '') => call(bookingsIndex.loader, { path: `/api/v1/bookings${query}`, cookie: who.cookie })

/** Wednesdays 09:00–10:00 Berlin: on 3 March 2027 the first slot is 08:00Z, exactly 48 hours after NOW. */
const wednesdayMornings = { timeZone: 'Europe/Berlin', weekly: [{ weekday: 3, start: '09:00', end: '10:00' }], overrides: [], bufferMinutes: 0 }

/** A mentor with the Wednesday intro calendar and two mentees, the clock frozen at NOW. */
async function scene() {
	freezeClockAt(NOW)
	const [mentor, mentee, other] = await Promise.all([person('mentor'), person(), person()])
	expect((await putCalendar(mentor, 'intro', wednesdayMornings)).response.status).toBe(200)
	return { mentor, mentee, other }
}

const sessionRow = async (id: string) => (await getDb().select().from(sessions).where(eq(sessions.id, id)))[0]!
const allSessions = async () => JSON.stringify(await getDb().select().from(sessions).orderBy(asc(sessions.id)))

describe('GET|PUT /api/v1/me/availability/:type', () => {
	test('a calendar never saved answers the defaults in the mentor’s own zone', async () => {
		const mentor = await person('mentor', 'America/New_York')
		const intro = await getCalendar(mentor, 'intro')
		expect(intro.response.status).toBe(200)
		expect(intro.json).toEqual({ timeZone: 'America/New_York', weekly: [], overrides: [], bufferMinutes: 0, meetingLocation: null })
		const paid = await getCalendar(mentor, 'paid')
		expect(paid.json).toEqual({
			timeZone: 'America/New_York',
			weekly: [],
			overrides: [],
			bufferMinutes: 0,
			slotMinutes: 60,
			bookingWindow: { minLeadMinutes: 1440, maxLeadMinutes: 86400 },
			meetingLocation: null,
		})
	})

	test('PUT then GET gives back what was saved, in a zone with DST, and a second PUT replaces it all', async () => {
		const mentor = await person('mentor')
		const body = {
			timeZone: 'America/New_York',
			weekly: [
				{ weekday: 1, start: '09:00', end: '12:00' },
				{ weekday: 1, start: '14:00', end: '17:30' },
				{ weekday: 7, start: '20:00', end: '24:00' },
			],
			overrides: [
				// 14 March 2027 is New York's spring-forward night.
				{ date: '2027-03-14', windows: [{ start: '01:00', end: '04:00' }] },
				{ date: '2027-03-28', blocked: true },
			],
			bufferMinutes: 15,
			slotMinutes: 45,
			bookingWindow: { minLeadMinutes: 720, maxLeadMinutes: 43200 },
			meetingLocation: 'https://meet.example.com/room',
		}
		const saved = await putCalendar(mentor, 'paid', body)
		expect(saved.response.status).toBe(200)
		expect(saved.json).toEqual(body)
		expect((await getCalendar(mentor, 'paid')).json).toEqual(body)
		// The intro calendar is separate and keeps its defaults.
		expect((await getCalendar(mentor, 'intro')).json.weekly).toEqual([])

		const replaced = { ...body, weekly: [{ weekday: 2, start: '08:00', end: '09:00' }], overrides: [] }
		await putCalendar(mentor, 'paid', replaced)
		expect((await getCalendar(mentor, 'paid')).json).toEqual(replaced)
	})

	test('bad input answers 422 with a message per field and saves nothing', async () => {
		const mentor = await person('mentor')
		const { response, json } = await putCalendar(mentor, 'intro', {
			timeZone: 'Mars/Olympus_Mons',
			weekly: [
				{ weekday: 1, start: '9:00', end: '12:00' },
				{ weekday: 2, start: '12:00', end: '11:00' },
				{ weekday: 8, start: '09:00', end: '10:00' },
			],
			overrides: [{ date: '2027-02-30', blocked: true }],
			bufferMinutes: 121,
		})
		expect(response.status).toBe(422)
		expect(json.error.code).toBe('validation_failed')
		expect(Object.keys(json.error.fields).sort()).toEqual(
			['bufferMinutes', 'overrides.0.date', 'timeZone', 'weekly.0.start', 'weekly.1.end', 'weekly.2.weekday'].sort(),
		)
		expect(json.error.fields['weekly.1.end']).toEqual(['The end must be after the start.'])
		const twice = await putCalendar(mentor, 'intro', {
			...wednesdayMornings,
			overrides: [
				{ date: '2027-03-28', blocked: true },
				{ date: '2027-03-28', blocked: true },
			],
		})
		expect(twice.response.status).toBe(422)
		expect(twice.json.error.fields).toEqual({ 'overrides.1.date': ['This date is already blocked.'] })
		expect((await getCalendar(mentor, 'intro')).json.weekly).toEqual([])
	})

	test('a mentee may not set availability (403), a visitor must log in (401), an unknown calendar is 404', async () => {
		const mentee = await person()
		const refused = await putCalendar(mentee, 'intro', wednesdayMornings)
		expect(refused.response.status).toBe(403)
		expect(refused.json.error.code).toBe('not_allowed')
		const anonymous = await call(availability.loader, { path: '/api/v1/me/availability/intro', params: { type: 'intro' } })
		expect(anonymous.response.status).toBe(401)
		const mentor = await person('mentor')
		const unknown = await getCalendar(mentor, 'weekend')
		expect(unknown.response.status).toBe(404)
		expect(unknown.json.error.code).toBe('not_found')
		const malformed = await call(availability.action, {
			method: 'PUT',
			path: '/api/v1/me/availability/intro',
			cookie: mentor.cookie,
			params: { type: 'intro' },
			rawBody: '{"timeZone": ',
		})
		expect(malformed.response.status).toBe(400)
		expect(malformed.json.error.code).toBe('invalid_json')
	})
})

describe('GET /api/v1/mentors/:slug/slots', () => {
	test('lists the saved calendar’s slots as UTC instants, 09:00 Berlin on both sides of the DST change', async () => {
		const mentor = await person('mentor')
		freezeClockAt(new Date('2027-03-20T08:00:00Z'))
		await putCalendar(mentor, 'intro', { ...wednesdayMornings, weekly: [{ weekday: 1, start: '09:00', end: '10:00' }] })
		const { response, json } = await getSlots(mentor.slug, '?tz=America/New_York')
		expect(response.status).toBe(200)
		expect(json.timeZone).toBe('America/New_York')
		expect(json.slots).toEqual([
			{ start: '2027-03-22T08:00:00.000Z', end: '2027-03-22T08:20:00.000Z' },
			{ start: '2027-03-22T08:20:00.000Z', end: '2027-03-22T08:40:00.000Z' },
			{ start: '2027-03-22T08:40:00.000Z', end: '2027-03-22T09:00:00.000Z' },
			{ start: '2027-03-29T07:00:00.000Z', end: '2027-03-29T07:20:00.000Z' },
			{ start: '2027-03-29T07:20:00.000Z', end: '2027-03-29T07:40:00.000Z' },
			{ start: '2027-03-29T07:40:00.000Z', end: '2027-03-29T08:00:00.000Z' },
		])
	})

	test('a blocked date wins over extra windows on it, and a booked slot is no longer offered', async () => {
		const { mentor, mentee } = await scene()
		await putCalendar(mentor, 'intro', {
			...wednesdayMornings,
			overrides: [
				{ date: '2027-03-10', blocked: true },
				{ date: '2027-03-10', windows: [{ start: '14:00', end: '15:00' }] },
				{ date: '2027-03-17', blocked: true },
			],
		})
		const range = '?from=2027-03-01T00:00:00Z&to=2027-03-20T00:00:00Z'
		const before = (await getSlots(mentor.slug, range)).json.slots.map((s: { start: string }) => s.start)
		expect(before).toEqual(['2027-03-03T08:00:00.000Z', '2027-03-03T08:20:00.000Z', '2027-03-03T08:40:00.000Z'])
		expect((await book(mentee, { mentor: mentor.slug, type: 'intro', start: '2027-03-03T08:20:00Z', introForm: form })).response.status).toBe(201)
		const after = (await getSlots(mentor.slug, range)).json.slots.map((s: { start: string }) => s.start)
		expect(after).toEqual(['2027-03-03T08:00:00.000Z', '2027-03-03T08:40:00.000Z'])
	})

	test('a paid session takes its time out of the intro calendar too', async () => {
		const { mentor, mentee } = await scene()
		await putCalendar(mentor, 'paid', { ...wednesdayMornings, slotMinutes: 60 })
		await getDb().insert(bundles).values({ menteeId: mentee.user.id, mentorId: mentor.user.id, status: 'active', creditsTotal: 2, sessionMinutes: 60 })
		const paid = await book(mentee, { mentor: mentor.slug, type: 'paid', start: '2027-03-10T08:00:00Z' })
		expect(paid.response.status).toBe(201)
		expect(paid.json.booking).toMatchObject({ type: 'paid', status: 'scheduled', end: '2027-03-10T09:00:00.000Z', bundleId: expect.any(String) })
		const intro = await getSlots(mentor.slug, '?from=2027-03-10T00:00:00Z&to=2027-03-11T00:00:00Z')
		expect(intro.json.slots).toEqual([])
	})

	test('bad parameters answer 422 with fields, too long a range 422, an unknown mentor 404', async () => {
		const { mentor } = await scene()
		const bad = await getSlots(mentor.slug, '?type=group&from=yesterday&tz=Nowhere/Land')
		expect(bad.response.status).toBe(422)
		expect(Object.keys(bad.json.error.fields).sort()).toEqual(['from', 'type', 'tz'])
		const long = await getSlots(mentor.slug, '?from=2027-03-01T00:00:00Z&to=2027-05-02T00:00:01Z')
		expect(long.response.status).toBe(422)
		expect(long.json.error.fields.to).toBeDefined()
		expect((await getSlots(mentor.slug, '?from=2027-03-01T00:00:00Z&to=2027-05-02T00:00:00Z')).response.status).toBe(200)
		const unknown = await getSlots('nobody-here')
		expect(unknown.response.status).toBe(404)
		expect(unknown.json.error.code).toBe('not_found')
	})
})

describe('POST /api/v1/bookings', () => {
	test('an intro at a listed slot is a pending invitation (201); the same slot for another mentee is 409', async () => {
		const { mentor, mentee, other } = await scene()
		const { response, json } = await book(mentee, { mentor: mentor.slug, type: 'intro', start: '2027-03-10T08:20:00Z', introForm: form })
		expect(response.status).toBe(201)
		expect(json.booking).toEqual({
			id: expect.any(String),
			type: 'intro',
			status: 'pending',
			start: '2027-03-10T08:20:00.000Z',
			end: '2027-03-10T08:40:00.000Z',
			mentor: { id: mentor.user.id, name: mentor.user.name, slug: mentor.slug },
			mentee: { id: mentee.user.id, name: mentee.user.name },
			introForm: form,
			// Where an invitation happens is the mentee's to see once the mentor accepts it.
			meetingLocation: null,
			createdAt: NOW.toISOString(),
		})
		const taken = await book(other, { mentor: mentor.slug, type: 'intro', start: '2027-03-10T08:20:00Z', introForm: form })
		expect(taken.response.status).toBe(409)
		expect(taken.json.error.code).toBe('slot_unavailable')
	})

	test('a start the calendar does not offer is 409 slot_unavailable, and nothing is written', async () => {
		const { mentor, mentee } = await scene()
		const before = await allSessions()
		for (const start of ['2027-03-10T08:10:00Z', '2027-03-11T08:00:00Z']) {
			const { response, json } = await book(mentee, { mentor: mentor.slug, type: 'intro', start, introForm: form })
			expect(response.status).toBe(409)
			expect(json.error.code).toBe('slot_unavailable')
		}
		expect(await allSessions()).toBe(before)
	})

	test('an intro 47 h 59 min ahead is too_soon; exactly 48 h ahead is booked', async () => {
		const { mentor, mentee } = await scene()
		const body = { mentor: mentor.slug, type: 'intro', start: '2027-03-03T08:00:00Z', introForm: form }
		freezeClockAt(new Date(NOW.getTime() + MINUTE))
		const early = await book(mentee, body)
		expect(early.response.status).toBe(422)
		expect(early.json.error.code).toBe('too_soon')
		freezeClockAt(NOW)
		expect((await book(mentee, body)).response.status).toBe(201)
	})

	test('an intro without its form, malformed JSON, a visitor and an unknown mentor are refused', async () => {
		const { mentor, mentee } = await scene()
		const noForm = await book(mentee, { mentor: mentor.slug, type: 'intro', start: '2027-03-10T08:00:00Z' })
		expect(noForm.response.status).toBe(422)
		expect(Object.keys(noForm.json.error.fields).sort()).toEqual(['introForm.goals', 'introForm.helpWith'])
		const badStart = await book(mentee, { mentor: mentor.slug, type: 'intro', start: 'next wednesday', introForm: form })
		expect(badStart.json.error.fields.start).toBeDefined()
		const malformed = await call(bookingsIndex.action, { path: '/api/v1/bookings', cookie: mentee.cookie, rawBody: '{"mentor":' })
		expect(malformed.response.status).toBe(400)
		expect(malformed.json.error.code).toBe('invalid_json')
		const anonymous = await call(bookingsIndex.action, { path: '/api/v1/bookings', body: { mentor: mentor.slug } })
		expect(anonymous.response.status).toBe(401)
		const unknown = await book(mentee, { mentor: 'nobody-here', type: 'intro', start: '2027-03-10T08:00:00Z', introForm: form })
		expect(unknown.response.status).toBe(404)
	})
})

describe('POST /api/v1/bookings/:id/(accept|reject|cancel|confirm)', () => {
	async function invitation() {
		const people = await scene()
		const { json } = await book(people.mentee, { mentor: people.mentor.slug, type: 'intro', start: '2027-03-10T08:00:00Z', introForm: form })
		return { ...people, id: json.booking.id as string }
	}

	test('only the mentor reviews, only the participants cancel, only the mentor confirms: others get 403 and nothing changes', async () => {
		const { mentor, mentee, other, id } = await invitation()
		const before = await allSessions()
		const attempts: [Person, string, unknown][] = [
			[mentee, 'accept', {}],
			[other, 'accept', {}],
			[mentee, 'reject', { reason: 'Changed my mind' }],
			[other, 'reject', { reason: 'Not mine' }],
			[other, 'cancel', {}],
			[mentee, 'confirm', { outcome: 'completed', decision: 'approve_continuation' }],
		]
		for (const [who, action, body] of attempts) {
			const { response, json } = await act(who, id, action, body)
			expect(response.status, `${action}`).toBe(403)
			expect(json.error.code).toBe('not_allowed')
		}
		expect(await allSessions()).toBe(before)

		const accepted = await act(mentor, id, 'accept')
		expect(accepted.response.status).toBe(200)
		expect(accepted.json.booking).toMatchObject({ id, status: 'scheduled' })
	})

	test('the mentor rejects with a reason (422 without one)', async () => {
		const { mentor, id } = await invitation()
		const noReason = await act(mentor, id, 'reject', { reason: '  ' })
		expect(noReason.response.status).toBe(422)
		expect(noReason.json.error.fields.reason).toBeDefined()
		const rejected = await act(mentor, id, 'reject', { reason: 'I do not cover this subject.' })
		expect(rejected.response.status).toBe(200)
		expect(rejected.json.booking).toMatchObject({ status: 'rejected', rejectionReason: 'I do not cover this subject.' })
	})

	test('cancelling less than 24 hours ahead is 409 cancellation_window_closed; 24 hours ahead works', async () => {
		const { mentee, id } = await invitation()
		const start = new Date('2027-03-10T08:00:00Z').getTime()
		freezeClockAt(new Date(start - DAY + MINUTE))
		const late = await act(mentee, id, 'cancel', { reason: 'Sick' })
		expect(late.response.status).toBe(409)
		expect(late.json.error.code).toBe('cancellation_window_closed')
		expect((await sessionRow(id)).status).toBe('pending')
		freezeClockAt(new Date(start - DAY))
		const cancelled = await act(mentee, id, 'cancel')
		expect(cancelled.response.status).toBe(200)
		expect(cancelled.json.booking.status).toBe('cancelled')
	})

	test('after the session ends the mentor confirms it with a decision', async () => {
		const { mentor, id } = await invitation()
		await act(mentor, id, 'accept')
		freezeClockAt(new Date('2027-03-10T09:00:00Z'))
		const noDecision = await act(mentor, id, 'confirm', { outcome: 'completed' })
		expect(noDecision.response.status).toBe(422)
		// The missing decision is named as a field, like every other validation_failed answer.
		expect(noDecision.json.error.fields).toEqual({ decision: ['Decide whether to continue mentoring this mentee.'] })
		const badOutcome = await act(mentor, id, 'confirm', { outcome: 'great' })
		expect(badOutcome.json.error.fields.outcome).toBeDefined()
		const confirmed = await act(mentor, id, 'confirm', { outcome: 'completed', decision: 'approve_continuation' })
		expect(confirmed.response.status).toBe(200)
		expect(confirmed.json.booking.status).toBe('completed')
	})

	test('a malformed id or an unknown action is 404, never a 500; a missing session is 404', async () => {
		const { mentor } = await scene()
		for (const [id, action] of [
			['not-a-uuid', 'accept'],
			['00000000-0000-4000-8000-000000000000', 'promote'],
			['00000000-0000-4000-8000-000000000000', 'accept'],
		] as const) {
			const { response, json } = await act(mentor, id, action)
			expect(response.status).toBe(404)
			expect(json.error.code).toBe('not_found')
		}
	})
})

describe('GET /api/v1/bookings', () => {
	test('lists the caller’s sessions by role and status, and refuses an unknown status', async () => {
		const { mentor, mentee, other } = await scene()
		const first = await book(mentee, { mentor: mentor.slug, type: 'intro', start: '2027-03-10T08:00:00Z', introForm: form })
		await book(other, { mentor: mentor.slug, type: 'intro', start: '2027-03-10T08:40:00Z', introForm: form })
		await act(mentor, first.json.booking.id, 'accept')

		const mine = await list(mentee)
		expect(mine.json.bookings.map((b: { id: string }) => b.id)).toEqual([first.json.booking.id])
		expect((await list(mentee, '?role=mentor')).json.bookings).toEqual([])
		const asMentor = await list(mentor, '?role=mentor')
		expect(asMentor.json.bookings.map((b: { status: string }) => b.status)).toEqual(['scheduled', 'pending'])
		const pending = await list(mentor, '?role=mentor&status=pending')
		expect(pending.json.bookings.map((b: { mentee: { id: string } }) => b.mentee.id)).toEqual([other.user.id])
		expect((await list(mentor, '?role=mentor&status=pending,scheduled')).json.bookings).toHaveLength(2)
		const bad = await list(mentor, '?role=boss&status=pending,done')
		expect(bad.response.status).toBe(422)
		expect(Object.keys(bad.json.error.fields).sort()).toEqual(['role', 'status.1'])
		expect((await call(bookingsIndex.loader, { path: '/api/v1/bookings' })).response.status).toBe(401)
	})
})

describe('jobs', () => {
	test('mark-ended-sessions and expire-invitations move what time has passed, and a second run changes nothing', async () => {
		const { mentor, mentee, other } = await scene()
		const scheduled = await book(mentee, { mentor: mentor.slug, type: 'intro', start: '2027-03-03T08:00:00Z', introForm: form })
		const unreviewed = await book(other, { mentor: mentor.slug, type: 'intro', start: '2027-03-03T08:40:00Z', introForm: form })
		await act(mentor, scheduled.json.booking.id, 'accept')

		freezeClockAt(new Date('2027-03-03T09:00:00Z'))
		await markEndedSessions.run({})
		await expireInvitations.run({})
		expect((await sessionRow(scheduled.json.booking.id)).status).toBe('awaiting_confirmation')
		expect((await sessionRow(unreviewed.json.booking.id)).status).toBe('expired')

		const after = await allSessions()
		freezeClockAt(new Date('2027-03-03T10:00:00Z'))
		await markEndedSessions.run({})
		await expireInvitations.run({})
		expect(await allSessions()).toBe(after)
	})
})
