import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { loader as feedLoader } from '../../app/routes/calendar.$token'
import { action as unsubscribeAction, loader as unsubscribeLoader } from '../../app/routes/unsubscribe.$token'
import { acceptInvitation, bookIntro, cancelSession } from '../../app/services/booking.server'
import { createCalendarFeed, revokeCalendarFeed } from '../../app/services/calendar-feed.server'
import { mutedCategories, unsubscribeToken } from '../../app/services/email-preferences.server'
import { call } from '../support/http'
import { emailsAbout, person } from '../support/outbox'

const DAY = 86_400_000
const NOW = new Date('2027-03-01T08:00:00Z')
const form = { helpWith: 'Fundraising', background: 'First-time founder', goals: 'A seed round' }

function parse(ics: string) {
	const calendar = new ICAL.Component(ICAL.parse(ics))
	const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
	return { method: calendar.getFirstPropertyValue('method'), events }
}

/** A mentor in Sydney accepts an intro from a mentee in New York: the calendar files they get. */
async function sydneyAndNewYork() {
	const mentor = await person('mentor', 'Australia/Sydney', 'Oliver Sydney')
	const mentee = await person('mentee', 'America/New_York', 'Nora New York')
	// 09:00 in Sydney (AEDT) on 4 March is 17:00 the day before in New York: a date line apart.
	const start = new Date('2027-03-03T22:00:00Z')
	const session = await bookIntro({ menteeId: mentee.id, mentorId: mentor.id, start, introForm: form, now: NOW })
	await acceptInvitation({ sessionId: session.id, actorId: mentor.id, now: NOW })
	return { mentor, mentee, session }
}

describe('calendar files', () => {
	test('the booking .ics parses back to the same UTC instants, whatever the two zones', async () => {
		const { mentee, session } = await sydneyAndNewYork()
		const email = (await emailsAbout(session.id)).find((e) => e.userId === mentee.id)!
		expect(email.text).toContain('Wednesday 3 March 2027, 17:00–17:20, America/New York (EST)')
		const { method, events } = parse(email.attachments[0]!.content)
		expect(method).toBe('REQUEST')
		expect(events).toHaveLength(1)
		expect(events[0]!.uid).toBe(`session-${session.id}@mentora`)
		expect(events[0]!.startDate.toJSDate().toISOString()).toBe(session.startsAt.toISOString())
		expect(events[0]!.endDate.toJSDate().toISOString()).toBe(session.endsAt.toISOString())
		expect(events[0]!.sequence).toBe(0)
	})

	test('a cancellation updates the same event: same UID, higher SEQUENCE, METHOD:CANCEL', async () => {
		const { mentor, mentee, session } = await sydneyAndNewYork()
		await cancelSession({ sessionId: session.id, actorId: mentor.id, now: NOW })
		const cancel = (await emailsAbout(session.id)).find((e) => e.userId === mentee.id && e.template === 'session_cancelled')!
		const { method, events } = parse(cancel.attachments[0]!.content)
		expect(method).toBe('CANCEL')
		expect(events[0]!.uid).toBe(`session-${session.id}@mentora`)
		expect(events[0]!.sequence).toBe(1)
		expect(events[0]!.component.getFirstPropertyValue('status')).toBe('CANCELLED')
	})
})

describe('the private calendar feed', () => {
	const fetchFeed = (token: string) => call(feedLoader, { path: `/calendar/${token}`, params: { token } })

	test('without a token, or with a wrong one, it answers 404', async () => {
		expect((await fetchFeed('')).response.status).toBe(404)
		expect((await fetchFeed('.ics')).response.status).toBe(404)
		expect((await fetchFeed('not-a-real-token-at-all-0123456789.ics')).response.status).toBe(404)
	})

	test('with its token it lists the person’s sessions; revoked or replaced, the old URL is gone', async () => {
		const { mentor, session } = await sydneyAndNewYork()
		const feed = await createCalendarFeed(mentor.id, NOW)
		expect(feed.webcal).toMatch(/^webcal:\/\/localhost:3000\/calendar\/.+\.ics$/)
		const { response, json } = await fetchFeed(`${feed.token}.ics`)
		expect(response.status).toBe(200)
		expect(response.headers.get('Content-Type')).toContain('text/calendar')
		const { events } = parse(json as string)
		expect(events.map((e) => e.uid)).toEqual([`session-${session.id}@mentora`])
		expect(events[0]!.startDate.toJSDate().toISOString()).toBe(session.startsAt.toISOString())
		expect((await fetchFeed(feed.token)).response.status).toBe(404)

		const replaced = await createCalendarFeed(mentor.id, new Date(NOW.getTime() + DAY))
		expect((await fetchFeed(`${feed.token}.ics`)).response.status).toBe(404)
		expect((await fetchFeed(`${replaced.token}.ics`)).response.status).toBe(200)
		await revokeCalendarFeed(mentor.id)
		expect((await fetchFeed(`${replaced.token}.ics`)).response.status).toBe(404)
	})
})

describe('one-click unsubscribe', () => {
	test('a POST to the signed link mutes that category; opening it only asks', async () => {
		const user = await person('mentee')
		const token = unsubscribeToken(user.id, 'schedule_reminder')
		const args = (method: string) => ({
			request: new Request(`http://localhost:3000/unsubscribe/${token}`, { method, body: method === 'POST' ? 'List-Unsubscribe=One-Click' : undefined }),
			params: { token },
			context: { ip: '203.0.113.7', responseCookies: [] },
		})
		expect(await unsubscribeLoader(args('GET'))).toEqual({ label: 'Monthly reminders to schedule a session' })
		expect(await mutedCategories(user.id)).toEqual([])
		expect(await unsubscribeAction(args('POST'))).toEqual({ done: true })
		expect(await mutedCategories(user.id)).toEqual(['schedule_reminder'])
	})

	test('a forged or altered token is refused', async () => {
		const user = await person('mentee')
		const forged = unsubscribeToken(user.id, 'schedule_reminder').replace('schedule_reminder', 'session_reminder')
		const request = new Request(`http://localhost:3000/unsubscribe/${forged}`, { method: 'POST' })
		await expect(unsubscribeAction({ request, params: { token: forged }, context: { ip: '203.0.113.7', responseCookies: [] } })).rejects.toMatchObject({ status: 404 })
		expect(await mutedCategories(user.id)).toEqual([])
	})
})
