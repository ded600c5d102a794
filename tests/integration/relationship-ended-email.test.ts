import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { relationships } from '../../db/schema'
import { endRelationship } from '../../app/services/relationships.server'
import { programme } from '../support/programmes'
import { emailsTo, person } from '../support/outbox'

// 23:30 UTC on 1 June is still 1 June in New York and already 2 June in Tokyo: each reader sees the day in their own zone.
const NOW = new Date('2027-06-01T23:30:00Z')

async function confirmedPair(values: Partial<typeof relationships.$inferInsert> = {}) {
	const mentor = await person('mentor', 'America/New_York', 'Lena Mentor')
	const mentee = await person('mentee', 'Asia/Tokyo', 'Kenji Mentee')
	const [relationship] = await getDb()
		.insert(relationships)
		.values({ mentorId: mentor.id, menteeId: mentee.id, status: 'confirmed', origin: 'intro', mentorConfirmedAt: NOW, menteeConfirmedAt: NOW, ...values })
		.returning()
	return { mentor, mentee, relationship: relationship! }
}

const endedEmails = async (userId: string) => (await emailsTo(userId)).filter((e) => e.template === 'relationship_ended')

describe('the relationship-ended email', () => {
	test('the mentor ending it tells both once, with the note and the date in each reader’s zone; the mentee is pointed to the directory', async () => {
		const { mentor, mentee, relationship } = await confirmedPair()
		await endRelationship({ relationshipId: relationship.id, actorId: mentor.id, reason: 'I am changing jobs.', now: NOW })

		const [toMentee, ...moreToMentee] = await endedEmails(mentee.id)
		const [toMentor, ...moreToMentor] = await endedEmails(mentor.id)
		expect(moreToMentee).toEqual([])
		expect(moreToMentor).toEqual([])
		expect(await emailsTo(mentee.id)).toHaveLength(1)

		expect(toMentee!.subject).toBe('Your mentoring relationship with Lena Mentor ended')
		expect(toMentee!.text).toContain('Lena Mentor ended your mentoring relationship on 2 June 2027')
		expect(toMentee!.text).toContain('I am changing jobs.')
		expect(toMentee!.html).toContain('/mentors"')

		expect(toMentor!.subject).toBe('Your mentoring relationship with Kenji Mentee ended')
		expect(toMentor!.text).toContain('You ended your mentoring relationship with Kenji Mentee on 1 June 2027')
		expect(toMentor!.text).toContain('I am changing jobs.')
		expect(toMentor!.html).toContain('/relationships"')
	})

	test('an admin ending it is named as Mentora’s team, never by their own name', async () => {
		const { mentor, mentee, relationship } = await confirmedPair()
		const admin = await person('admin', 'UTC', 'Ada Privatename')
		await endRelationship({ relationshipId: relationship.id, actorId: admin.id, reason: 'No session in 45 days.', now: NOW })

		for (const email of [...(await endedEmails(mentor.id)), ...(await endedEmails(mentee.id))]) {
			expect(email.text).toContain("Mentora's team ended your mentoring relationship with")
			expect(email.text).toContain('No session in 45 days.')
			expect(`${email.subject} ${email.html} ${email.text}`).not.toContain('Privatename')
		}
		expect((await endedEmails(mentor.id)).length + (await endedEmails(mentee.id)).length).toBe(2)
		expect(await emailsTo(admin.id)).toEqual([])
	})

	test('without a note it says so plainly; a programme’s mentee is pointed back to the programme', async () => {
		const row = await programme()
		const { mentor, mentee, relationship } = await confirmedPair({ origin: 'programme', programmeId: row.id })
		await endRelationship({ relationshipId: relationship.id, actorId: mentee.id, now: NOW })

		const [toMentor] = await endedEmails(mentor.id)
		expect(toMentor!.text).toContain('Kenji Mentee ended your mentoring relationship on 1 June 2027.')
		expect(toMentor!.text).not.toContain('note')
		const [toMentee] = await endedEmails(mentee.id)
		expect(toMentee!.html).toContain(`/programmes/${row.slug}"`)
	})

	test('nothing is sent when the end is refused', async () => {
		const { mentor, mentee, relationship } = await confirmedPair()
		const stranger = await person('mentee')
		const admin = await person('admin')
		await expect(endRelationship({ relationshipId: relationship.id, actorId: stranger.id, now: NOW })).rejects.toMatchObject({ code: 'not_allowed' })
		await expect(endRelationship({ relationshipId: relationship.id, actorId: admin.id, reason: ' ', now: NOW })).rejects.toMatchObject({ code: 'validation_failed' })
		const pending = await confirmedPair({ status: 'pending', menteeConfirmedAt: null })
		await expect(endRelationship({ relationshipId: pending.relationship.id, actorId: pending.mentee.id, now: NOW })).rejects.toMatchObject({ code: 'invalid_transition' })

		for (const id of [mentor.id, mentee.id, pending.mentor.id, pending.mentee.id]) expect(await emailsTo(id)).toEqual([])
	})
})
