import { and, eq, gt, sql } from 'drizzle-orm'
import { getDb, type Executor } from '../../db/client'
import { messages, relationshipReads, trackedEmails, users } from '../../db/schema'
import { trackingAddress } from '../rules/tracking-address'
import { answerVerdict, EDIT_WINDOW_MINUTES, messageChangeVerdict, type MessageInput } from '../rules/workspace'
import { DomainError } from '../utils/errors'
import { ensure } from './session-lifecycle.server'
import { openWorkspace, otherPersonId, requireLive } from './workspace-access.server'

/**
 * Messages between a relationship's two people: written, edited or deleted by their author within
 * 15 minutes, marked as questions and answered by the other side, and read up to a point (what
 * came from the other side after it is unread).
 */

type Viewer = { id: string; isAdmin: boolean }
export type Message = typeof messages.$inferSelect

export type MessageView = {
	id: string
	relationshipId: string
	author: { id: string; name: string }
	body: string | null
	question: boolean
	answers: string | null
	editedAt: string | null
	deleted: boolean
	createdAt: string
}

export function messageView(m: Message, author: { id: string; name: string }, seesBody: boolean): MessageView {
	return {
		id: m.id,
		relationshipId: m.relationshipId,
		author,
		body: seesBody && !m.deletedAt ? m.body : null,
		question: m.question,
		answers: m.answersId,
		editedAt: m.editedAt?.toISOString() ?? null,
		deleted: m.deletedAt !== null,
		createdAt: m.createdAt.toISOString(),
	}
}

async function authorOf(id: string) {
	const [author] = await getDb().select({ id: users.id, name: users.name }).from(users).where(eq(users.id, id))
	return author!
}

export async function postMessage(input: { viewer: Viewer; relationshipId: string; message: MessageInput; now: Date }): Promise<MessageView> {
	const row = await getDb().transaction(async (tx) => {
		const workspace = await openWorkspace(tx, input.viewer, input.relationshipId, { write: true, lock: true })
		requireLive(workspace)
		if (input.message.answers) {
			const [question] = await tx.select().from(messages).where(eq(messages.id, input.message.answers))
			const verdict = answerVerdict(question ?? null, input.relationshipId, input.viewer.id)
			if (!verdict.ok) throw new DomainError('validation_failed', verdict.message, { answers: [verdict.message] })
		}
		const [created] = await tx
			.insert(messages)
			.values({
				relationshipId: input.relationshipId,
				authorId: input.viewer.id,
				body: input.message.body,
				question: input.message.question,
				answersId: input.message.answers,
				createdAt: input.now,
			})
			.returning()
		// What one writes, one has read: the author's own read mark moves past it.
		await markRead(tx, input.relationshipId, input.viewer.id, input.now)
		return created!
	})
	return messageView(row, await authorOf(row.authorId), true)
}

const windowStart = (now: Date) => new Date(now.getTime() - EDIT_WINDOW_MINUTES * 60_000)
const windowClosed = () => new DomainError('edit_window_closed', `A message can be edited or deleted for ${EDIT_WINDOW_MINUTES} minutes after it was sent.`)

async function ownMessage(viewer: Viewer, messageId: string, now: Date) {
	const db = getDb()
	if (!/^[0-9a-f-]{36}$/i.test(messageId)) throw new DomainError('not_found', 'That message does not exist.')
	const [message] = await db.select().from(messages).where(eq(messages.id, messageId))
	if (!message) throw new DomainError('not_found', 'That message does not exist.')
	// Someone who may not see the relationship is told the message does not exist.
	const workspace = await openWorkspace(db, viewer, message.relationshipId, { write: true })
	requireLive(workspace)
	ensure(messageChangeVerdict(message, viewer.id, now))
	return message
}

export async function editMessage(input: { viewer: Viewer; messageId: string; body: string; now: Date }): Promise<MessageView> {
	const message = await ownMessage(input.viewer, input.messageId, input.now)
	const [row] = await getDb()
		.update(messages)
		.set({ body: input.body, editedAt: input.now })
		// The window is checked again in the statement: a request that crossed its end writes nothing.
		.where(and(eq(messages.id, message.id), sql`${messages.deletedAt} is null`, gt(messages.createdAt, windowStart(input.now))))
		.returning()
	if (!row) throw windowClosed()
	return messageView(row, await authorOf(row.authorId), true)
}

export async function deleteMessage(input: { viewer: Viewer; messageId: string; now: Date }): Promise<void> {
	const message = await ownMessage(input.viewer, input.messageId, input.now)
	const [row] = await getDb()
		.update(messages)
		.set({ deletedAt: input.now })
		.where(and(eq(messages.id, message.id), sql`${messages.deletedAt} is null`, gt(messages.createdAt, windowStart(input.now))))
		.returning({ id: messages.id })
	if (!row) throw windowClosed()
}

/** Moves a person's read mark forward to `at` (never back). */
async function markRead(tx: Executor, relationshipId: string, userId: string, at: Date) {
	await tx
		.insert(relationshipReads)
		.values({ relationshipId, userId, lastReadAt: at, updatedAt: at })
		.onConflictDoUpdate({
			target: [relationshipReads.relationshipId, relationshipReads.userId],
			set: { lastReadAt: sql`greatest(${relationshipReads.lastReadAt}, excluded.last_read_at)`, updatedAt: sql`excluded.updated_at` },
		})
}

