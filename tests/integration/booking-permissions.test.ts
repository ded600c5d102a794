import { and, count, eq } from 'drizzle-orm'
import { afterEach, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { auditLog, mentorProfiles, sessions, users } from '../../db/schema'
import * as availability from '../../app/routes/api.v1.me.availability.$type'
import * as bookingAction from '../../app/routes/api.v1.bookings.$id.$action'
import * as bookingsIndex from '../../app/routes/api.v1.bookings._index'
import { action as bookIntroPage } from '../../app/routes/mentors.$slug_.book'
import { createSession } from '../../app/services/auth-sessions.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { call } from '../support/http'
import { createUser } from '../support/factories'

const HOUR = 3_600_000
/** A Monday; the Wednesday 09:00 Berlin slot (08:00Z) is exactly 48 hours ahead. */
const NOW = new Date('2027-03-01T08:00:00Z')
const SLOT = '2027-03-03T08:00:00.000Z'
const form = { helpWith: 'Moving into product management', background: 'Support lead', goals: 'A plan for the year' }

afterEach(() => resetClock())

async function person(role: 'mentee' | 'mentor', flags: { isMentee?: boolean; isAdmin?: boolean } = {}) {
	const { user } = await createUser({ role })
	if (Object.keys(flags).length) await getDb().update(users).set(flags).where(eq(users.id, user.id))
	const { token } = await createSession(user.id, NOW)
	const [profile] = await getDb().select({ slug: mentorProfiles.slug }).from(mentorProfiles).where(eq(mentorProfiles.userId, user.id))
	return { user, cookie: `mentora_session=${token}`, slug: profile?.slug ?? '' }
}

/** A mentor offering Wednesday 09:00–10:00 Berlin intros, the clock frozen at NOW. */
async function mentorWithCalendar() {
	freezeClockAt(NOW)
	const mentor = await person('mentor')
	const calendar = { timeZone: 'Europe/Berlin', weekly: [{ weekday: 3, start: '09:00', end: '10:00' }], overrides: [], bufferMinutes: 0 }
	const saved = await call(availability.action, { method: 'PUT', path: '/api/v1/me/availability/intro', cookie: mentor.cookie, params: { type: 'intro' }, body: calendar })
	expect(saved.response.status).toBe(200)
	return mentor
}

/** The intro form of the mentor's page, as the browser posts it; a refusal's status, whatever shape the answer has. */
async function postIntroForm(slug: string, cookie: string, fields: Record<string, string>): Promise<{ status: number }> {
	const request = new Request(`http://localhost:3000/mentors/${slug}/book`, {
		method: 'POST',
		headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields),
	})
	const answer = (await bookIntroPage({ request, context: { ip: '203.0.113.9', responseCookies: [] }, params: { slug } })) as unknown
	const init = (answer as { init?: { status?: number } }).init
	return { status: answer instanceof Response ? answer.status : (init?.status ?? 200) }
}

const sessionCount = async () => (await getDb().select({ n: count() }).from(sessions))[0]?.n

describe('"Only mentees book intros"', () => {
	test('an admin account and a mentor without the mentee role are refused 403 not_allowed by the API and the page, and nothing is booked', async () => {
		const mentor = await mentorWithCalendar()
		const otherMentor = await person('mentor')
		const admin = await person('mentee', { isMentee: false, isAdmin: true })
		const before = await sessionCount()
		for (const who of [otherMentor, admin]) {
			const api = await call(bookingsIndex.action, { path: '/api/v1/bookings', cookie: who.cookie, body: { mentor: mentor.slug, type: 'intro', start: SLOT, introForm: form } })
			expect(api.response.status).toBe(403)
			expect(api.json.error.code).toBe('not_allowed')
			expect(api.json.error.message).toMatch(/mentee/i)
			const page = await postIntroForm(mentor.slug, who.cookie, { start: SLOT, ...form })
			expect(page.status).toBe(403)
		}
		expect(await sessionCount()).toBe(before)
	})

	test('a mentee books that same slot (201), and so does a mentor who is a mentee too', async () => {
		const mentor = await mentorWithCalendar()
		const both = await person('mentor', { isMentee: true })
		const booked = await call(bookingsIndex.action, { path: '/api/v1/bookings', cookie: both.cookie, body: { mentor: mentor.slug, type: 'intro', start: SLOT, introForm: form } })
		expect(booked.response.status).toBe(201)
	})
})

describe('"Every admin action is written to an audit log": an admin cancelling a session', () => {
	async function scheduledSoon() {
		const mentor = await mentorWithCalendar()
		const mentee = await person('mentee')
		const booked = await call(bookingsIndex.action, { path: '/api/v1/bookings', cookie: mentee.cookie, body: { mentor: mentor.slug, type: 'intro', start: SLOT, introForm: form } })
		expect(booked.response.status).toBe(201)
		const id: string = booked.json.booking.id
		const accepted = await call(bookingAction.action, { path: `/api/v1/bookings/${id}/accept`, cookie: mentor.cookie, params: { id, action: 'accept' }, body: {} })
		expect(accepted.response.status).toBe(200)
		// Two hours before the start: too late for mentee and mentor, an admin may still override.
		freezeClockAt(new Date(new Date(SLOT).getTime() - 2 * HOUR))
		const admin = await person('mentee', { isMentee: false, isAdmin: true })
		return { id, admin }
	}
	const audits = (id: string) => getDb().select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'session.cancel')))

	test('writes who, which session and the reason to the audit log', async () => {
		const { id, admin } = await scheduledSoon()
		const cancel = await call(bookingAction.action, { path: `/api/v1/bookings/${id}/cancel`, cookie: admin.cookie, params: { id, action: 'cancel' }, body: { reason: 'Mentor in hospital' } })
		expect(cancel.response.status).toBe(200)
		expect(cancel.json.booking.status).toBe('cancelled')
		expect(await audits(id)).toMatchObject([{ actorId: admin.user.id, subjectType: 'session', details: { reason: 'Mentor in hospital' } }])
	})

	test('a refused cancellation (no reason) writes neither the cancellation nor an audit entry', async () => {
		const { id, admin } = await scheduledSoon()
		const cancel = await call(bookingAction.action, { path: `/api/v1/bookings/${id}/cancel`, cookie: admin.cookie, params: { id, action: 'cancel' }, body: { reason: ' ' } })
		expect(cancel.response.status).toBe(422)
		expect((await getDb().select().from(sessions).where(eq(sessions.id, id)))[0]?.status).toBe('scheduled')
		expect(await audits(id)).toHaveLength(0)
	})
})
