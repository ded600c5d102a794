import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { auditLog, relationships, sessions, users } from '../../db/schema'
import { confirmRelationship, declineRelationship, endRelationship } from '../../app/services/relationships.server'
import * as page from '../../app/routes/relationships'
import * as admin from '../../app/routes/admin.relationships'
import { createUser } from '../support/factories'
import { submit } from '../support/forms'
import { emailsTo, person, routing } from '../support/outbox'

const DAY = 24 * 3_600_000
const NOW = new Date('2027-06-01T12:00:00Z')

async function relationship(values: Partial<typeof relationships.$inferInsert> & { mentorId: string; menteeId: string }) {
	const [row] = await getDb().insert(relationships).values({ status: 'pending', origin: 'intro', ...values }).returning()
	return row!
}

const reload = async (id: string) => (await getDb().select().from(relationships).where(eq(relationships.id, id)))[0]!

async function refusal(promise: Promise<unknown>): Promise<{ code: string }> {
	try {
		await promise
	} catch (error) {
		return error as { code: string }
	}
	throw new Error('expected a refusal')
}

describe('relationship service: a two-way agreement', () => {
	test('an intro relationship the mentor approved turns confirmed when the mentee confirms, with no second request', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		const r = await relationship({ mentorId: mentor.id, menteeId: mentee.id, mentorConfirmedAt: NOW })

		const updated = await confirmRelationship({ relationshipId: r.id, actorId: mentee.id, now: NOW })
		expect(updated.status).toBe('confirmed')
		expect(updated.menteeConfirmedAt).toEqual(NOW)
		// The intro-decision email was the mentee's request; confirming completes it and asks no one:
		// both are told it started, and what to do next.
		expect(routing([...(await emailsTo(mentor.id)), ...(await emailsTo(mentee.id))])).toEqual([`relationship_confirmed → ${mentor.id}`, `relationship_confirmed → ${mentee.id}`])
		const [toMentee] = await emailsTo(mentee.id)
		expect(toMentee!.subject).toBe(`${mentor.name} is now your mentor`)
		expect(toMentee!.text).toContain(`You and ${mentor.name} both confirmed`)
	})

	test('a pending relationship neither side confirmed stays pending after one side, and the other side is asked once', async () => {
		const mentor = await person('mentor', 'Europe/Berlin', 'Lena Mentor')
		const mentee = await person('mentee')
		const r = await relationship({ mentorId: mentor.id, menteeId: mentee.id, origin: 'intro' })

		const first = await confirmRelationship({ relationshipId: r.id, actorId: mentor.id, now: NOW })
		expect(first.status).toBe('pending')
		expect(first.mentorConfirmedAt).toEqual(NOW)
		expect(first.menteeConfirmedAt).toBeNull()
		// The mentee of an intro relationship was asked by the intro decision already.
		expect(await emailsTo(mentee.id)).toEqual([])

		const second = await confirmRelationship({ relationshipId: r.id, actorId: mentee.id, now: NOW })
		expect(second.status).toBe('confirmed')
	})

	test('the mentee confirming first asks the mentor with a match-to-confirm email', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee', 'Europe/Berlin', 'Maya Mentee')
		const r = await relationship({ mentorId: mentor.id, menteeId: mentee.id, origin: 'intro' })

		await confirmRelationship({ relationshipId: r.id, actorId: mentee.id, now: NOW })
		const rows = await emailsTo(mentor.id)
		expect(routing(rows)).toEqual([`match_to_confirm → ${mentor.id}`])
		expect(rows[0]!.data).toMatchObject({ role: 'mentor', otherPartyName: 'Maya Mentee', proposedBy: 'other_party' })
		expect(rows[0]!.html).toContain('/relationships')
	})

	test('either side declines while pending with an optional note; the other side is told', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		const r = await relationship({ mentorId: mentor.id, menteeId: mentee.id, mentorConfirmedAt: NOW })

		const declined = await declineRelationship({ relationshipId: r.id, actorId: mentee.id, note: '  Found a closer fit.  ', now: NOW })
		expect(declined).toMatchObject({ status: 'declined', closedBy: mentee.id, closingNote: 'Found a closer fit.' })
		const rows = await emailsTo(mentor.id)
		expect(routing(rows)).toEqual([`relationship_declined → ${mentor.id}`])
		expect(rows[0]!.text).toContain('Found a closer fit.')
		// A declined relationship is final: it can no longer be confirmed.
		expect((await refusal(confirmRelationship({ relationshipId: r.id, actorId: mentor.id, now: NOW }))).code).toBe('invalid_transition')
	})

	test('strangers and admins are refused, and nothing is written', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		const stranger = await person('mentee')
		const anAdmin = await person('admin')
		const r = await relationship({ mentorId: mentor.id, menteeId: mentee.id, mentorConfirmedAt: NOW })

		for (const actorId of [stranger.id, anAdmin.id]) {
			expect((await refusal(confirmRelationship({ relationshipId: r.id, actorId, now: NOW }))).code).toBe('not_allowed')
			expect((await refusal(declineRelationship({ relationshipId: r.id, actorId, note: 'no', now: NOW }))).code).toBe('not_allowed')
		}
		const after = await reload(r.id)
		expect(after).toMatchObject({ status: 'pending', menteeConfirmedAt: null, closedBy: null, closingNote: null })
		expect(after.updatedAt).toEqual(r.updatedAt)
		expect([...(await emailsTo(mentor.id)), ...(await emailsTo(mentee.id))]).toEqual([])
	})

	test('a confirmed relationship cannot be confirmed or declined again', async () => {
		const mentor = await person('mentor')
		const mentee = await person('mentee')
		const r = await relationship({ mentorId: mentor.id, menteeId: mentee.id, status: 'confirmed', mentorConfirmedAt: NOW, menteeConfirmedAt: NOW })
		expect((await refusal(declineRelationship({ relationshipId: r.id, actorId: mentee.id, now: NOW }))).code).toBe('invalid_transition')
		expect((await reload(r.id)).status).toBe('confirmed')
	})
})

