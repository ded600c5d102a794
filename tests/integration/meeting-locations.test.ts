import ICAL from 'ical.js'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { action as bookingAction } from '../../app/routes/api.v1.bookings.$id.$action'
import { action as availabilityAction, loader as availabilityLoader } from '../../app/routes/api.v1.me.availability.$type'
import { action as availabilityPage } from '../../app/routes/settings.availability/route'
import { action as sessionsPage } from '../../app/routes/sessions/route'
import { acceptInvitation, bookIntro } from '../../app/services/booking.server'
import { createCalendarFeed, calendarFeedFor } from '../../app/services/calendar-feed.server'
import { saveCalendar } from '../../app/services/calendars.server'
import { listMenteeSessions, listMentorUpcoming } from '../../app/services/my-sessions.server'
import { setSessionMeetingLocation } from '../../app/services/meeting-locations.server'
import { sendSessionReminders } from '../../app/services/reminders.server'
import { getDb } from '../../db/client'
import { availabilityCalendars, sessions } from '../../db/schema'
import { send } from '../support/authorization'
import { createUser } from '../support/factories'
import { call } from '../support/http'
import { emailsAbout, emailsTo } from '../support/outbox'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = new Date(Date.now() + 30 * DAY)
const LINK = 'https://meet.example.com/lena-room'
const form = { helpWith: 'Fundraising', background: 'Founder', goals: 'A seed round' }

const calendar = (meetingLocation?: string | null) => ({ timeZone: 'Europe/Berlin', weekly: [], overrides: [], bufferMinutes: 0, ...(meetingLocation !== undefined ? { meetingLocation } : {}) })

async function people() {
	const mentor = await createUser({ role: 'mentor', name: 'Lena Mentor' })
	const mentee = await createUser({ name: 'Maya Mentee', timeZone: 'America/New_York' })
	return { mentor, mentee }
}

/** An intro the mentor has accepted (scheduled), `startsIn` after NOW. */
async function bookedIntro(mentorId: string, menteeId: string, startsIn = 3 * DAY, accept = true) {
	const session = await bookIntro({ menteeId, mentorId, start: new Date(NOW.getTime() + startsIn), introForm: form, now: NOW })
	if (accept) await acceptInvitation({ sessionId: session.id, actorId: mentorId, now: NOW })
	return session
}

const storedDefault = async (mentorId: string) =>
	(await getDb().select({ meetingLocation: availabilityCalendars.meetingLocation }).from(availabilityCalendars).where(eq(availabilityCalendars.mentorId, mentorId)))[0]
		?.meetingLocation ?? null
const storedOverride = async (sessionId: string) => (await getDb().select().from(sessions).where(eq(sessions.id, sessionId)))[0]!.meetingLocation

function icsEvent(ics: string) {
	const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!
	return { location: event.getFirstPropertyValue('location'), url: event.getFirstPropertyValue('url') }
}

