import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { auditLog, relationships, sessions, users } from '../../db/schema'
import { setAgenda } from '../../app/services/booking.server'
import { sessionReminders } from '../../jobs/send-session-reminders'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import * as adminSessions from '../../app/routes/admin.sessions'
import * as bookingApi from '../../app/routes/api.v1.bookings.$id.$action'
import { createUser } from '../support/factories'
import { submit } from '../support/forms'
import { call } from '../support/http'
import { emailsTo, person } from '../support/outbox'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const form = { helpWith: 'Product', background: 'Support', goals: 'A plan' }

async function intro(mentorId: string, menteeId: string, status: typeof sessions.$inferInsert.status, start: Date) {
	const [row] = await getDb()
		.insert(sessions)
		.values({ mentorId, menteeId, type: 'intro', status, startsAt: start, endsAt: new Date(start.getTime() + 20 * 60_000), introForm: form, quotaMonth: start.toISOString().slice(0, 7) })
		.returning()
	return row!
}

const reload = async (id: string) => (await getDb().select().from(sessions).where(eq(sessions.id, id)))[0]!

async function anAdmin() {
	const made = await createUser({ role: 'mentee' })
	await getDb().update(users).set({ isAdmin: true }).where(eq(users.id, made.user.id))
	return made
}

describe('/admin/sessions?status=awaiting_confirmation', () => {
	test('lists sessions awaiting confirmation (ended scheduled ones too), oldest first, flags those over 7 days', async () => {
		const admin = await anAdmin()
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		const ago = (ms: number) => new Date(Date.now() - ms)
		const recent = await intro(mentor.id, mentee.id, 'awaiting_confirmation', ago(2 * DAY))
		const old = await intro(mentor.id, mentee.id, 'awaiting_confirmation', ago(9 * DAY))
		const endedScheduled = await intro(mentor.id, mentee.id, 'scheduled', ago(3 * HOUR))
		await intro(mentor.id, mentee.id, 'scheduled', new Date(Date.now() + 5 * DAY))
		await intro(mentor.id, mentee.id, 'completed', ago(20 * DAY))

		const listed = (await (await submit(adminSessions.loader, { path: '/admin/sessions?status=awaiting_confirmation', cookie: admin.cookie })).json()).sessions
		expect(listed.map((s: { id: string; overdue: boolean }) => [s.id, s.overdue])).toEqual([
			[old.id, true],
			[recent.id, false],
			[endedScheduled.id, false],
		])
	})

	test('an admin confirms for the mentor: the outcome is set, the continuation opens a relationship, an audit row is written', async () => {
		const admin = await anAdmin()
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		const s = await intro(mentor.id, mentee.id, 'awaiting_confirmation', new Date(Date.now() - 8 * DAY))

		const answer = await submit(adminSessions.action, {
			path: '/admin/sessions?status=awaiting_confirmation',
			cookie: admin.cookie,
			fields: { sessionId: s.id, outcome: 'completed', decision: 'approve_continuation' },
		})
		expect(answer.status).toBe(200)
		expect(await reload(s.id)).toMatchObject({ status: 'completed', introDecision: 'approve_continuation' })
		expect(await getDb().select().from(relationships).where(eq(relationships.menteeId, mentee.id))).toMatchObject([{ status: 'pending', mentorId: mentor.id }])
		expect(await getDb().select().from(auditLog).where(eq(auditLog.subjectId, s.id))).toMatchObject([
			{ actorId: admin.user.id, action: 'session.confirm', subjectType: 'session', details: { outcome: 'completed', decision: 'approve_continuation' } },
		])
	})

	test('a non-admin is refused (403) and the session is untouched', async () => {
		const mentor = await createUser({ role: 'mentor' })
		const mentee = await person('mentee')
		const s = await intro(mentor.user.id, mentee.id, 'awaiting_confirmation', new Date(Date.now() - 8 * DAY))
		expect((await submit(adminSessions.loader, { path: '/admin/sessions?status=awaiting_confirmation', cookie: mentor.cookie })).status).toBe(403)
		const refused = await submit(adminSessions.action, { path: '/admin/sessions', cookie: mentor.cookie, fields: { sessionId: s.id, outcome: 'completed', decision: 'reject' } })
		expect(refused.status).toBe(403)
		expect((await reload(s.id)).status).toBe('awaiting_confirmation')
	})
})

