import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { bundles, sessions, type SessionStatus, type SessionType } from '../../db/schema'
import { saveCalendar } from '../../app/services/calendars.server'
import { getIntroBookingState } from '../../app/services/intro-booking.server'
import {
	SESSIONS_PAGE_SIZE,
	countMentorTodos,
	listMenteeSessions,
	listMentorAwaitingConfirmation,
	listMentorInvitations,
	listMentorSessions,
	listMentorUpcoming,
} from '../../app/services/my-sessions.server'
import { createUser } from '../support/factories'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** A Monday; Berlin is on winter time (UTC+1). */
const NOW = new Date('2027-03-01T08:00:00Z')
const form = { helpWith: 'Product', background: '', goals: 'A plan' }

async function insert(values: { mentorId: string; menteeId: string; type?: SessionType; status: SessionStatus; startsInHours: number; reason?: string }) {
	const startsAt = new Date(NOW.getTime() + values.startsInHours * HOUR)
	const type = values.type ?? 'intro'
	const [row] = await getDb()
		.insert(sessions)
		.values({
			mentorId: values.mentorId,
			menteeId: values.menteeId,
			type,
			status: values.status,
			startsAt,
			endsAt: new Date(startsAt.getTime() + 20 * MINUTE),
			introForm: type === 'intro' ? form : null,
			rejectionReason: values.reason ?? null,
			quotaMonth: startsAt.toISOString().slice(0, 7),
		})
		.returning()
	return row!
}

async function people() {
	const [mentor, ada, bea] = await Promise.all([
		createUser({ role: 'mentor', name: 'Mentor' }),
		createUser({ name: 'Ada' }),
		createUser({ name: 'Bea' }),
	])
	return { mentor: mentor.user, ada: ada.user, bea: bea.user }
}