describe('a calendar’s default location', () => {
	test('through the API: GET shows it, PUT sets it, a PUT without it keeps it, null clears it', async () => {
		const { mentor } = await people()
		const put = (body: unknown) => call(availabilityAction, { method: 'PUT', path: '/api/v1/me/availability/intro', params: { type: 'intro' }, cookie: mentor.cookie, body })
		const get = async () => (await call(availabilityLoader, { path: '/api/v1/me/availability/intro', params: { type: 'intro' }, cookie: mentor.cookie })).json

		expect((await get()).meetingLocation).toBeNull()
		const saved = await put(calendar(` ${LINK} `))
		expect(saved.response.status).toBe(200)
		expect(saved.json.meetingLocation).toBe(LINK)
		expect((await get()).meetingLocation).toBe(LINK)
		expect((await put(calendar())).json.meetingLocation).toBe(LINK)
		expect((await put(calendar(null))).json.meetingLocation).toBeNull()
		expect(await storedDefault(mentor.user.id)).toBeNull()
	})

	test('through the API: a javascript: link or a second line is refused on its field, nothing written', async () => {
		const { mentor } = await people()
		await saveCalendar(mentor.user.id, 'paid', calendar('Room 4'), NOW)
		for (const bad of ['javascript:alert(1)', 'Room 4\nSecond floor', 'x'.repeat(501), 42]) {
			const { response, json } = await call(availabilityAction, {
				method: 'PUT',
				path: '/api/v1/me/availability/paid',
				params: { type: 'paid' },
				cookie: mentor.cookie,
				body: { ...calendar(), bufferMinutes: 30, meetingLocation: bad },
			})
			expect(response.status).toBe(422)
			expect(json.error.code).toBe('validation_failed')
			expect(Object.keys(json.error.fields)).toEqual(['meetingLocation'])
		}
		const [row] = await getDb().select().from(availabilityCalendars).where(eq(availabilityCalendars.mentorId, mentor.user.id))
		expect([row!.meetingLocation, row!.bufferMinutes]).toEqual(['Room 4', 0])
	})

	test('on the availability page: saved with the calendar; a bad link refused (400) with nothing written', async () => {
		const { mentor } = await people()
		const fields = { calendar: 'intro', timeZone: 'Europe/Berlin', bufferMinutes: '0' }
		const saved = await send(availabilityPage, { path: '/settings/availability', cookie: mentor.cookie, form: { ...fields, meetingLocation: 'Café Central, Vienna' } })
		expect(saved.status).toBe(302)
		expect(await storedDefault(mentor.user.id)).toBe('Café Central, Vienna')

		const refused = await send(availabilityPage, { path: '/settings/availability', cookie: mentor.cookie, form: { ...fields, meetingLocation: 'javascript:alert(1)' } })
		expect(refused.status).toBe(400)
		expect(await storedDefault(mentor.user.id)).toBe('Café Central, Vienna')

		// The form shows the saved default, so an emptied field clears it.
		await send(availabilityPage, { path: '/settings/availability', cookie: mentor.cookie, form: fields })
		expect(await storedDefault(mentor.user.id)).toBeNull()
	})

	test('a new default reaches the sessions that follow it, and their mentees are emailed once', async () => {
		const { mentor, mentee } = await people()
		const following = await bookedIntro(mentor.user.id, mentee.user.id)
		await saveCalendar(mentor.user.id, 'intro', calendar(LINK), NOW)
		// Saved again unchanged: nothing new to tell.
		await saveCalendar(mentor.user.id, 'intro', calendar(LINK), NOW)
		const told = (await emailsTo(mentee.user.id)).filter((e) => e.template === 'meeting_location_changed')
		expect(told).toHaveLength(1)
		expect(told[0]!.text).toContain(LINK)
		// In the mentee's zone, named.
		expect(told[0]!.text).toMatch(/America\/New York/)
		expect((await listMenteeSessions(mentee.user.id, NOW)).upcoming.map((s) => [s.id, s.meetingLocation])).toEqual([[following.id, LINK]])
	})
})

describe('a session’s own location', () => {
	test('the mentor overrides it and clears it back to the default; the mentee is emailed each time it moves', async () => {
		const { mentor, mentee } = await people()
		await saveCalendar(mentor.user.id, 'intro', calendar(LINK), NOW)
		const session = await bookedIntro(mentor.user.id, mentee.user.id)
		const change = (meetingLocation: unknown) =>
			call(bookingAction, { path: `/api/v1/bookings/${session.id}/location`, params: { id: session.id, action: 'location' }, cookie: mentor.cookie, body: { meetingLocation } })

		const overridden = await change('Room 4, Main Street 1')
		expect(overridden.response.status).toBe(200)
		expect(overridden.json.booking.meetingLocation).toBe('Room 4, Main Street 1')
		const cleared = await change(null)
		expect(cleared.json.booking.meetingLocation).toBe(LINK)
		expect(await storedOverride(session.id)).toBeNull()

		const told = (await emailsAbout(session.id)).filter((e) => e.template === 'meeting_location_changed')
		expect(told.map((e) => (e.data as { meetingLocation: string }).meetingLocation)).toEqual(['Room 4, Main Street 1', LINK])
		expect(told.every((e) => e.userId === mentee.user.id)).toBe(true)
	})

	test('on My sessions: the page action overrides, an empty field clears, a bad link is refused with nothing written', async () => {
		const { mentor, mentee } = await people()
		// The page acts at the real clock's now: the session, a month ahead, is still to come.
		const session = await bookedIntro(mentor.user.id, mentee.user.id)
		const post = (extra: Record<string, string>) => send(sessionsPage, { path: '/sessions', cookie: mentor.cookie, form: { intent: 'location', sessionId: session.id, ...extra } })
		expect((await post({ meetingLocation: LINK })).status).toBe(200)
		expect(await storedOverride(session.id)).toBe(LINK)
		const refused = await post({ meetingLocation: 'www.example.com' })
		expect(refused.status).toBe(400)
		expect(await storedOverride(session.id)).toBe(LINK)
		expect((await post({})).status).toBe(200)
		expect(await storedOverride(session.id)).toBeNull()
	})

	test('the mentee may not set it, and a session that is over cannot be moved', async () => {
		const { mentor, mentee } = await people()
		const session = await bookedIntro(mentor.user.id, mentee.user.id)
		await expect(setSessionMeetingLocation({ sessionId: session.id, actorId: mentee.user.id, now: NOW, meetingLocation: 'My kitchen' })).rejects.toMatchObject({ code: 'not_allowed' })
		await expect(
			setSessionMeetingLocation({ sessionId: session.id, actorId: mentor.user.id, now: new Date(NOW.getTime() + 4 * DAY), meetingLocation: 'Room 4' }),
		).rejects.toMatchObject({ code: 'invalid_transition' })
		expect(await storedOverride(session.id)).toBeNull()
	})

	test('a pending invitation may get one without emailing; the mentee sees it only once it is booked', async () => {
		const { mentor, mentee } = await people()
		const session = await bookedIntro(mentor.user.id, mentee.user.id, 3 * DAY, false)
		await setSessionMeetingLocation({ sessionId: session.id, actorId: mentor.user.id, now: NOW, meetingLocation: 'Room 4' })
		expect((await emailsAbout(session.id)).filter((e) => e.template === 'meeting_location_changed')).toEqual([])
		expect((await listMenteeSessions(mentee.user.id, NOW)).invitations[0]!.meetingLocation).toBeNull()
		const asMentee = await call(bookingAction, { path: `/api/v1/bookings/${session.id}/cancel`, params: { id: session.id, action: 'cancel' }, cookie: mentee.cookie, body: {} })
		expect(asMentee.json.booking.meetingLocation).toBeNull()
	})
})

