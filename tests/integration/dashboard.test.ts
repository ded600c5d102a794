import { afterEach, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { bundles, relationships, sessions } from '../../db/schema'
import { loader } from '../../app/routes/dashboard'
import { createSession } from '../../app/services/auth-sessions.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { createUser } from '../support/factories'

const HOUR = 3_600_000
const NOW = new Date('2027-03-01T08:00:00Z')

afterEach(() => resetClock())

async function dashboardOf(userId: string) {
	const { token } = await createSession(userId, NOW)
	const request = new Request('http://localhost:3000/dashboard', { headers: { Cookie: `mentora_session=${token}` } })
	return loader({ request, context: { ip: '203.0.113.1', responseCookies: [] }, params: {} })
}

async function insertSession(mentorId: string, menteeId: string, status: 'pending' | 'scheduled', startsInHours: number) {
	const startsAt = new Date(NOW.getTime() + startsInHours * HOUR)
	await getDb()
		.insert(sessions)
		.values({
			mentorId,
			menteeId,
			type: 'intro',
			status,
			startsAt,
			endsAt: new Date(startsAt.getTime() + 20 * 60_000),
			introForm: { helpWith: 'Hiring', background: '', goals: 'A plan' },
			quotaMonth: '2027-03',
		})
}

test('the dashboard tells a mentor what waits for them, their next sessions and that payouts need Stripe', async () => {
	freezeClockAt(NOW)
	const mentor = await createUser({ role: 'mentor', name: 'Mo Mentor' })
	const mentee = await createUser({ name: 'Mia Mentee' })
	const quiet = await dashboardOf(mentor.user.id)
	expect(quiet.mentor?.todos).toEqual({ invitations: 0, confirm: 0 })
	expect(quiet.mentor?.connect.transfersActive).toBe(false)

	await insertSession(mentor.user.id, mentee.user.id, 'pending', 60)
	await insertSession(mentor.user.id, mentee.user.id, 'scheduled', 5)
	const busy = await dashboardOf(mentor.user.id)
	expect(busy.mentor?.todos.invitations).toBe(1)
	expect(busy.mentor?.upcoming.map((s) => s.mentee.name)).toEqual(['Mia Mentee'])

	const menteeView = await dashboardOf(mentee.user.id)
	expect(menteeView.mentee?.upcoming).toHaveLength(1)
	expect(menteeView.mentee?.pendingInvitations).toBe(1)
	expect(menteeView.mentor).toBeNull()
	expect(menteeView.counts).toBeNull()
})

test('a mentee is asked to confirm a pending relationship, and with credits left but nothing booked is told so', async () => {
	freezeClockAt(NOW)
	const mentor = await createUser({ role: 'mentor', name: 'Rel Mentor' })
	const mentee = await createUser({ name: 'Rel Mentee' })
	const fresh = await dashboardOf(mentee.user.id)
	expect(fresh.relationshipsToAnswer).toBe(0)
	expect(fresh.mentee).toMatchObject({ creditsLeft: 0, pastSessions: 0 })

	await getDb().insert(relationships).values({ mentorId: mentor.user.id, menteeId: mentee.user.id, status: 'pending', origin: 'intro', mentorConfirmedAt: NOW })
	await getDb().insert(bundles).values({ menteeId: mentee.user.id, mentorId: mentor.user.id, status: 'active', creditsTotal: 4, creditsConsumed: 1, sessionMinutes: 60 })
	const asked = await dashboardOf(mentee.user.id)
	expect(asked.relationshipsToAnswer).toBe(1)
	expect(asked.mentee).toMatchObject({ upcoming: [], creditsLeft: 3 })
	// The mentor already confirmed their side: nothing waits for them.
	expect((await dashboardOf(mentor.user.id)).relationshipsToAnswer).toBe(0)
})
