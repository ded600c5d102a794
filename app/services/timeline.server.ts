import { sql, type SQL } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { byTime, encodeCursor, olderThan, type TimelineCursor, type TimelineKind } from '../rules/workspace'
import { openWorkspace, type Workspace } from './workspace-access.server'

/**
 * A relationship's timeline: its messages, goals, learning assignments, sessions, tracked emails
 * and status changes in one history, paged back in time by a cursor. Each kind is read newest
 * first from its own index, at most one page of each, and the pages are merged: a page costs the
 * same with 50 items in the relationship or 20,000. Bodies (messages, emails, agendas, notes) are
 * for the two people only.
 */

type Person = { id: string; name: string }
type Base = { id: string; at: string; author: Person | null }
export type TimelineItem =
	| (Base & { kind: 'message'; body: string | null; question: boolean; answers: string | null; answered: boolean; editedAt: string | null; deleted: boolean })
	| (Base & { kind: 'goal'; title: string; status: string; progress: number; targetDate: string | null })
	| (Base & { kind: 'assignment'; title: string; assignmentKind: string; dueDate: string | null; done: boolean })
	| (Base & { kind: 'session'; type: string; status: string; start: string; end: string; agenda: string | null })
	| (Base & { kind: 'email'; from: string; to: string[]; cc: string[]; subject: string; text: string | null; attachments: string[] })
	| (Base & { kind: 'status'; status: 'proposed' | 'confirmed' | 'declined' | 'ended'; note: string | null })

type Row = Record<string, unknown> & { id: string; at: Date; author_id: string | null; author_name: string | null }

const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export type TimelineQuery = { kinds: TimelineKind[] | null; q: string | null; before: TimelineCursor | null; limit: number }