describe('/relationships page', () => {
	test('lists pending and confirmed relationships on both sides, and confirms from a form post', async () => {
		const both = await createUser({ role: 'mentor', name: 'Both Sides' })
		const mentee = await person('mentee', 'Europe/Berlin', 'Their Mentee')
		const mentor = await person('mentor', 'Europe/Berlin', 'Their Mentor')
		const asMentor = await relationship({ mentorId: both.user.id, menteeId: mentee.id, mentorConfirmedAt: NOW })
		await relationship({ mentorId: mentor.id, menteeId: both.user.id, status: 'confirmed', mentorConfirmedAt: NOW, menteeConfirmedAt: NOW })
		await relationship({ mentorId: mentee.id, menteeId: both.user.id, status: 'declined' })

		const listed = (await (await submit(page.loader, { path: '/relationships', cookie: both.cookie })).json()).relationships
		expect(listed.map((r: { side: string; status: string; other: { name: string } }) => `${r.side} ${r.status} ${r.other.name}`)).toEqual([
			'mentor pending Their Mentee',
			'mentee confirmed Their Mentor',
			'mentee declined Their Mentee',
		])

		const answer = await submit(page.action, { path: '/relationships', cookie: both.cookie, fields: { intent: 'decline', relationshipId: asMentor.id, note: 'Full for now.' } })
		expect(answer.status).toBe(200)
		expect((await reload(asMentor.id)).status).toBe('declined')
	})
})

describe('ending a confirmed relationship', () => {
	test('either side ends it with an optional note; it stays listed as history for both; not audited, since no admin acted', async () => {
		const mentor = await createUser({ role: 'mentor', name: 'Ending Mentor' })
		const mentee = await createUser({ role: 'mentee', name: 'Ending Mentee' })
		const r = await relationship({ mentorId: mentor.user.id, menteeId: mentee.user.id, status: 'confirmed', mentorConfirmedAt: NOW, menteeConfirmedAt: NOW })
		const answer = await submit(page.action, { path: '/relationships', cookie: mentor.cookie, fields: { intent: 'end', relationshipId: r.id, note: 'I am changing jobs.' } })
		expect(answer.status).toBe(200)
		expect(await reload(r.id)).toMatchObject({ status: 'ended', closedBy: mentor.user.id, closingNote: 'I am changing jobs.' })
		expect(await getDb().select().from(auditLog).where(eq(auditLog.subjectId, r.id))).toEqual([])

		const listed = (await (await submit(page.loader, { path: '/relationships', cookie: mentee.cookie })).json()).relationships
		expect(listed).toMatchObject([{ id: r.id, status: 'ended', closed: { by: 'them', note: 'I am changing jobs.' } }])
	})

	test('a stranger cannot end it, a pending one cannot be ended, an admin must give a reason', async () => {
		const [mentor, mentee, stranger] = [await person('mentor'), await person('mentee'), await person('mentee')]
		const theAdmin = await person('admin')
		const confirmed = await relationship({ mentorId: mentor.id, menteeId: mentee.id, status: 'confirmed', mentorConfirmedAt: NOW, menteeConfirmedAt: NOW })
		expect((await refusal(endRelationship({ relationshipId: confirmed.id, actorId: stranger.id, now: NOW }))).code).toBe('not_allowed')
		expect((await refusal(endRelationship({ relationshipId: confirmed.id, actorId: theAdmin.id, reason: ' ', now: NOW }))).code).toBe('validation_failed')
		expect((await reload(confirmed.id)).status).toBe('confirmed')
		const other = await person('mentee')
		const pending = await relationship({ mentorId: mentor.id, menteeId: other.id })
		expect((await refusal(endRelationship({ relationshipId: pending.id, actorId: other.id, now: NOW }))).code).toBe('invalid_transition')
	})
})

