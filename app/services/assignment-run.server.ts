import { and, eq, inArray, sql } from 'drizzle-orm'
import { getDb, type Executor } from '../../db/client'
import { assignments, menteeProfiles, menteeSubjects, mentorProfiles, programmes, registrations, relationships, subjects, users, type AssignmentResult } from '../../db/schema'
import { solveInWorker } from '../../jobs/assignment-worker'
import { fingerprintOf, throttleProgress } from '../rules/cohort-assignments'
import { type Programme } from './programmes.server'
import { constraintsFor, loadMentors, weightsOf, type Person } from './programme-matching.server'

/**
 * Running a cohort assignment (the run-assignment job): load the programme's searching mentees and
 * its mentors with places, solve, store the result with the fingerprint of what it read.
 */

/** The fingerprint of the programme's registrations as they stand (see app/rules/cohort-assignments). */
export async function fingerprintFor(db: Executor, programmeId: string): Promise<string> {
	const live = (side: typeof relationships.mentorId | typeof relationships.menteeId) =>
		sql<number>`(select count(*)::int from ${relationships} where ${relationships.programmeId} = ${programmeId} and ${side} = ${registrations.userId} and ${relationships.status} in ('pending', 'confirmed'))`
	const rows = await db
		.select({
			id: registrations.id,
			status: registrations.status,
			capacity: sql<number | null>`coalesce(${registrations.capacity}, ${mentorProfiles.capacity})`,
			live: sql<number>`case when ${registrations.role} = 'mentor' then ${live(relationships.mentorId)} else ${live(relationships.menteeId)} end`,
		})
		.from(registrations)
		.leftJoin(mentorProfiles, and(eq(mentorProfiles.userId, registrations.userId), eq(registrations.role, 'mentor')))
		.where(eq(registrations.programmeId, programmeId))
	return fingerprintOf(rows.map((r) => ({ ...r, capacity: r.capacity === null ? null : Number(r.capacity), live: Number(r.live) })))
}

/** "All searching mentees" of the programme, with their dossiers: one query per table. */
async function loadSearchingMentees(db: Executor, programme: Programme): Promise<Person[]> {
	const ofProgramme = and(eq(registrations.programmeId, programme.id), eq(registrations.role, 'mentee'), eq(registrations.status, 'searching'))
	const ids = db.select({ id: registrations.userId }).from(registrations).where(ofProgramme)
	const [rows, subjectRows] = await Promise.all([
		db
			.select({ id: users.id, email: users.email, timeZone: users.timeZone, dossier: menteeProfiles })
			.from(registrations)
			.innerJoin(users, eq(users.id, registrations.userId))
			.leftJoin(menteeProfiles, eq(menteeProfiles.userId, registrations.userId))
			.where(ofProgramme),
		db
			.select({ userId: menteeSubjects.userId, name: subjects.name })
			.from(menteeSubjects)
			.innerJoin(subjects, eq(subjects.slug, menteeSubjects.subjectSlug))
			.where(inArray(menteeSubjects.userId, ids)),
	])
	const subjectsOf = new Map<string, string[]>()
	for (const { userId, name } of subjectRows) subjectsOf.set(userId, [...(subjectsOf.get(userId) ?? []), name])
	return rows.map(({ id, email, timeZone, dossier: d }) => ({
		id,
		email,
		timeZone,
		subjects: (subjectsOf.get(id) ?? []).sort(),
		industry: d?.industry ?? '',
		role: d?.role ?? '',
		department: d?.department ?? '',
		location: d?.location ?? '',
		languages: d?.languages ?? [],
		yearsExperience: d?.yearsExperience ?? 0,
	}))
}

/** Everything a run reads, from one snapshot so the fingerprint describes exactly what was solved. */
function loadCohort(programme: Programme) {
	return getDb().transaction(
		async (tx) => {
			const menteeIds = tx
				.select({ id: registrations.userId })
				.from(registrations)
				.where(and(eq(registrations.programmeId, programme.id), eq(registrations.role, 'mentee'), eq(registrations.status, 'searching')))
			const [mentees, mentors, related, fingerprint] = await Promise.all([
				loadSearchingMentees(tx, programme),
				loadMentors(tx, programme),
				tx
					.select({ menteeId: relationships.menteeId, mentorId: relationships.mentorId, status: relationships.status, programmeId: relationships.programmeId })
					.from(relationships)
					.where(inArray(relationships.menteeId, menteeIds)),
				fingerprintFor(tx, programme.id),
			])
			return { mentees, mentors, related, fingerprint }
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' },
	)
}

/**
 * Runs one assignment. Idempotent: only a running assignment is solved, and only a running one takes
 * the result, so a second delivery (or a second worker) changes nothing. A run that throws, or whose
 * worker thread fails, is marked failed for the coordinator to start again.
 *
 * The solver runs in a worker thread (jobs/assignment-worker.ts), so this thread writes its progress
 * to the row while it works: at most every 5 % and 200 ms.
 */
export async function runAssignment(id: string, now: Date, options: { solve?: typeof solveInWorker } = {}): Promise<void> {
	const solve = options.solve ?? solveInWorker
	const db = getDb()
	const [row] = await db.select({ assignment: assignments, programme: programmes }).from(assignments).innerJoin(programmes, eq(programmes.id, assignments.programmeId)).where(eq(assignments.id, id))
	if (!row || row.assignment.status !== 'running') return
	const running = and(eq(assignments.id, id), eq(assignments.status, 'running'))
	// Progress writes are chained, so they land in order, and the result waits for them.
	let writes: Promise<unknown> = Promise.resolve()
	const onProgress = throttleProgress((progress) => {
		writes = writes.then(() => db.update(assignments).set({ progress }).where(running)).catch(() => {})
	})
	try {
		const { programme, assignment } = row
		const { mentees, mentors, related, fingerprint } = await loadCohort(programme)
		const solved = await solve({
			mentees,
			mentors,
			weights: weightsOf(programme),
			at: now,
			constraints: constraintsFor(programme, [...mentees, ...mentors], related),
			lockedPairs: assignment.input.lockedPairs.map((p) => ({ menteeId: p.mentee, mentorId: p.mentor })),
			forbiddenPairs: assignment.input.forbiddenPairs.map((p) => ({ menteeId: p.mentee, mentorId: p.mentor })),
			candidateLimit: assignment.input.candidateLimit,
			onProgress,
		})
		const result: AssignmentResult = {
			pairs: solved.pairs,
			unassigned: solved.unassigned,
			infeasibleLocks: solved.infeasibleLocks,
			totalScore: solved.totalScore,
			greedyTotalScore: solved.greedyTotalScore,
		}
		await writes
		await db.update(assignments).set({ status: 'ready', progress: 1, result, fingerprint, finishedAt: now }).where(running)
	} catch (error) {
		await writes
		console.error('[assignments]', id, error instanceof Error ? error.message : error)
		await db.update(assignments).set({ status: 'failed', finishedAt: now }).where(running)
	}
}
