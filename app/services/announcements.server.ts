import { desc, eq } from 'drizzle-orm'
import { getDb, type Executor } from '../../db/client'
import { programmeAnnouncements, type AnnouncementAudience } from '../../db/schema'
import { enqueue } from '../../jobs/queue.server'
import { sendAnnouncementJob } from '../../jobs/send-announcement'
import { audienceOf, type AnnouncementInput } from '../rules/announcements'
import { DomainError } from '../utils/errors'
import { writeAudit } from './audit.server'
import { findProgramme, standingIn } from './programmes.server'

/**
 * Programme announcements: written by an admin or the programme's coordinators, shown on the
 * programme's page and emailed to the participants chosen (jobs/send-announcement.ts, in batches).
 */

export type Announcement = { id: string; title: string; body: string; createdAt: string }
export type AnnouncementForAdmin = Announcement & { audience: AnnouncementAudience; recipientCount: number }

/** A programme's announcements, newest first; the body is markdown, stored as written. */
export async function listAnnouncements(programmeId: string, db: Executor = getDb()): Promise<Announcement[]> {
	const rows = await db
		.select({ id: programmeAnnouncements.id, title: programmeAnnouncements.title, body: programmeAnnouncements.body, createdAt: programmeAnnouncements.createdAt })
		.from(programmeAnnouncements)
		.where(eq(programmeAnnouncements.programmeId, programmeId))
		.orderBy(desc(programmeAnnouncements.createdAt), desc(programmeAnnouncements.id))
	return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
}

/** The same list with who each went to and how many it reached, for the programme's admin page. */
export async function listAnnouncementsForAdmin(programmeId: string, db: Executor = getDb()): Promise<AnnouncementForAdmin[]> {
	const rows = await db
		.select()
		.from(programmeAnnouncements)
		.where(eq(programmeAnnouncements.programmeId, programmeId))
		.orderBy(desc(programmeAnnouncements.createdAt), desc(programmeAnnouncements.id))
	return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, createdAt: r.createdAt.toISOString(), audience: r.audience, recipientCount: r.recipientCount }))
}

/** Writes the announcement and, in the same transaction, the job that emails it: no announcement without its emails, nor emails without it. */
export async function createAnnouncement(input: { actorId: string; slug: string; announcement: AnnouncementInput; now: Date }): Promise<Announcement> {
	return getDb().transaction(async (tx) => {
		const programme = await findProgramme(tx, input.slug)
		if (!(await standingIn(tx, programme.id, input.actorId))) {
			throw new DomainError('not_allowed', 'Only admins and the coordinators of this programme can write its announcements.')
		}
		const audience = audienceOf(input.announcement)
		const [row] = await tx
			.insert(programmeAnnouncements)
			.values({ programmeId: programme.id, authorId: input.actorId, title: input.announcement.title, body: input.announcement.body, audience, createdAt: input.now })
			.returning()
		await enqueue(tx, sendAnnouncementJob, { announcementId: row!.id })
		await writeAudit(tx, {
			actorId: input.actorId,
			action: 'programme.announce',
			subjectType: 'programme',
			subjectId: programme.id,
			details: { announcementId: row!.id, title: row!.title, audience },
			at: input.now,
		})
		return { id: row!.id, title: row!.title, body: row!.body, createdAt: row!.createdAt.toISOString() }
	})
}