describe('/admin/relationships?filter=lapsed', () => {
	test('lists confirmed relationships with no completed session in 45 days, and an admin ends one with a reason (audited)', async () => {
		const theAdmin = await createUser({ role: 'mentee' })
		await getDb().update(users).set({ isAdmin: true }).where(eq(users.id, theAdmin.user.id))
		const mentor = await person('mentor', 'Europe/Berlin', 'Quiet Mentor')
		const mentee = await person('mentee', 'Europe/Berlin', 'Waiting Mentee')
		const longAgo = new Date(Date.now() - 60 * DAY)
		const lapsed = await relationship({ mentorId: mentor.id, menteeId: mentee.id, status: 'confirmed', mentorConfirmedAt: longAgo, menteeConfirmedAt: longAgo })
		const activeMentee = await person('mentee', 'Europe/Berlin', 'Active Mentee')
		const active = await relationship({ mentorId: mentor.id, menteeId: activeMentee.id, status: 'confirmed', mentorConfirmedAt: longAgo, menteeConfirmedAt: longAgo })
		const recent = new Date(Date.now() - 10 * DAY)
		await getDb().insert(sessions).values({
			mentorId: mentor.id,
			menteeId: activeMentee.id,
			type: 'intro',
			status: 'completed',
			startsAt: recent,
			endsAt: new Date(recent.getTime() + 20 * 60_000),
			introForm: { helpWith: 'x', background: 'y', goals: 'z' },
			quotaMonth: recent.toISOString().slice(0, 7),
		})

		const listed = (await (await submit(admin.loader, { path: '/admin/relationships?filter=lapsed', cookie: theAdmin.cookie })).json()).lapsed
		expect(listed.map((r: { id: string }) => r.id)).toEqual([lapsed.id])
		expect(listed[0]).toMatchObject({ mentor: { name: 'Quiet Mentor' }, mentee: { name: 'Waiting Mentee' }, lastCompletedAt: null })

		const noReason = await submit(admin.action, { path: '/admin/relationships?filter=lapsed', cookie: theAdmin.cookie, fields: { relationshipId: lapsed.id, reason: ' ' } })
		expect(noReason.status).toBe(422)
		expect((await reload(lapsed.id)).status).toBe('confirmed')

		const ended = await submit(admin.action, { path: '/admin/relationships?filter=lapsed', cookie: theAdmin.cookie, fields: { relationshipId: lapsed.id, reason: 'Mentor went quiet.' } })
		expect(ended.status).toBe(200)
		expect(await reload(lapsed.id)).toMatchObject({ status: 'ended', closedBy: theAdmin.user.id, closingNote: 'Mentor went quiet.' })
		const audit = await getDb().select().from(auditLog).where(eq(auditLog.subjectId, lapsed.id))
		expect(audit).toMatchObject([{ actorId: theAdmin.user.id, action: 'relationship.end', subjectType: 'relationship', details: { reason: 'Mentor went quiet.' } }])
		expect((await reload(active.id)).status).toBe('confirmed')
	})

	test('a non-admin is refused the list and the action (403), and nothing changes', async () => {
		const mentor = await createUser({ role: 'mentor' })
		const mentee = await person('mentee')
		const r = await relationship({ mentorId: mentor.user.id, menteeId: mentee.id, status: 'confirmed', mentorConfirmedAt: NOW, menteeConfirmedAt: NOW })
		expect((await submit(admin.loader, { path: '/admin/relationships?filter=lapsed', cookie: mentor.cookie })).status).toBe(403)
		expect((await submit(admin.action, { path: '/admin/relationships', cookie: mentor.cookie, fields: { relationshipId: r.id, reason: 'x' } })).status).toBe(403)
		expect((await reload(r.id)).status).toBe('confirmed')
	})
})
