import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { relationships, sessions } from '../../db/schema'
import { sessionReminders } from '../../jobs/send-session-reminders'
import { confirmReminders } from '../../jobs/send-confirm-reminders'
import { scheduleReminders } from '../../jobs/send-schedule-reminders'
import { lapsedAlerts } from '../../jobs/send-lapsed-alerts'
import { setMuted } from '../../app/services/email-preferences.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { emailsTo, person, routing } from '../support/outbox'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = new Date('2027-06-01T12:00:00Z')
const at = (ms: number) => new Date(NOW.getTime() + ms)
const form = { helpWith: 'Product', background: 'Support', goals: 'A plan' }

async function session(mentorId: string, menteeId: string, status: typeof sessions.$inferInsert.status, start: Date) {
	const [row] = await getDb()
		.insert(sessions)
		.values({ mentorId, menteeId, type: 'intro', status, startsAt: start, endsAt: new Date(start.getTime() + 20 * 60_000), introForm: form, quotaMonth: '2027-06' })
		.returning()
	return row!
}

async function relationship(mentorId: string, menteeId: string, confirmedAt: Date) {
	const [row] = await getDb()
		.insert(relationships)
		.values({ mentorId, menteeId, status: 'confirmed', origin: 'intro', mentorConfirmedAt: confirmedAt, menteeConfirmedAt: confirmedAt })
		.returning()
	return row!
}

/** Runs a cron job at `now` the way the worker does. */
async function runAt(job: { run: (p: Record<string, unknown>) => Promise<void> }, now: Date) {
	freezeClockAt(now)
	try {
		await job.run({})
	} finally {
		resetClock()
	}
}

describe('scheduled reminders: due ones once, and a second run sends nothing new', () => {
	test('24-hour reminder to both parties of a scheduled session, with the agenda section', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee', 'America/New_York')
		const soon = await session(mentor.id, mentee.id, 'scheduled', at(20 * HOUR))
		await session(mentor.id, mentee.id, 'scheduled', at(30 * HOUR))
		await session(mentor.id, mentee.id, 'pending', at(21 * HOUR))

		await runAt(sessionReminders, NOW)
		await runAt(sessionReminders, at(10 * 60_000))
		const rows = [...(await emailsTo(mentor.id)), ...(await emailsTo(mentee.id))]
		expect(routing(rows)).toEqual([`session_reminder → ${mentor.id}`, `session_reminder → ${mentee.id}`])
		expect(rows.every((r) => (r.data as { session: { id: string } }).session.id === soon.id)).toBe(true)
		expect(rows[1]!.text).toContain('There is no agenda yet')
		expect(rows[1]!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
		expect(rows[1]!.headers['List-Unsubscribe']).toMatch(/^<http:\/\/localhost:3000\/unsubscribe\/.+>$/)
	})

	test('the reminder says the time actually left, and a session less than an hour away gets none', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		const inFiveHours = await session(mentor.id, mentee.id, 'scheduled', at(5 * HOUR))
		await session(mentor.id, mentee.id, 'scheduled', at(45 * 60_000))
		await runAt(sessionReminders, NOW)
		const rows = await emailsTo(mentee.id)
		expect(rows.map((r) => (r.data as { session: { id: string } }).session.id)).toEqual([inFiveHours.id])
		expect(rows[0]!.subject).toMatch(/^Session with .+ in 5 hours, at /)
		expect(rows[0]!.text).toContain('YOUR SESSION STARTS IN 5 HOURS')
		expect(rows[0]!.text).not.toMatch(/tomorrow|24 hours/i)
	})

	test('a muted category is not sent; transactional ones still are', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		await setMuted(mentee.id, 'session_reminder', true)
		await session(mentor.id, mentee.id, 'scheduled', at(2 * HOUR))
		await runAt(sessionReminders, NOW)
		expect(await emailsTo(mentee.id)).toHaveLength(0)
		expect(await emailsTo(mentor.id)).toHaveLength(1)
	})

	test('please confirm after 24 hours to the mentor; an admin alert after 7 days', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		const admin = await person('admin')
		await session(mentor.id, mentee.id, 'awaiting_confirmation', at(-10 * HOUR))
		const dayOld = await session(mentor.id, mentee.id, 'awaiting_confirmation', at(-2 * DAY))
		const weekOld = await session(mentor.id, mentee.id, 'awaiting_confirmation', at(-8 * DAY))

		await runAt(confirmReminders, NOW)
		await runAt(confirmReminders, at(HOUR))
		const toMentor = await emailsTo(mentor.id)
		expect(toMentor.map((r) => r.template)).toEqual(['confirm_reminder', 'confirm_reminder'])
		expect(toMentor.map((r) => (r.data as { session: { id: string } }).session.id).sort()).toEqual([dayOld.id, weekOld.id].sort())
		expect(toMentor[0]!.html).toContain('http://localhost:3000/sessions?tab=confirm')
		const toAdmin = await emailsTo(admin.id)
		expect(routing(toAdmin)).toEqual([`unconfirmed_session_alert → ${admin.id}`])
		expect((toAdmin[0]!.data as { session: { id: string } }).session.id).toBe(weekOld.id)
	})

	test('monthly "schedule a session": nothing booked for 30 days, both sides, once per period', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		const busyMentee = await person('mentee')
		await relationship(mentor.id, mentee.id, at(-31 * DAY))
		await relationship(mentor.id, busyMentee.id, at(-31 * DAY))
		await session(mentor.id, busyMentee.id, 'scheduled', at(5 * DAY))
		const recent = await person('mentee')
		await relationship(mentor.id, recent.id, at(-3 * DAY))

		await runAt(scheduleReminders, NOW)
		await runAt(scheduleReminders, at(DAY))
		expect(routing(await emailsTo(mentee.id))).toEqual([`schedule_reminder → ${mentee.id}`])
		expect((await emailsTo(mentor.id)).map((r) => r.template)).toEqual(['schedule_reminder'])
		expect(await emailsTo(busyMentee.id)).toHaveLength(0)
		expect(await emailsTo(recent.id)).toHaveLength(0)

		await runAt(scheduleReminders, at(30 * DAY))
		expect(await emailsTo(mentee.id)).toHaveLength(2)
	})

	test('lapsed relationships (45 days without a completed session) alert every admin once', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		const admins = [await person('admin'), await person('admin')]
		const rel = await relationship(mentor.id, mentee.id, at(-90 * DAY))
		await session(mentor.id, mentee.id, 'completed', at(-50 * DAY - HOUR))
		const fresh = await person('mentee')
		await relationship(mentor.id, fresh.id, at(-90 * DAY))
		await session(mentor.id, fresh.id, 'completed', at(-10 * DAY))

		await runAt(lapsedAlerts, NOW)
		await runAt(lapsedAlerts, at(DAY))
		for (const admin of admins) {
			const rows = (await emailsTo(admin.id)).filter((r) => r.template === 'lapsed_relationship_alert')
			expect(rows.map((r) => (r.data as { relationshipId: string }).relationshipId)).toEqual([rel.id])
			expect(rows[0]!.text).toContain('no completed session in 50 days')
		}
	})
})
