import { asc, eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { availabilityCalendars, bundles, relationships, sessions, users } from '../../db/schema'
import { onBookingEvent, type BookingEvent } from '../../app/services/booking-events.server'
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
import { DomainError } from '../../app/utils/errors'
import { uniqueEmail } from '../support/factories'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const NOW = new Date('2027-03-01T08:00:00Z')
const at = (ms: number, from = NOW) => new Date(from.getTime() + ms)
const form = { helpWith: 'Moving from support into product management', background: 'Five years in support', goals: 'A plan for the next year' }

/** People straight into the table: signing up through the service hashes a password, too slow for 50 mentees. */
async function person(role: 'mentee' | 'mentor' | 'admin' = 'mentee', timeZone = 'Europe/Berlin') {
	const [user] = await getDb()
		.insert(users)
		.values({
			email: uniqueEmail(role),
			name: `A ${role}`,
			timeZone,
			passwordHash: 'not-a-real-hash',
			emailVerifiedAt: new Date(),
			isMentee: role === 'mentee',
			isMentor: role === 'mentor',
			isAdmin: role === 'admin',
		})
		.returning()
	return user!
}

const people = (n: number, role: 'mentee' | 'mentor', timeZone?: string) => Promise.all(Array.from({ length: n }, () => person(role, timeZone)))

async function activeBundle(menteeId: string, mentorId: string, creditsTotal = 4, sessionMinutes = 60) {
	const [bundle] = await getDb().insert(bundles).values({ menteeId, mentorId, status: 'active', creditsTotal, sessionMinutes }).returning()
	return bundle!
}

const bundleNow = async (id: string) => (await getDb().select().from(bundles).where(eq(bundles.id, id)))[0]!
const sessionNow = async (id: string) => (await getDb().select().from(sessions).where(eq(sessions.id, id)))[0]!

/** Everything booking can write, to prove a refusal wrote nothing. */
async function snapshot() {
	const db = getDb()
	return JSON.stringify([
		await db.select().from(sessions).orderBy(asc(sessions.id)),
		await db.select().from(bundles).orderBy(asc(bundles.id)),
		await db.select().from(relationships).orderBy(asc(relationships.id)),
	])
}

/** Runs a call that must be refused: returns the refusal's code after checking that nothing changed. */
async function refused(run: () => Promise<unknown>): Promise<string> {
	const before = await snapshot()
	const error = await run().then(
		() => null,
		(e: unknown) => e,
	)
	expect(error, 'expected a refusal').toBeInstanceOf(DomainError)
	expect(await snapshot()).toBe(before)
	return (error as DomainError).code
}

const codes = (results: PromiseSettledResult<unknown>[]) =>
	results.map((r) => (r.status === 'fulfilled' ? 'ok' : r.reason instanceof DomainError ? r.reason.code : String(r.reason)))
const tally = (list: string[]) => list.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {})

describe('double booking, under concurrent requests', () => {
	test('50 mentees asking for one mentor slot at once make exactly one booking', async () => {
		const mentor = await person('mentor')
		const mentees = await people(50, 'mentee')
		const start = at(3 * DAY)
		const results = await Promise.allSettled(mentees.map((m) => bookIntro({ menteeId: m.id, mentorId: mentor.id, start, introForm: form, now: NOW })))
		expect(tally(codes(results))).toEqual({ ok: 1, slot_unavailable: 49 })
		const booked = await getDb().select().from(sessions).where(eq(sessions.mentorId, mentor.id))
		expect(booked).toHaveLength(1)
	})

	test('the database itself refuses overlapping live sessions of one mentor or one mentee', async () => {
		const [mentor, otherMentor, mentee, otherMentee] = [await person('mentor'), await person('mentor'), await person(), await person()]
		const row = (mentorId: string, menteeId: string, startsAt: Date) => ({
			mentorId,
			menteeId,
			type: 'intro' as const,
			status: 'pending' as const,
			startsAt,
			endsAt: at(20 * MINUTE, startsAt),
			introForm: form,
			quotaMonth: '2027-03',
		})
		const start = at(4 * DAY)
		await getDb().insert(sessions).values(row(mentor.id, mentee.id, start))
		const violation = (p: Promise<unknown>) => p.then(() => 'inserted', (e: { cause?: { code?: string } }) => e.cause?.code)
		expect(await violation(getDb().insert(sessions).values(row(mentor.id, otherMentee.id, at(10 * MINUTE, start))))).toBe('23P01')
		expect(await violation(getDb().insert(sessions).values(row(otherMentor.id, mentee.id, at(19 * MINUTE, start))))).toBe('23P01')
		// Back to back is not an overlap, and dead sessions hold no time.
		expect(await violation(getDb().insert(sessions).values(row(otherMentor.id, mentee.id, at(20 * MINUTE, start))))).toBe('inserted')
		expect(await violation(getDb().insert(sessions).values({ ...row(mentor.id, otherMentee.id, start), status: 'cancelled' }))).toBe('inserted')
	})

	test('a mentee cannot hold two sessions at once, even with two mentors', async () => {
		const [first, second, mentee] = [await person('mentor'), await person('mentor'), await person()]
		const start = at(3 * DAY)
		await bookIntro({ menteeId: mentee.id, mentorId: first.id, start, introForm: form, now: NOW })
		const before = await snapshot()
		const error = await bookIntro({ menteeId: mentee.id, mentorId: second.id, start: at(10 * MINUTE, start), introForm: form, now: NOW }).catch((e: DomainError) => e)
		expect(error).toMatchObject({ code: 'slot_unavailable', message: 'You already have a session at that time.' })
		expect(await snapshot()).toBe(before)
	})
})