describe('the mentor’s lists', () => {
	test('upcoming holds scheduled sessions of the next 72 hours; invitations and confirmations count what waits, whether or not the jobs ran', async () => {
		const { mentor, ada, bea } = await people()
		const soon = await insert({ mentorId: mentor.id, menteeId: ada.id, status: 'scheduled', startsInHours: 71 })
		await insert({ mentorId: mentor.id, menteeId: bea.id, status: 'scheduled', startsInHours: 73 })
		const invitation = await insert({ mentorId: mentor.id, menteeId: bea.id, status: 'pending', startsInHours: 50 })
		// An invitation whose start passed is expired even before the job ran.
		await insert({ mentorId: mentor.id, menteeId: ada.id, status: 'pending', startsInHours: -30 })
		// A scheduled session that ended awaits confirmation even before the job ran.
		const ended = await insert({ mentorId: mentor.id, menteeId: ada.id, status: 'scheduled', startsInHours: -2 })
		const awaiting = await insert({ mentorId: mentor.id, menteeId: bea.id, status: 'awaiting_confirmation', startsInHours: -5 })

		expect((await listMentorUpcoming(mentor.id, NOW)).map((s) => s.id)).toEqual([soon.id])
		expect((await listMentorInvitations(mentor.id, NOW)).map((s) => s.id)).toEqual([invitation.id])
		const toConfirm = await listMentorAwaitingConfirmation(mentor.id, NOW)
		expect(toConfirm.map((s) => s.id)).toEqual([awaiting.id, ended.id])
		expect(toConfirm.every((s) => s.status === 'awaiting_confirmation')).toBe(true)
		expect(await countMentorTodos(mentor.id, NOW)).toEqual({ invitations: 1, confirm: 2 })
	})

	test('all sessions filter by type, mentee and status, sort both ways and paginate', async () => {
		const { mentor, ada, bea } = await people()
		for (let i = 0; i < SESSIONS_PAGE_SIZE + 5; i++) {
			await insert({ mentorId: mentor.id, menteeId: ada.id, status: 'completed', startsInHours: -24 * (i + 1) })
		}
		const rejected = await insert({ mentorId: mentor.id, menteeId: bea.id, status: 'rejected', startsInHours: 24, reason: 'Not my field.' })

		const first = await listMentorSessions(mentor.id, { sort: 'newest', page: 1 }, NOW)
		expect(first.total).toBe(SESSIONS_PAGE_SIZE + 6)
		expect(first.pageCount).toBe(2)
		expect(first.items).toHaveLength(SESSIONS_PAGE_SIZE)
		expect(first.items[0]!.id).toBe(rejected.id)
		expect(first.mentees.map((m) => m.name)).toEqual(['Ada', 'Bea'])
		const second = await listMentorSessions(mentor.id, { sort: 'newest', page: 2 }, NOW)
		expect(second.items).toHaveLength(6)
		expect(new Set([...first.items, ...second.items].map((s) => s.id)).size).toBe(SESSIONS_PAGE_SIZE + 6)
		// A page past the end shows the last one.
		expect((await listMentorSessions(mentor.id, { sort: 'newest', page: 9 }, NOW)).page).toBe(2)

		const oldest = await listMentorSessions(mentor.id, { sort: 'oldest', page: 1 }, NOW)
		expect(oldest.items[0]!.start < oldest.items[1]!.start).toBe(true)

		const byBea = await listMentorSessions(mentor.id, { sort: 'newest', menteeId: bea.id, page: 1 }, NOW)
		expect(byBea.items.map((s) => [s.id, s.rejectionReason])).toEqual([[rejected.id, 'Not my field.']])
		expect((await listMentorSessions(mentor.id, { sort: 'newest', status: 'rejected', page: 1 }, NOW)).total).toBe(1)
		expect((await listMentorSessions(mentor.id, { sort: 'newest', type: 'paid', page: 1 }, NOW)).total).toBe(0)
	})

	test('another mentor’s sessions never show', async () => {
		const { mentor, ada } = await people()
		const other = (await createUser({ role: 'mentor' })).user
		await insert({ mentorId: other.id, menteeId: ada.id, status: 'pending', startsInHours: 50 })
		expect((await listMentorSessions(mentor.id, { sort: 'newest', page: 1 }, NOW)).total).toBe(0)
		expect(await countMentorTodos(mentor.id, NOW)).toEqual({ invitations: 0, confirm: 0 })
	})
})

test('the mentee sees upcoming sessions, the invitations they sent with reasons, and their history', async () => {
	const { mentor, ada } = await people()
	const upcoming = await insert({ mentorId: mentor.id, menteeId: ada.id, status: 'scheduled', startsInHours: 30 })
	const rejected = await insert({ mentorId: mentor.id, menteeId: ada.id, status: 'rejected', startsInHours: 60, reason: 'Fully booked.' })
	const done = await insert({ mentorId: mentor.id, menteeId: ada.id, status: 'completed', startsInHours: -48 })
	const view = await listMenteeSessions(ada.id, NOW)
	expect(view.upcoming.map((s) => s.id)).toEqual([upcoming.id])
	expect(view.invitations.map((s) => [s.id, s.status, s.rejectionReason])).toEqual([[rejected.id, 'rejected', 'Fully booked.']])
	expect(view.past.map((s) => s.id)).toEqual([done.id])
})

describe('cancelling from any list', () => {
	test('a session 100 hours ahead can be cancelled from the mentor’s All list and the mentee’s list; one 10 hours ahead says why not', async () => {
		const { mentor, ada } = await people()
		const far = await insert({ mentorId: mentor.id, menteeId: ada.id, status: 'scheduled', startsInHours: 100 })
		const near = await insert({ mentorId: mentor.id, menteeId: ada.id, status: 'scheduled', startsInHours: 10 })
		const done = await insert({ mentorId: mentor.id, menteeId: ada.id, status: 'completed', startsInHours: -48 })
		const all = (await listMentorSessions(mentor.id, { sort: 'newest', page: 1 }, NOW)).items
		const byId = new Map(all.map((s) => [s.id, s.cancellation]))
		expect(byId.get(far.id)).toEqual({ open: true })
		expect(byId.get(near.id)).toEqual({ open: false, reason: expect.stringMatching(/up to 24 hours before/) })
		expect(byId.get(done.id)).toBeNull()
		const menteeSide = await listMenteeSessions(ada.id, NOW)
		expect(menteeSide.upcoming.find((s) => s.id === far.id)?.cancellation).toEqual({ open: true })
	})
})