/** The items of one page, oldest first, and the cursor of the page before it (null at the start). */
export async function readTimeline(workspace: Workspace, query: TimelineQuery): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
	const { relationship: rel, seesBodies } = workspace
	const wants = (kind: TimelineKind) => !query.kinds || query.kinds.includes(kind)
	const n = query.limit + 1
	const older = (at: string, id: string) =>
		query.before ? sql`(${sql.raw(at)}, ${sql.raw(id)}::text) < (${query.before.at.toISOString()}::timestamptz, ${query.before.id})` : sql`true`
	const like = query.q ? escapeLike(query.q) : null
	const matches = (...columns: string[]) => (like ? sql`(${sql.join(columns.map((c) => sql`${sql.raw(c)} ilike ${like}`), sql` or `)})` : sql`true`)
	const db = getDb()
	const read = (wanted: boolean, statement: SQL) => (wanted ? (db.execute(statement) as unknown as Promise<Row[]>) : Promise.resolve([] as Row[]))

	const [messageRows, goalRows, assignmentRows, sessionRows, emailRows] = await Promise.all([
		// Onlookers do not search what they cannot read.
		read(
			wants('message') && (!like || seesBodies),
			sql`
			select m.id, m.created_at as at, m.author_id, u.name as author_name, m.body, m.question, m.answers_id, m.edited_at, m.deleted_at,
				exists (select 1 from messages a where a.answers_id = m.id and a.deleted_at is null) as answered
			from messages m join users u on u.id = m.author_id
			where m.relationship_id = ${rel.id} and ${older('m.created_at', 'm.id')} and ${matches('m.body')} and (${!like} or m.deleted_at is null)
			order by m.created_at desc, m.id desc limit ${n}`,
		),
		read(
			wants('goal'),
			sql`
			select g.id, g.created_at as at, g.created_by as author_id, u.name as author_name, g.title, g.status, g.progress, g.target_date::text as target_date
			from goals g join users u on u.id = g.created_by
			where g.relationship_id = ${rel.id} and ${older('g.created_at', 'g.id')} and ${matches('g.title')}
			order by g.created_at desc, g.id desc limit ${n}`,
		),
		read(
			wants('assignment'),
			sql`
			select a.id, a.created_at as at, a.created_by as author_id, u.name as author_name, a.title, a.kind, a.due_date::text as due_date, a.done_at
			from learning_assignments a join users u on u.id = a.created_by
			where a.relationship_id = ${rel.id} and ${older('a.created_at', 'a.id')} and ${matches('a.title', 'coalesce(a.description, \'\')')}
			order by a.created_at desc, a.id desc limit ${n}`,
		),
		read(
			wants('session') && (!like || seesBodies),
			sql`
			select s.id, s.starts_at as at, null as author_id, null as author_name, s.type, s.status, s.starts_at, s.ends_at, s.agenda
			from sessions s
			where s.mentor_id = ${rel.mentorId} and s.mentee_id = ${rel.menteeId} and s.starts_at >= ${rel.createdAt.toISOString()}::timestamptz
				and (${rel.closedAt?.toISOString() ?? null}::timestamptz is null or s.starts_at < ${rel.closedAt?.toISOString() ?? null}::timestamptz)
				and ${older('s.starts_at', 's.id')} and ${matches("coalesce(s.agenda, '')")}
			order by s.starts_at desc, s.id desc limit ${n}`,
		),
		read(
			wants('email'),
			sql`
			select e.id, e.created_at as at, e.sender_id as author_id, u.name as author_name, e.from_address, e.to_addresses, e.cc_addresses, e.subject, e.text, e.attachment_names
			from tracked_emails e join users u on u.id = e.sender_id
			where e.relationship_id = ${rel.id} and ${older('e.created_at', 'e.id')} and ${seesBodies ? matches('e.subject', 'e.text') : matches('e.subject')}
			order by e.created_at desc, e.id desc limit ${n}`,
		),
	])

	const person = (row: Row): Person | null => (row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null)
	const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value ? new Date(String(value)).toISOString() : null)
	const items: (TimelineItem & { instant: Date })[] = [
		...messageRows.map((r) => ({
			kind: 'message' as const,
			id: r.id,
			instant: new Date(r.at),
			at: iso(r.at)!,
			author: person(r),
			body: seesBodies && !r.deleted_at ? String(r.body) : null,
			question: Boolean(r.question),
			answers: (r.answers_id as string | null) ?? null,
			answered: Boolean(r.answered),
			editedAt: iso(r.edited_at),
			deleted: r.deleted_at !== null,
		})),
		...goalRows.map((r) => ({
			kind: 'goal' as const,
			id: r.id,
			instant: new Date(r.at),
			at: iso(r.at)!,
			author: person(r),
			title: String(r.title),
			status: String(r.status),
			progress: Number(r.progress),
			targetDate: (r.target_date as string | null) ?? null,
		})),
		...assignmentRows.map((r) => ({
			kind: 'assignment' as const,
			id: r.id,
			instant: new Date(r.at),
			at: iso(r.at)!,
			author: person(r),
			title: String(r.title),
			assignmentKind: String(r.kind),
			dueDate: (r.due_date as string | null) ?? null,
			done: r.done_at !== null,
		})),
		...sessionRows.map((r) => ({
			kind: 'session' as const,
			id: r.id,
			instant: new Date(r.at),
			at: iso(r.at)!,
			author: null,
			type: String(r.type),
			status: String(r.status),
			start: iso(r.starts_at)!,
			end: iso(r.ends_at)!,
			agenda: seesBodies ? ((r.agenda as string | null) ?? null) : null,
		})),
		...emailRows.map((r) => ({
			kind: 'email' as const,
			id: r.id,
			instant: new Date(r.at),
			at: iso(r.at)!,
			author: person(r),
			from: String(r.from_address),
			to: (r.to_addresses as string[]) ?? [],
			cc: (r.cc_addresses as string[]) ?? [],
			subject: String(r.subject),
			text: seesBodies ? String(r.text) : null,
			attachments: (r.attachment_names as string[]) ?? [],
		})),
		...(wants('status') && !like ? statusItems(workspace) : []).filter((item) => olderThan({ at: item.instant, id: item.id }, query.before)),
	]
	items.sort((a, b) => byTime({ at: b.instant, id: b.id }, { at: a.instant, id: a.id }))
	const page = items.slice(0, query.limit)
	const oldest = page.at(-1)
	return {
		items: page.reverse().map(({ instant: _instant, ...item }) => item as TimelineItem),
		nextCursor: items.length > query.limit && oldest ? encodeCursor({ at: oldest.instant, id: oldest.id }) : null,
	}
}

/** The relationship's own history: proposed, confirmed by both, declined or ended. */
function statusItems({ relationship: r, seesBodies }: Workspace): (TimelineItem & { kind: 'status'; instant: Date })[] {
	const item = (status: 'proposed' | 'confirmed' | 'declined' | 'ended', at: Date, author: Person | null, note: string | null) => ({
		kind: 'status' as const,
		id: `status-${status}-${r.id}`,
		instant: at,
		at: at.toISOString(),
		author,
		status,
		note,
	})
	const items = [item('proposed', r.createdAt, null, null)]
	if (r.mentorConfirmedAt && r.menteeConfirmedAt) {
		items.push(item('confirmed', r.mentorConfirmedAt > r.menteeConfirmedAt ? r.mentorConfirmedAt : r.menteeConfirmedAt, null, null))
	}
	if (r.closedAt && (r.status === 'declined' || r.status === 'ended')) {
		items.push(item(r.status, r.closedAt, r.closedBy ? { id: r.closedBy, name: '' } : null, seesBodies ? r.closingNote : null))
	}
	return items
}

export async function getTimeline(input: { viewer: { id: string; isAdmin: boolean }; relationshipId: string; query: TimelineQuery }) {
	const workspace = await openWorkspace(getDb(), input.viewer, input.relationshipId)
	return { workspace, ...(await readTimeline(workspace, input.query)) }
}