describe('intro quota', () => {
	test('10 concurrent intros by one mentee in one month make exactly 3', async () => {
		const mentee = await person()
		const mentors = await people(10, 'mentor')
		const results = await Promise.allSettled(
			mentors.map((mentor, i) => bookIntro({ menteeId: mentee.id, mentorId: mentor.id, start: at(4 * DAY + i * HOUR), introForm: form, now: NOW })),
		)
		expect(tally(codes(results))).toEqual({ ok: 3, intro_quota_exceeded: 7 })
	})

	test('counts the month in the mentee’s zone, and cancelled or rejected intros do not count', async () => {
		const now = new Date('2027-03-25T00:00:00Z')
		const mentee = await person('mentee', 'Asia/Tokyo')
		const mentors = await people(5, 'mentor')
		const book = (i: number, start: Date) => bookIntro({ menteeId: mentee.id, mentorId: mentors[i]!.id, start, introForm: form, now })
		const march = [await book(0, at(3 * DAY, now)), await book(1, at(4 * DAY, now)), await book(2, at(5 * DAY, now))]
		expect(await refused(() => book(3, new Date('2027-03-31T14:00:00Z')))).toBe('intro_quota_exceeded') // 23:00 in Tokyo
		// 01:00 on 1 April in Tokyo, still March in UTC: the mentee's month decides.
		const april = await book(3, new Date('2027-03-31T16:00:00Z'))
		expect(april.quotaMonth).toBe('2027-04')

		await cancelSession({ sessionId: march[0]!.id, actorId: mentee.id, now })
		await rejectInvitation({ sessionId: march[1]!.id, actorId: mentors[1]!.id, reason: 'Not my field', now })
		await book(4, at(3 * DAY + 2 * HOUR, now))
		await book(0, at(4 * DAY + 2 * HOUR, now))
		expect(await refused(() => book(1, at(5 * DAY + 2 * HOUR, now)))).toBe('intro_quota_exceeded')
	})

	test('one intro in progress per mentor', async () => {
		const [mentor, mentee] = [await person('mentor'), await person()]
		await bookIntro({ menteeId: mentee.id, mentorId: mentor.id, start: at(3 * DAY), introForm: form, now: NOW })
		expect(await refused(() => bookIntro({ menteeId: mentee.id, mentorId: mentor.id, start: at(5 * DAY), introForm: form, now: NOW }))).toBe('already_pending_intro')
	})

	test('no intro with a mentor the mentee holds a bundle from, or has a live relationship with; an ended one allows it again', async () => {
		const [mentor, withBundle, related, ended] = [await person('mentor'), await person(), await person(), await person()]
		await activeBundle(withBundle.id, mentor.id)
		await getDb().insert(relationships).values({ mentorId: mentor.id, menteeId: related.id, status: 'confirmed', origin: 'intro', mentorConfirmedAt: NOW, menteeConfirmedAt: NOW })
		await getDb().insert(relationships).values({ mentorId: mentor.id, menteeId: ended.id, status: 'ended', origin: 'intro', mentorConfirmedAt: NOW, menteeConfirmedAt: NOW })
		const book = (menteeId: string, lead: number) => bookIntro({ menteeId, mentorId: mentor.id, start: at(lead), introForm: form, now: NOW })
		expect(await refused(() => book(withBundle.id, 3 * DAY))).toBe('already_related')
		expect(await refused(() => book(related.id, 3 * DAY))).toBe('already_related')
		expect((await book(ended.id, 3 * DAY)).status).toBe('pending')
	})
})