/** Messages and tracked emails from the other person since the viewer's read mark. */
export async function unreadCount(relationshipId: string, userId: string, otherId: string): Promise<number> {
	const [row] = (await getDb().execute(sql`
		with mark as (select coalesce((select last_read_at from relationship_reads where relationship_id = ${relationshipId} and user_id = ${userId}), '-infinity'::timestamptz) as at)
		select
			(select count(*) from messages m, mark where m.relationship_id = ${relationshipId} and m.author_id = ${otherId} and m.deleted_at is null and m.created_at > mark.at)::int
			+ (select count(*) from tracked_emails e, mark where e.relationship_id = ${relationshipId} and e.sender_id = ${otherId} and e.created_at > mark.at)::int as n`)) as unknown as { n: number }[]
	return row?.n ?? 0
}

/**
 * "Read up to this item": a message or tracked email of the relationship. Answers what is still
 * unread after it.
 */
export async function readUpTo(input: { viewer: Viewer; relationshipId: string; upTo: string; now: Date }): Promise<number> {
	const db = getDb()
	const workspace = await openWorkspace(db, input.viewer, input.relationshipId, { write: true })
	const notAnItem = () => new DomainError('validation_failed', 'Name a message or email of this relationship.', { upTo: ['Name a message or email of this relationship.'] })
	if (!/^[0-9a-f-]{36}$/i.test(input.upTo)) throw notAnItem()
	const [message] = await db.select({ at: messages.createdAt }).from(messages).where(and(eq(messages.id, input.upTo), eq(messages.relationshipId, input.relationshipId)))
	const [email] = message ? [] : await db.select({ at: trackedEmails.createdAt }).from(trackedEmails).where(and(eq(trackedEmails.id, input.upTo), eq(trackedEmails.relationshipId, input.relationshipId)))
	const at = message?.at ?? email?.at
	if (!at) throw notAnItem()
	await markRead(db, input.relationshipId, input.viewer.id, at)
	return unreadCount(input.relationshipId, input.viewer.id, otherPersonId(workspace.relationship, workspace.side!))
}

/** Opening the workspace reads everything in it. */
export async function readAll(relationshipId: string, userId: string, now: Date): Promise<void> {
	await markRead(getDb(), relationshipId, userId, now)
}

/** The viewer's unread messages and emails over all their relationships: the site header's count. */
export async function totalUnread(userId: string): Promise<number> {
	const [row] = (await getDb().execute(sql`
		with mine as (
			select r.id, case when r.mentor_id = ${userId} then r.mentee_id else r.mentor_id end as other,
				coalesce(rr.last_read_at, '-infinity'::timestamptz) as mark
			from relationships r
			left join relationship_reads rr on rr.relationship_id = r.id and rr.user_id = ${userId}
			where r.mentor_id = ${userId} or r.mentee_id = ${userId}
		)
		select
			(select count(*) from mine join messages m on m.relationship_id = mine.id and m.author_id = mine.other and m.deleted_at is null and m.created_at > mine.mark)::int
			+ (select count(*) from mine join tracked_emails e on e.relationship_id = mine.id and e.sender_id = mine.other and e.created_at > mine.mark)::int as n`)) as unknown as { n: number }[]
	return row?.n ?? 0
}

export type WorkspaceSummary = {
	id: string
	status: string
	programme: { slug: string; name: string } | null
	mentor: { id: string; name: string }
	mentee: { id: string; name: string }
	unread: number
	lastContactAt: string | null
	trackingAddress: string | null
}

/**
 * The caller's relationships with what each workspace holds for them: unread messages and emails
 * from the other person, the last contact (a completed session, a message or a tracked email) and
 * the private tracking address.
 */
export async function listWorkspaces(userId: string, inboundDomain: string): Promise<WorkspaceSummary[]> {
	const rows = (await getDb().execute(sql`
		select r.id, r.status, r.tracking_token, p.slug as programme_slug, p.name as programme_name,
			r.mentor_id, mentor.name as mentor_name, r.mentee_id, mentee.name as mentee_name,
			(select count(*) from messages m where m.relationship_id = r.id and m.author_id <> ${userId} and m.deleted_at is null and m.created_at > coalesce(rr.last_read_at, '-infinity'))::int
				+ (select count(*) from tracked_emails e where e.relationship_id = r.id and e.sender_id <> ${userId} and e.created_at > coalesce(rr.last_read_at, '-infinity'))::int as unread,
			greatest(
				(select max(s.ends_at) from sessions s where s.mentor_id = r.mentor_id and s.mentee_id = r.mentee_id and s.status = 'completed' and s.starts_at >= r.created_at and (r.closed_at is null or s.starts_at < r.closed_at)),
				(select max(m.created_at) from messages m where m.relationship_id = r.id and m.deleted_at is null),
				(select max(e.created_at) from tracked_emails e where e.relationship_id = r.id)
			) as last_contact_at
		from relationships r
		join users mentor on mentor.id = r.mentor_id
		join users mentee on mentee.id = r.mentee_id
		left join programmes p on p.id = r.programme_id
		left join relationship_reads rr on rr.relationship_id = r.id and rr.user_id = ${userId}
		where r.mentor_id = ${userId} or r.mentee_id = ${userId}
		order by r.created_at desc, r.id`)) as unknown as Record<string, unknown>[]
	return rows.map((r) => ({
		id: String(r.id),
		status: String(r.status),
		programme: r.programme_slug ? { slug: String(r.programme_slug), name: String(r.programme_name) } : null,
		mentor: { id: String(r.mentor_id), name: String(r.mentor_name) },
		mentee: { id: String(r.mentee_id), name: String(r.mentee_name) },
		unread: Number(r.unread),
		lastContactAt: r.last_contact_at ? new Date(String(r.last_contact_at)).toISOString() : null,
		trackingAddress: r.tracking_token ? trackingAddress(String(r.tracking_token), inboundDomain) : null,
	}))
}
