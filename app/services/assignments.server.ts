import { desc, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { getDb, type Executor } from '../../db/client'
import { assignments, programmes, users, type AssignmentInputs } from '../../db/schema'
import { enqueue } from '../../jobs/queue.server'
import { runAssignmentJob } from '../../jobs/run-assignment'
import { DomainError } from '../utils/errors'
import { fingerprintFor } from './assignment-run.server'
import { writeAudit } from './audit.server'
import { createMatch } from './programme-matching.server'
import { findProgramme, standingIn, type Programme } from './programmes.server'

/**
 * Cohort assignments, PRODUCT.md "Relationships and matching": a coordinator starts a run (solved by
 * the run-assignment job), reviews its pairs and unassigned mentees, may run it again with locks and
 * forbidden pairs, then applies it: each pair becomes a pending relationship, both sides asked.
 * Admins act as coordinators of every programme.
 */

type Row = typeof assignments.$inferSelect
type Named = { id: string; name: string }

export type AssignmentView = {
	id: string
	status: Row['status']
	progress: number
	pairs: { mentee: Named; mentor: Named; score: number; reasons: string[] }[]
	unassigned: { mentee: Named; reason: string }[]
	totalScore: number | null
	greedyTotalScore: number | null
}

const notAllowed = () => new DomainError('not_allowed', "Only the programme's coordinators and admins can run its cohort assignment.")

async function requireCoordinator(db: Executor, programme: Programme, actorId: string) {
	if (!(await standingIn(db, programme.id, actorId))) throw notAllowed()
}

/** The assignment and its programme, for someone who coordinates it; an id that names none is not found. */
async function findAssignment(db: Executor, id: string, actorId: string, lock = false) {
	const missing = new DomainError('not_found', 'That assignment does not exist.')
	if (!z.string().uuid().safeParse(id).success) throw missing
	const query = db.select({ assignment: assignments, programme: programmes }).from(assignments).innerJoin(programmes, eq(programmes.id, assignments.programmeId)).where(eq(assignments.id, id))
	const [row] = lock ? await query.for('update', { of: assignments }) : await query
	if (!row) throw missing
	await requireCoordinator(db, row.programme, actorId)
	return row
}

async function viewOf(db: Executor, row: Row): Promise<AssignmentView> {
	const result = row.result
	const ids = new Set<string>()
	for (const p of result?.pairs ?? []) ids.add(p.menteeId).add(p.mentorId)
	for (const u of result?.unassigned ?? []) ids.add(u.menteeId)
	const names = new Map<string, string>()
	if (ids.size > 0) {
		for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]))) names.set(u.id, u.name)
	}
	const named = (id: string): Named => ({ id, name: names.get(id) ?? '' })
	return {
		id: row.id,
		status: row.status,
		progress: row.progress,
		pairs: (result?.pairs ?? []).map((p) => ({ mentee: named(p.menteeId), mentor: named(p.mentorId), score: p.score, reasons: p.reasons })),
		unassigned: (result?.unassigned ?? []).map((u) => ({ mentee: named(u.menteeId), reason: u.reason })),
		totalScore: result?.totalScore ?? null,
		greedyTotalScore: result?.greedyTotalScore ?? null,
	}
}

/** Starts a run: the row and its job commit together, and the job does the solving. */
export async function startAssignment(input: { slug: string; actorId: string; inputs: AssignmentInputs; now: Date }): Promise<AssignmentView> {
	return getDb().transaction(async (tx) => {
		const programme = await findProgramme(tx, input.slug)
		await requireCoordinator(tx, programme, input.actorId)
		const [row] = await tx
			.insert(assignments)
			.values({ programmeId: programme.id, createdBy: input.actorId, input: input.inputs, createdAt: input.now })
			.returning()
		await enqueue(tx, runAssignmentJob, { assignmentId: row!.id })
		return viewOf(tx, row!)
	})
}

export async function getAssignment(input: { id: string; actorId: string }): Promise<AssignmentView> {
	const db = getDb()
	const { assignment } = await findAssignment(db, input.id, input.actorId)
	return viewOf(db, assignment)
}

/**
 * Applies a ready assignment once. The row is locked first, so of two applies one waits and then
 * finds it applied. The registrations and places it ran on must be as they were; each pair is then
 * proposed as a coordinator proposes one (the mentor's registration locked, the hard constraints and
 * capacity read again), and any pair refused means the assignment no longer fits: nothing is written.
 */
export async function applyAssignment(input: { id: string; actorId: string; now: Date }): Promise<{ assignment: AssignmentView; relationships: number }> {
	return getDb().transaction(async (tx) => {
		const { assignment, programme } = await findAssignment(tx, input.id, input.actorId, true)
		if (assignment.status === 'applied') throw new DomainError('already_applied', 'This assignment was already applied.')
		if (assignment.status !== 'ready') throw new DomainError('invalid_transition', `This assignment is ${assignment.status}: only a ready one can be applied.`)
		const stale = () => new DomainError('stale_assignment', 'Registrations or places changed since this assignment ran: run it again.')
		if ((await fingerprintFor(tx, programme.id)) !== assignment.fingerprint) throw stale()
		const pairs = assignment.result?.pairs ?? []
		for (const pair of pairs) {
			try {
				await createMatch(tx, { programme, actor: 'coordinator', actorId: input.actorId, menteeId: pair.menteeId, mentorId: pair.mentorId, now: input.now })
			} catch (error) {
				throw error instanceof DomainError ? stale() : error
			}
		}
		const [applied] = await tx.update(assignments).set({ status: 'applied', appliedAt: input.now }).where(eq(assignments.id, assignment.id)).returning()
		await writeAudit(tx, {
			actorId: input.actorId,
			action: 'assignment.apply',
			subjectType: 'assignment',
			subjectId: assignment.id,
			details: { programmeId: programme.id, relationships: pairs.length },
			at: input.now,
		})
		return { assignment: await viewOf(tx, applied!), relationships: pairs.length }
	})
}