describe('booking windows, at their edges', () => {
	test('intro: 47h59m too soon, 48h fine, 14 days fine, 14 days and a minute too far', async () => {
		const mentee = await person()
		const mentors = await people(2, 'mentor')
		const book = (mentorId: string, lead: number) => bookIntro({ menteeId: mentee.id, mentorId, start: at(lead), introForm: form, now: NOW })
		expect(await refused(() => book(mentors[0]!.id, 48 * HOUR - MINUTE))).toBe('too_soon')
		expect(await refused(() => book(mentors[0]!.id, 14 * DAY + MINUTE))).toBe('too_far')
		expect((await book(mentors[0]!.id, 48 * HOUR)).status).toBe('pending')
		expect((await book(mentors[1]!.id, 14 * DAY)).status).toBe('pending')
	})

	test('paid: 24 hours to 60 days by default, the mentor’s setting when saved', async () => {
		const [mentor, mentee] = [await person('mentor'), await person()]
		const bundle = await activeBundle(mentee.id, mentor.id)
		const book = (lead: number) => bookPaid({ menteeId: mentee.id, mentorId: mentor.id, bundleId: bundle.id, start: at(lead), now: NOW })
		expect(await refused(() => book(24 * HOUR - MINUTE))).toBe('too_soon')
		expect(await refused(() => book(60 * DAY + MINUTE))).toBe('too_far')
		expect((await book(24 * HOUR)).status).toBe('scheduled')
		await getDb().insert(availabilityCalendars).values({ mentorId: mentor.id, type: 'paid', timeZone: 'Europe/Berlin', minLeadMinutes: 120, maxLeadMinutes: 7 * 24 * 60 })
		expect((await book(2 * HOUR)).status).toBe('scheduled')
		expect(await refused(() => book(8 * DAY))).toBe('too_far')
	})

	test('an invalid intro form is refused field by field', async () => {
		const [mentor, mentee] = [await person('mentor'), await person()]
		const error = await bookIntro({ menteeId: mentee.id, mentorId: mentor.id, start: at(3 * DAY), introForm: { helpWith: ' ' }, now: NOW }).catch((e: DomainError) => e)
		expect(error).toMatchObject({ code: 'validation_failed', fields: { helpWith: expect.any(Array), goals: expect.any(Array) } })
	})
})

describe('slots and buffers', () => {
	test('a buffer keeps the next booking away, in either calendar', async () => {
		const [mentor, mentee, other] = [await person('mentor'), await person(), await person()]
		await getDb().insert(availabilityCalendars).values({ mentorId: mentor.id, type: 'paid', timeZone: 'Europe/Berlin', bufferMinutes: 30 })
		const bundle = await activeBundle(mentee.id, mentor.id)
		const paid = await bookPaid({ menteeId: mentee.id, mentorId: mentor.id, bundleId: bundle.id, start: at(3 * DAY), now: NOW })
		const intro = (start: Date) => bookIntro({ menteeId: other.id, mentorId: mentor.id, start, introForm: form, now: NOW })
		expect(await refused(() => intro(at(29 * MINUTE, paid.endsAt)))).toBe('slot_unavailable')
		expect(await refused(() => intro(at(-45 * MINUTE, paid.startsAt)))).toBe('slot_unavailable')
		expect((await intro(at(30 * MINUTE, paid.endsAt))).status).toBe('pending')
	})

	test('the slot engine’s verdict is asked inside the booking', async () => {
		const [mentor, mentee] = [await person('mentor'), await person()]
		const asked: string[] = []
		const code = await refused(() =>
			bookIntro({
				menteeId: mentee.id,
				mentorId: mentor.id,
				start: at(3 * DAY),
				introForm: form,
				now: NOW,
				isBookableSlot: ({ type, start, end }) => {
					asked.push(`${type} ${start.toISOString()} ${end.toISOString()}`)
					return false
				},
			}),
		)
		expect(code).toBe('slot_unavailable')
		expect(asked).toEqual([`intro ${at(3 * DAY).toISOString()} ${at(3 * DAY + 20 * MINUTE).toISOString()}`])
	})
})

