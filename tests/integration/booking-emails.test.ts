import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { bundles } from '../../db/schema'
import { sendEmail } from '../../jobs/send-email'
import { BOSS_SCHEMA } from '../../jobs/queue.server'
import {
	acceptInvitation,
	bookIntro,
	bookPaid,
	cancelSession,
	confirmSession,
	expireUnreviewedInvitations,
	markEndedSessionsAwaitingConfirmation,
	rejectInvitation,
} from '../../app/services/booking.server'
import { emailsAbout, person, routing } from '../support/outbox'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = new Date('2027-03-01T08:00:00Z')
const at = (ms: number, from = NOW) => new Date(from.getTime() + ms)
const form = { helpWith: 'Moving into product management', background: 'Five years in support', goals: 'A plan for the year' }

async function pair() {
	const mentor = await person('mentor', 'Europe/Berlin', 'Lena Mentor')
	const mentee = await person('mentee', 'America/New_York', 'Maya Mentee')
	return { mentor, mentee }
}

async function intro() {
	const { mentor, mentee } = await pair()
	const session = await bookIntro({ menteeId: mentee.id, mentorId: mentor.id, start: at(3 * DAY), introForm: form, now: NOW })
	return { mentor, mentee, session }
}

async function paid() {
	const { mentor, mentee } = await pair()
	const [bundle] = await getDb().insert(bundles).values({ menteeId: mentee.id, mentorId: mentor.id, status: 'active', creditsTotal: 4, sessionMinutes: 60 }).returning()
	const session = await bookPaid({ menteeId: mentee.id, mentorId: mentor.id, bundleId: bundle!.id, start: at(3 * DAY), now: NOW })
	return { mentor, mentee, session }
}

const newSince = async (sessionId: string, before: number) => (await emailsAbout(sessionId)).slice(before)