/** How many pairs the coordinator's review shows per page: a cohort of thousands stays a page a browser draws at once. */
export const REVIEW_PAGE_SIZE = 200
/** How many earlier runs the review lists. */
export const EARLIER_RUNS_LISTED = 10

export type AssignmentRunSummary = { id: string; status: Row['status']; createdAt: string; totalScore: number | null; pairs: number | null }

/** The programme's latest runs, newest first, for a coordinator. */
export async function listAssignments(input: { slug: string; actorId: string; limit?: number }): Promise<AssignmentRunSummary[]> {
	const db = getDb()
	const programme = await findProgramme(db, input.slug)
	await requireCoordinator(db, programme, input.actorId)
	const rows = await db
		.select()
		.from(assignments)
		.where(eq(assignments.programmeId, programme.id))
		.orderBy(desc(assignments.createdAt), desc(assignments.id))
		.limit(input.limit ?? EARLIER_RUNS_LISTED + 1)
	return rows.map((r) => ({ id: r.id, status: r.status, createdAt: r.createdAt.toISOString(), totalScore: r.result?.totalScore ?? null, pairs: r.result?.pairs.length ?? null }))
}

export type AssignmentReview = {
	id: string
	status: Row['status']
	progress: number
	createdAt: string
	input: Row['input']
	/** One page of the pairs (those whose mentee or mentor name matches `q`, when given), mentees in name order. */
	pairs: { mentee: Named; mentor: Named; score: number; reasons: string[]; locked: boolean }[]
	/** Pairs matching the search, and all pairs. */
	matching: number
	pairCount: number
	page: number
	pageCount: number
	unassigned: { mentee: Named; reason: string }[]
	unassignedCount: number
	infeasibleLocks: { mentee: Named; mentor: Named; reason: string }[]
	forbidden: { mentee: Named; mentor: Named }[]
	totalScore: number | null
	greedyTotalScore: number | null
}

/**
 * A run as the coordinator reviews it: everything the JSON view has plus what the page needs to
 * re-run it (which pairs were locked, which forbidden, the locks that could not be kept), with the
 * pairs paged and searchable by name. Unassigned mentees are capped at one page too.
 */
export async function reviewAssignment(input: { id: string; slug: string; actorId: string; page?: number; q?: string }): Promise<AssignmentReview> {
	const db = getDb()
	const { assignment: row, programme } = await findAssignment(db, input.id, input.actorId)
	if (programme.slug !== input.slug) throw new DomainError('not_found', 'That assignment does not exist.')
	const result = row.result
	const ids = new Set<string>()
	for (const p of result?.pairs ?? []) ids.add(p.menteeId).add(p.mentorId)
	for (const u of result?.unassigned ?? []) ids.add(u.menteeId)
	for (const l of result?.infeasibleLocks ?? []) ids.add(l.menteeId).add(l.mentorId)
	for (const f of row.input.forbiddenPairs) ids.add(f.mentee).add(f.mentor)
	const names = new Map<string, string>()
	if (ids.size > 0) {
		for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]))) names.set(u.id, u.name)
	}
	const named = (id: string): Named => ({ id, name: names.get(id) ?? '' })
	const byName = (a: { mentee: Named; mentor: Named }, b: { mentee: Named; mentor: Named }) =>
		a.mentee.name.localeCompare(b.mentee.name) || a.mentor.name.localeCompare(b.mentor.name) || (a.mentee.id < b.mentee.id ? -1 : 1)
	const all = (result?.pairs ?? []).map((p) => ({ mentee: named(p.menteeId), mentor: named(p.mentorId), score: p.score, reasons: p.reasons, locked: p.locked })).sort(byName)
	const q = input.q?.trim().toLowerCase() ?? ''
	const found = q ? all.filter((p) => p.mentee.name.toLowerCase().includes(q) || p.mentor.name.toLowerCase().includes(q)) : all
	const pageCount = Math.max(1, Math.ceil(found.length / REVIEW_PAGE_SIZE))
	const page = Math.min(Math.max(1, input.page ?? 1), pageCount)
	return {
		id: row.id,
		status: row.status,
		progress: row.progress,
		createdAt: row.createdAt.toISOString(),
		input: row.input,
		pairs: found.slice((page - 1) * REVIEW_PAGE_SIZE, page * REVIEW_PAGE_SIZE),
		matching: found.length,
		pairCount: all.length,
		page,
		pageCount,
		unassigned: (result?.unassigned ?? [])
			.map((u) => ({ mentee: named(u.menteeId), reason: u.reason }))
			.sort((a, b) => a.mentee.name.localeCompare(b.mentee.name))
			.slice(0, REVIEW_PAGE_SIZE),
		unassignedCount: result?.unassigned.length ?? 0,
		infeasibleLocks: (result?.infeasibleLocks ?? []).map((l) => ({ mentee: named(l.menteeId), mentor: named(l.mentorId), reason: l.reason })),
		forbidden: row.input.forbiddenPairs.map((f) => ({ mentee: named(f.mentee), mentor: named(f.mentor) })).sort(byName),
		totalScore: result?.totalScore ?? null,
		greedyTotalScore: result?.greedyTotalScore ?? null,
	}
}
