import { and, asc, countDistinct, eq, gt, inArray, like } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { emailOutbox, programmeAnnouncements, programmes, registrations } from '../../db/schema'
import { ANNOUNCEMENT_BATCH_SIZE, announcementDedupeKey, reachOf } from '../rules/announcements'
import { queueEmail } from './outbox.server'

/**
 * Emails one announcement to the participants it names, through the outbox, a batch of
 * recipients per transaction. Each email carries the key `announcement:<id>:<userId>`, so a
 * retried or duplicated job skips whoever already has theirs; the recipient count is then read
 * back from the outbox, so it says how many people the announcement reached.
 */
export async function deliverAnnouncement(announcementId: string): Promise<void> {
	const db = getDb()
	const [row] = await db
		.select({ announcement: programmeAnnouncements, programme: { slug: programmes.slug, name: programmes.name } })
		.from(programmeAnnouncements)
		.innerJoin(programmes, eq(programmes.id, programmeAnnouncements.programmeId))
		.where(eq(programmeAnnouncements.id, announcementId))
	// Deleted with its programme meanwhile: nothing left to send.
	if (!row) return
	const { announcement, programme } = row
	const { roles, statuses } = reachOf(announcement.audience)
	const data = { programme, announcement: { id: announcement.id, title: announcement.title, body: announcement.body } }

	let after: string | null = null
	for (;;) {
		const batch: { userId: string }[] = await db
			.selectDistinct({ userId: registrations.userId })
			.from(registrations)
			.where(
				and(
					eq(registrations.programmeId, announcement.programmeId),
					inArray(registrations.role, roles),
					inArray(registrations.status, statuses),
					after ? gt(registrations.userId, after) : undefined,
				),
			)
			.orderBy(asc(registrations.userId))
			.limit(ANNOUNCEMENT_BATCH_SIZE)
		if (batch.length === 0) break
		await db.transaction(async (tx) => {
			for (const { userId } of batch) {
				await queueEmail(tx, { to: userId, template: 'programme_announcement', data, dedupeKey: announcementDedupeKey(announcement.id, userId) })
			}
		})
		after = batch[batch.length - 1]!.userId
		if (batch.length < ANNOUNCEMENT_BATCH_SIZE) break
	}

	const [sent] = await db
		.select({ n: countDistinct(emailOutbox.userId) })
		.from(emailOutbox)
		.where(like(emailOutbox.dedupeKey, `announcement:${announcement.id}:%`))
	await db.update(programmeAnnouncements).set({ recipientCount: sent?.n ?? 0 }).where(eq(programmeAnnouncements.id, announcement.id))
}