describe('where it is shown', () => {
	test('the confirmation emails and their .ics carry it: LOCATION, and URL when it is a link', async () => {
		const { mentor, mentee } = await people()
		await saveCalendar(mentor.user.id, 'intro', calendar(LINK), NOW)
		const session = await bookedIntro(mentor.user.id, mentee.user.id)
		const emails = await emailsAbout(session.id)
		const toMentee = emails.find((e) => e.template === 'invitation_accepted')!
		const toMentor = emails.find((e) => e.template === 'booking_confirmed')!
		for (const email of [toMentee, toMentor]) {
			expect(email.text).toContain(`Where: ${LINK}`)
			expect(email.html).toContain(`href="${LINK}"`)
			expect(icsEvent(email.attachments[0]!.content)).toEqual({ location: LINK, url: LINK })
		}
	})

	test('a place is the LOCATION, the URL stays My sessions; the feed reads the default as it is now', async () => {
		const { mentor, mentee } = await people()
		await saveCalendar(mentor.user.id, 'intro', calendar('Café Central, Vienna'), NOW)
		const session = await bookedIntro(mentor.user.id, mentee.user.id)
		const email = (await emailsAbout(session.id)).find((e) => e.template === 'invitation_accepted')!
		expect(icsEvent(email.attachments[0]!.content)).toEqual({ location: 'Café Central, Vienna', url: 'http://localhost:3000/sessions' })

		await saveCalendar(mentor.user.id, 'intro', calendar(LINK), NOW)
		const feed = await createCalendarFeed(mentee.user.id, NOW)
		expect(icsEvent((await calendarFeedFor(feed.token, NOW))!)).toEqual({ location: LINK, url: LINK })
	})

	test('the 24-hour reminder says where, the session’s own location first', async () => {
		const { mentor, mentee } = await people()
		await saveCalendar(mentor.user.id, 'intro', calendar(LINK), NOW)
		const session = await bookedIntro(mentor.user.id, mentee.user.id)
		await setSessionMeetingLocation({ sessionId: session.id, actorId: mentor.user.id, now: NOW, meetingLocation: 'Room 4, Main Street 1' })
		await sendSessionReminders(new Date(session.startsAt.getTime() - 20 * HOUR))
		const reminders = (await emailsAbout(session.id)).filter((e) => e.template === 'session_reminder')
		expect(reminders).toHaveLength(2)
		for (const reminder of reminders) expect(reminder.text).toContain('Where: Room 4, Main Street 1')
	})

	test('My sessions shows the effective location, and the mentor sees where it comes from', async () => {
		const { mentor, mentee } = await people()
		await saveCalendar(mentor.user.id, 'intro', calendar(LINK), NOW)
		const session = await bookedIntro(mentor.user.id, mentee.user.id, 2 * DAY + 12 * HOUR)
		const [item] = await listMentorUpcoming(mentor.user.id, NOW)
		expect([item!.id, item!.meetingLocation, item!.meetingLocationSource]).toEqual([session.id, LINK, 'calendar'])
		await setSessionMeetingLocation({ sessionId: session.id, actorId: mentor.user.id, now: NOW, meetingLocation: 'Room 4' })
		const [after] = await listMentorUpcoming(mentor.user.id, NOW)
		expect([after!.meetingLocation, after!.meetingLocationSource]).toEqual(['Room 4', 'session'])
		const mine = await listMenteeSessions(mentee.user.id, NOW)
		expect([mine.upcoming[0]!.meetingLocation, mine.upcoming[0]!.meetingLocationSource]).toEqual(['Room 4', null])
	})
})