describe('session agenda', () => {
	test('either party sets it on a session to come; strangers and admins are refused; a past session is closed to it', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		const stranger = await person('mentee')
		const admin = await person('admin')
		const now = new Date()
		const s = await intro(mentor.id, mentee.id, 'scheduled', new Date(now.getTime() + 3 * DAY))

		await setAgenda({ sessionId: s.id, actorId: mentee.id, agenda: '  1. My promotion packet  ', now })
		expect((await reload(s.id)).agenda).toBe('1. My promotion packet')
		await setAgenda({ sessionId: s.id, actorId: mentor.id, agenda: '1. Promotion packet\n2. Skip-levels', now })
		expect((await reload(s.id)).agenda).toBe('1. Promotion packet\n2. Skip-levels')

		for (const actorId of [stranger.id, admin.id]) {
			await expect(setAgenda({ sessionId: s.id, actorId, agenda: 'mine now', now })).rejects.toMatchObject({ code: 'not_allowed' })
		}
		await expect(setAgenda({ sessionId: s.id, actorId: mentee.id, agenda: 'x'.repeat(2001), now })).rejects.toMatchObject({ code: 'validation_failed' })
		const past = await intro(mentor.id, mentee.id, 'scheduled', new Date(now.getTime() - 2 * HOUR))
		await expect(setAgenda({ sessionId: past.id, actorId: mentee.id, agenda: 'late', now })).rejects.toMatchObject({ code: 'invalid_transition' })
		expect((await reload(s.id)).agenda).toBe('1. Promotion packet\n2. Skip-levels')
		expect((await reload(past.id)).agenda).toBeNull()
	})

	test('POST /api/v1/bookings/:id/agenda sets it for a party and answers the shared error shape otherwise', async () => {
		const mentor = await createUser({ role: 'mentor' })
		const mentee = await createUser({ role: 'mentee' })
		const stranger = await createUser({ role: 'mentee' })
		const s = await intro(mentor.user.id, mentee.user.id, 'pending', new Date(Date.now() + 3 * DAY))
		const params = { id: s.id, action: 'agenda' }
		const path = `/api/v1/bookings/${s.id}/agenda`

		const ok = await call(bookingApi.action, { path, params, cookie: mentee.cookie, body: { agenda: 'Career change into data' } })
		expect(ok.response.status).toBe(200)
		expect(ok.json.booking.agenda).toBe('Career change into data')

		const refused = await call(bookingApi.action, { path, params, cookie: stranger.cookie, body: { agenda: 'hi' } })
		expect(refused.response.status).toBe(403)
		expect(refused.json.error.code).toBe('not_allowed')
		const invalid = await call(bookingApi.action, { path, params, cookie: mentor.cookie, body: { agenda: 42 } })
		expect(invalid.response.status).toBe(422)
		expect((await reload(s.id)).agenda).toBe('Career change into data')
	})

	test('the 24-hour reminder carries the agenda to both parties', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		const now = new Date('2027-06-01T12:00:00Z')
		const s = await intro(mentor.id, mentee.id, 'scheduled', new Date(now.getTime() + 20 * HOUR))
		await setAgenda({ sessionId: s.id, actorId: mentor.id, agenda: 'Your 90-day plan', now })

		freezeClockAt(now)
		try {
			await sessionReminders.run({})
		} finally {
			resetClock()
		}
		for (const user of [mentor, mentee]) {
			const [row] = await emailsTo(user.id)
			expect(row).toMatchObject({ template: 'session_reminder', data: { agenda: 'Your 90-day plan' } })
			expect(row!.text).toContain('Your 90-day plan')
			expect(row!.html).toContain('Your 90-day plan')
		}
	})
})