describe('credits', () => {
	test('20 concurrent paid bookings on a 4-credit bundle make exactly 4', async () => {
		const [mentor, mentee] = [await person('mentor'), await person()]
		const bundle = await activeBundle(mentee.id, mentor.id, 4)
		const results = await Promise.allSettled(
			Array.from({ length: 20 }, (_, i) => bookPaid({ menteeId: mentee.id, mentorId: mentor.id, bundleId: bundle.id, start: at(2 * DAY + i * 2 * HOUR), now: NOW })),
		)
		expect(tally(codes(results))).toEqual({ ok: 4, no_credit: 16 })
		expect(await bundleNow(bundle.id)).toMatchObject({ creditsReserved: 4, creditsConsumed: 0 })
		expect(await getDb().select().from(sessions).where(eq(sessions.bundleId, bundle.id))).toHaveLength(4)
	})

	test('no active bundle with that mentor, no booking; the oldest usable bundle pays when none is named', async () => {
		const [mentor, otherMentor, mentee] = [await person('mentor'), await person('mentor'), await person()]
		await activeBundle(mentee.id, otherMentor.id)
		const [pending] = await getDb().insert(bundles).values({ menteeId: mentee.id, mentorId: mentor.id, status: 'pending', creditsTotal: 4, sessionMinutes: 60 }).returning()
		const book = (bundleId?: string) => bookPaid({ menteeId: mentee.id, mentorId: mentor.id, bundleId, start: at(3 * DAY), now: NOW })
		expect(await refused(() => book())).toBe('no_credit')
		expect(await refused(() => book(pending!.id))).toBe('no_credit')
		const bundle = await activeBundle(mentee.id, mentor.id, 2, 45)
		const session = await book()
		expect(session).toMatchObject({ bundleId: bundle.id, type: 'paid', status: 'scheduled' })
		expect(session.endsAt.getTime() - session.startsAt.getTime()).toBe(45 * MINUTE)
	})

	test('the database refuses more credits than the bundle holds', async () => {
		const [mentor, mentee] = [await person('mentor'), await person()]
		const bundle = await activeBundle(mentee.id, mentor.id, 1)
		const overuse = getDb().update(bundles).set({ creditsReserved: 1, creditsConsumed: 1 }).where(eq(bundles.id, bundle.id))
		await expect(overuse).rejects.toMatchObject({ cause: { code: '23514' } })
	})

	test('cancelling a paid session returns its credit', async () => {
		const [mentor, mentee] = [await person('mentor'), await person()]
		const bundle = await activeBundle(mentee.id, mentor.id, 1)
		const session = await bookPaid({ menteeId: mentee.id, mentorId: mentor.id, start: at(3 * DAY), now: NOW })
		expect(await bundleNow(bundle.id)).toMatchObject({ creditsReserved: 1 })
		const cancelled = await cancelSession({ sessionId: session.id, actorId: mentee.id, reason: 'Clash at work', now: NOW })
		expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: mentee.id, cancellationReason: 'Clash at work' })
		expect(await bundleNow(bundle.id)).toMatchObject({ creditsReserved: 0, creditsConsumed: 0 })
		// The returned credit books the freed time again.
		expect((await bookPaid({ menteeId: mentee.id, mentorId: mentor.id, start: session.startsAt, now: NOW })).status).toBe('scheduled')
	})

	test('confirming consumes the credit when the session happened or the mentee did not show, returns it when the mentor did not', async () => {
		const [mentor, mentee] = [await person('mentor'), await person()]
		const bundle = await activeBundle(mentee.id, mentor.id, 3)
		const booked = await Promise.all(
			[0, 1, 2].map((i) => bookPaid({ menteeId: mentee.id, mentorId: mentor.id, start: at(2 * DAY + i * 2 * HOUR), now: NOW })),
		)
		const later = at(5 * DAY)
		const outcomes = ['completed', 'no_show_mentee', 'no_show_mentor'] as const
		for (const [i, outcome] of outcomes.entries()) {
			const { session } = await confirmSession({ sessionId: booked[i]!.id, actorId: mentor.id, outcome, now: later })
			expect(session.status).toBe(outcome)
		}
		expect(await bundleNow(bundle.id)).toMatchObject({ creditsReserved: 0, creditsConsumed: 2 })
	})
})