describe('the booking box of a public profile', () => {
	async function mentorWithCalendar() {
		const { mentor, ada, bea } = await people()
		const weekdays = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday: weekday as 1, start: '09:00', end: '10:00' }))
		await saveCalendar(mentor.id, 'intro', { timeZone: 'Europe/Berlin', weekly: weekdays, overrides: [], bufferMinutes: 0 }, NOW)
		const [profile] = await getDb().query.mentorProfiles.findMany({ where: (p, { eq }) => eq(p.userId, mentor.id) })
		return { mentor, ada, bea, slug: profile!.slug }
	}

	test('lists two weeks of intro slots, from 48 hours ahead, to anyone', async () => {
		const { slug } = await mentorWithCalendar()
		const state = await getIntroBookingState({ mentorSlug: slug, viewer: null, now: NOW })
		expect(state.blocker).toEqual({ reason: 'logged_out' })
		expect(state.slots[0]!.start).toBe('2027-03-03T08:00:00.000Z')
		expect(new Date(state.slots.at(-1)!.start).getTime()).toBeLessThanOrEqual(NOW.getTime() + 14 * DAY)
	})

	test('says why a mentee cannot book: own profile, intro in progress, quota used', async () => {
		const { mentor, ada, bea, slug } = await mentorWithCalendar()
		expect((await getIntroBookingState({ mentorSlug: slug, viewer: mentor, now: NOW })).blocker).toEqual({ reason: 'own_profile' })
		// "Only mentees book intros": another mentor, or an admin, is told before filling in the form.
		const otherMentor = (await createUser({ role: 'mentor' })).user
		expect((await getIntroBookingState({ mentorSlug: slug, viewer: otherMentor, now: NOW })).blocker).toEqual({ reason: 'not_mentee' })

		await insert({ mentorId: mentor.id, menteeId: ada.id, status: 'pending', startsInHours: 100 })
		expect((await getIntroBookingState({ mentorSlug: slug, viewer: ada, now: NOW })).blocker).toMatchObject({ reason: 'intro_in_progress' })

		// Three intros with other mentors in March use Bea's March quota; the two weeks shown lie in March.
		for (const hours of [200, 220, 240]) {
			const other = (await createUser({ role: 'mentor' })).user
			await insert({ mentorId: other.id, menteeId: bea.id, status: 'scheduled', startsInHours: hours })
		}
		const state = await getIntroBookingState({ mentorSlug: slug, viewer: bea, now: NOW })
		expect(state.blocker).toEqual({ reason: 'quota_used', months: ['2027-03'] })
		expect(state.slots).toEqual([])
	})

	test('a mentee who holds a bundle from the mentor is offered no intro slots, and told to book a paid session', async () => {
		const { mentor, ada, slug } = await mentorWithCalendar()
		expect((await getIntroBookingState({ mentorSlug: slug, viewer: ada, now: NOW })).slots.length).toBeGreaterThan(0)
		await getDb().insert(bundles).values({ menteeId: ada.id, mentorId: mentor.id, status: 'active', creditsTotal: 4, sessionMinutes: 60 })
		const state = await getIntroBookingState({ mentorSlug: slug, viewer: ada, now: NOW })
		expect(state.blocker).toMatchObject({ reason: 'already_related', message: expect.stringMatching(/book a paid session/) })
		expect(state.slots).toEqual([])
	})
})
