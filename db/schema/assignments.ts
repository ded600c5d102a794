import { sql } from 'drizzle-orm'
import { check, index, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { programmes } from './programmes'
import { users } from './users'

export const ASSIGNMENT_STATUSES = ['running', 'ready', 'applied', 'failed'] as const
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number]

export type AssignmentPairInput = { mentee: string; mentor: string }
/** What the coordinator asked for: pairs to keep and pairs never to make, and optionally each mentee's best K mentors only. */
export type AssignmentInputs = { lockedPairs: AssignmentPairInput[]; forbiddenPairs: AssignmentPairInput[]; candidateLimit?: number }
/** What the run found, by user id (names are read when it is shown). */
export type AssignmentResult = {
	pairs: { menteeId: string; mentorId: string; score: number; reasons: string[]; locked: boolean }[]
	unassigned: { menteeId: string; reason: string }[]
	infeasibleLocks: { menteeId: string; mentorId: string; reason: string }[]
	totalScore: number
	greedyTotalScore: number
}

/**
 * A cohort assignment run for a programme: a coordinator reviews it, may run it again with locks and
 * forbidden pairs, then applies it. `fingerprint` hashes the registrations and capacities the run
 * read, so applying it after they changed is refused.
 */
export const assignments = pgTable(
	'assignments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => programmes.id),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		status: text('status', { enum: ASSIGNMENT_STATUSES }).notNull().default('running'),
		progress: real('progress').notNull().default(0),
		input: jsonb('input').$type<AssignmentInputs>().notNull(),
		result: jsonb('result').$type<AssignmentResult>(),
		fingerprint: text('fingerprint'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		finishedAt: timestamp('finished_at', { withTimezone: true }),
		appliedAt: timestamp('applied_at', { withTimezone: true }),
	},
	(t) => [
		index('assignments_programme_idx').on(t.programmeId),
		check('assignments_status', sql`${t.status} in ('running', 'ready', 'applied', 'failed')`),
		check('assignments_progress_range', sql`${t.progress} between 0 and 1`),
	],
)