describe('session lifecycle', () => {
	async function invitation() {
		const [mentor, mentee, stranger] = [await person('mentor'), await person(), await person()]
		const session = await bookIntro({ menteeId: mentee.id, mentorId: mentor.id, start: at(3 * DAY), introForm: form, now: NOW })
		return { mentor, mentee, stranger, session }
	}

	test('the mentor accepts or rejects an invitation, with a reason', async () => {
		const a = await invitation()
		expect((await acceptInvitation({ sessionId: a.session.id, actorId: a.mentor.id, now: NOW })).status).toBe('scheduled')
		expect(await refused(() => acceptInvitation({ sessionId: a.session.id, actorId: a.mentor.id, now: NOW }))).toBe('invalid_transition')

		const b = await invitation()
		expect(await refused(() => rejectInvitation({ sessionId: b.session.id, actorId: b.mentor.id, reason: '  ', now: NOW }))).toBe('validation_failed')
		const rejected = await rejectInvitation({ sessionId: b.session.id, actorId: b.mentor.id, reason: 'Outside my expertise', now: NOW })
		expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Outside my expertise' })
	})

	test('the wrong party is refused every action, and nothing changes', async () => {
		const { mentor, mentee, stranger, session } = await invitation()
		const admin = await person('admin')
		for (const actorId of [mentee.id, stranger.id, admin.id]) {
			expect(await refused(() => acceptInvitation({ sessionId: session.id, actorId, now: NOW }))).toBe('not_allowed')
			expect(await refused(() => rejectInvitation({ sessionId: session.id, actorId, reason: 'no', now: NOW }))).toBe('not_allowed')
		}
		expect(await refused(() => cancelSession({ sessionId: session.id, actorId: stranger.id, now: NOW }))).toBe('not_allowed')
		await acceptInvitation({ sessionId: session.id, actorId: mentor.id, now: NOW })
		const afterEnd = at(4 * DAY)
		for (const actorId of [mentee.id, stranger.id]) {
			expect(await refused(() => confirmSession({ sessionId: session.id, actorId, outcome: 'completed', decision: 'reject', now: afterEnd }))).toBe('not_allowed')
		}
		expect((await sessionNow(session.id)).status).toBe('scheduled')
	})

	test('cancellation: exactly 24 hours before is allowed, 23h59m is refused, an admin overrides with a reason', async () => {
		const { mentor, mentee, session } = await invitation()
		const dayBefore = at(-DAY, session.startsAt)
		expect(await refused(() => cancelSession({ sessionId: session.id, actorId: mentee.id, now: at(MINUTE, dayBefore) }))).toBe('cancellation_window_closed')
		expect(await refused(() => cancelSession({ sessionId: session.id, actorId: mentor.id, now: at(MINUTE, dayBefore) }))).toBe('cancellation_window_closed')
		expect((await cancelSession({ sessionId: session.id, actorId: mentor.id, now: dayBefore })).status).toBe('cancelled')

		const late = await invitation()
		const admin = await person('admin')
		const anHourBefore = at(-HOUR, late.session.startsAt)
		expect(await refused(() => cancelSession({ sessionId: late.session.id, actorId: admin.id, now: anHourBefore }))).toBe('validation_failed')
		const cancelled = await cancelSession({ sessionId: late.session.id, actorId: admin.id, reason: 'Mentor is ill', now: anHourBefore })
		expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: admin.id, cancellationReason: 'Mentor is ill' })
	})

	test('a session is confirmed only after it ends', async () => {
		const { mentor, session } = await invitation()
		await acceptInvitation({ sessionId: session.id, actorId: mentor.id, now: NOW })
		const during = at(10 * MINUTE, session.startsAt)
		expect(await refused(() => confirmSession({ sessionId: session.id, actorId: mentor.id, outcome: 'completed', decision: 'reject', now: during }))).toBe('invalid_transition')
		expect(await refused(() => confirmSession({ sessionId: session.id, actorId: mentor.id, outcome: 'completed', now: session.endsAt }))).toBe('validation_failed')
		const { session: confirmed, relationshipId } = await confirmSession({ sessionId: session.id, actorId: mentor.id, outcome: 'completed', decision: 'reject', now: session.endsAt })
		expect(confirmed).toMatchObject({ status: 'completed', introDecision: 'reject' })
		expect(relationshipId).toBeNull()
	})

	test('approving continuation opens one pending relationship, confirmed by the mentor’s side', async () => {
		const { mentor, mentee, session } = await invitation()
		await acceptInvitation({ sessionId: session.id, actorId: mentor.id, now: NOW })
		const after = at(HOUR, session.endsAt)
		const { relationshipId } = await confirmSession({ sessionId: session.id, actorId: mentor.id, outcome: 'completed', decision: 'approve_continuation', now: after })
		const [relationship] = await getDb().select().from(relationships).where(eq(relationships.id, relationshipId!))
		expect(relationship).toMatchObject({ mentorId: mentor.id, menteeId: mentee.id, status: 'pending', origin: 'intro', menteeConfirmedAt: null })
		expect(relationship!.mentorConfirmedAt).toEqual(after)

		// With that relationship live, the mentee books paid sessions, not a second intro.
		expect(await refused(() => bookIntro({ menteeId: mentee.id, mentorId: mentor.id, start: at(3 * DAY, after), introForm: form, now: after }))).toBe('already_related')
		expect(await getDb().select().from(relationships).where(eq(relationships.menteeId, mentee.id))).toHaveLength(1)
	})
})