describe('every booking change emails the person it concerns, once', () => {
	test('an intro invitation: the mentor, with a link to pending invitations, in their zone', async () => {
		const { mentor, session } = await intro()
		const rows = await emailsAbout(session.id)
		expect(routing(rows)).toEqual([`invitation_received → ${mentor.id}`])
		expect(rows[0]!.toAddress).toBe(mentor.email)
		expect(rows[0]!.html).toContain('http://localhost:3000/sessions?tab=invitations')
		expect(rows[0]!.text).toContain('Thursday 4 March 2027, 09:00–09:20, Europe/Berlin (GMT+1)')
	})

	test('the queued email has its send job, enqueued in the same transaction', async () => {
		const { session } = await intro()
		const [row] = await emailsAbout(session.id)
		const jobs = await getDb().execute(sql.raw(`select data from ${BOSS_SCHEMA}.job where name = '${sendEmail.name}' and data->>'emailId' = '${row!.id}'`))
		expect(jobs).toHaveLength(1)
	})

	test('accepted: the mentee and the mentor, each with a calendar file naming only themselves as attendee', async () => {
		const { mentor, mentee, session } = await intro()
		await acceptInvitation({ sessionId: session.id, actorId: mentor.id, now: NOW })
		const rows = await newSince(session.id, 1)
		expect(routing(rows).sort()).toEqual([`booking_confirmed → ${mentor.id}`, `invitation_accepted → ${mentee.id}`])
		for (const [own, other] of [[mentee, mentor], [mentor, mentee]] as const) {
			const row = rows.find((r) => r.userId === own.id)!
			expect(row.attachments).toHaveLength(1)
			// Unfolded: iCalendar wraps lines at 75 octets.
			const ics = row.attachments[0]!.content.replace(/\r\n /g, '')
			expect(ics).toContain('METHOD:REQUEST')
			expect(ics).toContain(own.email)
			expect(ics).not.toContain(other.email)
		}
	})

	test('rejected: the mentee, with the reason', async () => {
		const { mentor, mentee, session } = await intro()
		await rejectInvitation({ sessionId: session.id, actorId: mentor.id, now: NOW, reason: 'I only mentor managers.' })
		const rows = await newSince(session.id, 1)
		expect(routing(rows)).toEqual([`invitation_rejected → ${mentee.id}`])
		expect(rows[0]!.text).toContain('I only mentor managers.')
	})

	test('a paid booking: both parties, each with the calendar file', async () => {
		const { mentor, mentee, session } = await paid()
		const rows = await emailsAbout(session.id)
		expect(routing(rows).sort()).toEqual([`booking_confirmed → ${mentee.id}`, `booking_confirmed → ${mentor.id}`].sort())
		for (const row of rows) expect(row.attachments[0]!.content).toContain(`UID:session-${session.id}@mentora`)
	})

	test('cancelled by the mentee: both hear, each with METHOD:CANCEL for the event they were sent', async () => {
		const { mentor, mentee, session } = await paid()
		await cancelSession({ sessionId: session.id, actorId: mentee.id, now: NOW })
		const rows = await newSince(session.id, 2)
		expect(routing(rows).sort()).toEqual([`session_cancelled → ${mentee.id}`, `session_cancelled → ${mentor.id}`].sort())
		const toMentor = rows.find((r) => r.userId === mentor.id)!
		const toMentee = rows.find((r) => r.userId === mentee.id)!
		for (const row of [toMentor, toMentee]) {
			expect(row.attachments[0]!.content).toContain('METHOD:CANCEL')
			expect(row.text).toContain('The calendar file attached removes it from your calendar.')
		}
		expect(toMentee.text).toContain('You cancelled your')
		expect(toMentor.text).not.toContain('You cancelled')
	})

	test('a pending invitation cancelled by the mentee: both hear, with no calendar file to remove', async () => {
		const { mentor, mentee, session } = await intro()
		await cancelSession({ sessionId: session.id, actorId: mentee.id, now: NOW })
		const rows = await newSince(session.id, 1)
		expect(routing(rows).sort()).toEqual([`session_cancelled → ${mentee.id}`, `session_cancelled → ${mentor.id}`].sort())
		for (const row of rows) {
			expect(row.attachments).toEqual([])
			// So the email does not point at a calendar file that is not there.
			expect(row.text).not.toContain('calendar file')
		}
	})

	test('cancelled by an admin: both parties', async () => {
		const { mentor, mentee, session } = await paid()
		const admin = await person('admin')
		await cancelSession({ sessionId: session.id, actorId: admin.id, now: NOW, reason: 'Mentor unavailable' })
		const rows = await newSince(session.id, 2)
		expect(routing(rows).sort()).toEqual([`session_cancelled → ${mentee.id}`, `session_cancelled → ${mentor.id}`].sort())
		expect(rows[0]!.text).toContain('The Mentora team cancelled')
	})

	test('ended: the mentor is asked to confirm; the intro decision goes to the mentee', async () => {
		const { mentor, mentee, session } = await intro()
		await acceptInvitation({ sessionId: session.id, actorId: mentor.id, now: NOW })
		const later = at(4 * DAY)
		await markEndedSessionsAwaitingConfirmation(later)
		await markEndedSessionsAwaitingConfirmation(later)
		expect(routing(await newSince(session.id, 3))).toEqual([`please_confirm → ${mentor.id}`])

		await confirmSession({ sessionId: session.id, actorId: mentor.id, now: later, outcome: 'completed', decision: 'approve_continuation' })
		const rows = await newSince(session.id, 4)
		expect(routing(rows)).toEqual([`intro_decision → ${mentee.id}`])
		expect(rows[0]!.html).toContain('http://localhost:3000/relationships')
	})

	test('a refused change writes no email', async () => {
		const { mentee, session } = await intro()
		await expect(acceptInvitation({ sessionId: session.id, actorId: mentee.id, now: NOW })).rejects.toThrow()
		expect(await emailsAbout(session.id)).toHaveLength(1)
	})

	test('an expired invitation tells the mentee, with a link to pick another time with that mentor', async () => {
		const { mentee, session } = await intro()
		await expireUnreviewedInvitations(at(5 * DAY))
		await expireUnreviewedInvitations(at(5 * DAY + HOUR))
		const rows = await newSince(session.id, 1)
		expect(routing(rows)).toEqual([`invitation_expired → ${mentee.id}`])
		expect(rows[0]!.subject).toBe('Your intro request to Lena Mentor expired')
		expect(rows[0]!.text).toContain('does not count against your monthly')
		expect(rows[0]!.html).toContain('http://localhost:3000/mentors')
	})
})
