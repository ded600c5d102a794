import { eq, sql } from 'drizzle-orm'
import { getDb, type Executor } from '../../db/client'
import { learningAssignments, users } from '../../db/schema'
import { isOverdue, overdueReminderKey, type AssignmentCreateInput, type AssignmentUpdateInput } from '../rules/workspace-goals'
import { DomainError } from '../utils/errors'
import { queueEmail } from './outbox.server'
import { openItemWorkspace, openWorkspace, requireLive, type Viewer } from './workspace-access.server'

/**
 * Learning assignments in a relationship's workspace: "the mentor suggests or assigns an item
 * (title, link or description, due date); the mentee marks it done with a note; overdue ones are
 * marked and reminded once".
 */

export type AssignmentJson = {
	id: string
	relationshipId: string
	kind: string
	title: string
	description: string | null
	url: string | null
	dueDate: string | null
	overdue: boolean
	done: boolean
	doneAt: string | null
	note: string | null
	createdAt: string
}

export const toAssignmentJson = (row: typeof learningAssignments.$inferSelect, zone: string, now: Date): AssignmentJson => ({
	id: row.id,
	relationshipId: row.relationshipId,
	kind: row.kind,
	title: row.title,
	description: row.description,
	url: row.url,
	dueDate: row.dueDate,
	overdue: isOverdue(row, zone, now),
	done: row.doneAt !== null,
	doneAt: row.doneAt?.toISOString() ?? null,
	note: row.doneNote,
	createdAt: row.createdAt.toISOString(),
})

/** The mentee's zone: "overdue" is read on their calendar. */
async function menteeZone(tx: Executor, menteeId: string): Promise<string> {
	const [row] = await tx.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, menteeId))
	return row?.timeZone ?? 'UTC'
}

/** "The mentor suggests or assigns": the mentee is told so; anyone else learns nothing of the relationship. */
export async function assignLearning(input: { viewer: Viewer; relationshipId: string; assignment: AssignmentCreateInput; now: Date }): Promise<AssignmentJson> {
	return getDb().transaction(async (tx) => {
		const workspace = await openWorkspace(tx, input.viewer, input.relationshipId, { write: true, lock: true })
		requireLive(workspace)
		if (workspace.side !== 'mentor') throw new DomainError('not_allowed', 'Only the mentor suggests or assigns learning; you mark it done.')
		const [row] = await tx
			.insert(learningAssignments)
			.values({ relationshipId: input.relationshipId, createdBy: input.viewer.id, ...input.assignment, createdAt: input.now, updatedAt: input.now })
			.returning()
		return toAssignmentJson(row!, await menteeZone(tx, workspace.relationship.menteeId), input.now)
	})
}

const relationshipOf = (tx: Executor) => async (id: string) =>
	(await tx.select({ relationshipId: learningAssignments.relationshipId }).from(learningAssignments).where(eq(learningAssignments.id, id)))[0]?.relationshipId

/**
 * "The mentee marks it done with a note." Done once: marking a done item done again is refused
 * (409), so its first `doneAt` and note are never overwritten by a second click. `done: false`
 * reopens it (the mentee found it was not finished after all) and clears the note; reopening one
 * that is open is refused the same way. A reopened item's overdue reminder is not sent again.
 */
export async function markAssignment(input: { viewer: Viewer; assignmentId: string; change: AssignmentUpdateInput; now: Date }): Promise<AssignmentJson> {
	return getDb().transaction(async (tx) => {
		const workspace = await openItemWorkspace(tx, input.viewer, { id: input.assignmentId, name: 'learning assignment', relationshipOf: relationshipOf(tx) })
		requireLive(workspace)
		if (workspace.side !== 'mentee') throw new DomainError('not_allowed', 'Only the mentee marks a learning assignment done.')
		const [current] = await tx.select().from(learningAssignments).where(eq(learningAssignments.id, input.assignmentId)).for('update')
		if (!current) throw new DomainError('not_found', 'That learning assignment does not exist.')
		const { done, note } = input.change
		if (done && current.doneAt) throw new DomainError('invalid_transition', 'This learning assignment is already done.')
		if (!done && !current.doneAt) throw new DomainError('invalid_transition', 'This learning assignment is not done: there is nothing to reopen.')
		if (!done && note) throw new DomainError('validation_failed', 'Some fields are missing or invalid.', { note: ['A note goes with marking it done.'] })
		const [row] = await tx
			.update(learningAssignments)
			.set(done ? { doneAt: input.now, doneNote: note, updatedAt: input.now } : { doneAt: null, doneNote: null, updatedAt: input.now })
			.where(eq(learningAssignments.id, input.assignmentId))
			.returning()
		return toAssignmentJson(row!, await menteeZone(tx, workspace.relationship.menteeId), input.now)
	})
}

type OverdueRow = { id: string; relationship_id: string; title: string; due_date: string; mentee_id: string; mentee_zone: string; mentor_name: string }

/** How many overdue assignments one run reminds at most; the next run takes the rest. */
const REMINDER_BATCH = 200

/**
 * "Overdue ones are reminded once": the mentee, once per assignment whose due date has passed in
 * their zone, not done, in a relationship that has not ended. The assignment rows are taken with
 * `for update skip locked` and stamped `reminded_at` in the transaction that queues the email, so
 * a second worker running at the same instant skips them and a later run finds them stamped; the
 * outbox dedupe key is a last guard.
 */
export async function sendOverdueAssignmentReminders(now: Date): Promise<number> {
	return getDb().transaction(async (tx) => {
		const rows = (await tx.execute(sql`
			select la.id, la.relationship_id, la.title, la.due_date::text as due_date, r.mentee_id, mentee.time_zone as mentee_zone, mentor.name as mentor_name
			from learning_assignments la
			join relationships r on r.id = la.relationship_id
			join users mentee on mentee.id = r.mentee_id
			join users mentor on mentor.id = r.mentor_id
			where la.done_at is null and la.reminded_at is null and la.due_date is not null
				and r.status not in ('ended', 'declined')
				and la.due_date < (${now.toISOString()}::timestamptz at time zone mentee.time_zone)::date
			order by la.due_date, la.id
			limit ${REMINDER_BATCH}
			for update of la skip locked
		`)) as unknown as OverdueRow[]
		let queued = 0
		for (const row of rows) {
			if (!isOverdue({ dueDate: row.due_date, doneAt: null }, row.mentee_zone, now)) continue
			await tx.update(learningAssignments).set({ remindedAt: now }).where(eq(learningAssignments.id, row.id))
			const data = { relationshipId: row.relationship_id, title: row.title, dueDate: row.due_date, mentorName: row.mentor_name }
			if (await queueEmail(tx, { to: row.mentee_id, template: 'assignment_overdue', data, dedupeKey: overdueReminderKey(row.id) })) queued++
		}
		return queued
	})
}