describe('time-driven changes', () => {
	test('ended sessions await confirmation; running it twice changes nothing more', async () => {
		const [mentor, mentee] = [await person('mentor'), await person()]
		await activeBundle(mentee.id, mentor.id, 2)
		const ended = await bookPaid({ menteeId: mentee.id, mentorId: mentor.id, start: at(2 * DAY), now: NOW })
		const upcoming = await bookPaid({ menteeId: mentee.id, mentorId: mentor.id, start: at(4 * DAY), now: NOW })
		const moment = ended.endsAt
		expect(await markEndedSessionsAwaitingConfirmation(moment)).toContain(ended.id)
		expect(await markEndedSessionsAwaitingConfirmation(moment)).toEqual([])
		expect((await sessionNow(ended.id)).status).toBe('awaiting_confirmation')
		expect((await sessionNow(upcoming.id)).status).toBe('scheduled')
	})

	test('unreviewed invitations expire at their start; running it twice changes nothing more', async () => {
		const [mentor, mentee] = [await person('mentor'), await person()]
		const session = await bookIntro({ menteeId: mentee.id, mentorId: mentor.id, start: at(3 * DAY), introForm: form, now: NOW })
		expect(await expireUnreviewedInvitations(at(-MINUTE, session.startsAt))).not.toContain(session.id)
		expect(await refused(() => acceptInvitation({ sessionId: session.id, actorId: mentor.id, now: session.startsAt }))).toBe('invalid_transition')
		expect(await expireUnreviewedInvitations(session.startsAt)).toContain(session.id)
		expect(await expireUnreviewedInvitations(session.startsAt)).toEqual([])
		expect((await sessionNow(session.id)).status).toBe('expired')
	})
})

describe('booking events', () => {
	test('listeners hear each change inside its transaction, and a failing listener undoes the change', async () => {
		const [mentor, mentee] = [await person('mentor'), await person()]
		const heard: BookingEvent[] = []
		const stop = onBookingEvent(async (tx, event) => {
			heard.push(event)
			const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(sessions).where(eq(sessions.menteeId, mentee.id))
			if (row!.n !== 1) throw new Error('the listener should see the new session in its transaction')
		})
		try {
			const session = await bookIntro({ menteeId: mentee.id, mentorId: mentor.id, start: at(3 * DAY), introForm: form, now: NOW })
			expect(heard).toEqual([{ type: 'invitation_received', sessionId: session.id }])
		} finally {
			stop()
		}
		const failing = onBookingEvent(async () => {
			throw new Error('outbox unavailable')
		})
		try {
			const before = await snapshot()
			await expect(bookIntro({ menteeId: mentee.id, mentorId: (await person('mentor')).id, start: at(5 * DAY), introForm: form, now: NOW })).rejects.toThrow('outbox unavailable')
			expect(await snapshot()).toBe(before)
		} finally {
			failing()
		}
	})
})
