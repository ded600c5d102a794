/**
 * Cohort assignment, PRODUCT.md "Relationships and matching": "Cohort assignment is globally
 * optimal: it maximises the total score over all searching mentees under every mentor's remaining
 * capacity, assigning as many mentees as the constraints allow first (an assignment algorithm such
 * as min-cost max-flow, never greedy). A coordinator reviews it …, may lock or forbid pairs and run
 * it again."
 *
 * - Each mentee gets at most one mentor in a run; a mentor at most their remaining capacity.
 * - Pairs come only from ./matching's score: a pair a hard constraint rules out never appears.
 * - Locked pairs are placed first, in the order given, and kept; a lock that cannot be kept (a hard
 *   constraint, also forbidden, a mentee already locked, a mentor whose places the locks before it
 *   took, someone not in the run) is reported with its reason and the run goes on without it.
 * - Forbidden pairs never appear.
 * - Among the rest: the most mentees assigned, then the largest total score (./assignment-flow).
 *   Ties between equally good assignments go the same way whatever order people come in: both
 *   sides are sorted by id first.
 * - `candidateLimit` keeps only each mentee's best K mentors: faster on very large cohorts, at a
 *   cost in total score the benchmark measures. It is an option, never the default.
 */
import { edgesBestFirst, solveMinCostFlow } from './assignment-flow'
import {
	checkHardConstraints,
	compareIds,
	createMatchContext,
	MAX_MATCH_WEIGHT,
	scoreInContext,
	type MatchCandidate,
	type MatchConstraints,
	type MatchMentor,
	type MatchWeights,
} from './matching'
import { buildScoreTable, PAIR } from './matching-table'

export type PairIds = { menteeId: string; mentorId: string }

export type AssignmentInput = {
	mentees: readonly MatchCandidate[]
	mentors: readonly MatchMentor[]
	weights: MatchWeights
	at: Date
	constraints?: MatchConstraints
	lockedPairs?: readonly PairIds[]
	forbiddenPairs?: readonly PairIds[]
	/** Consider only each mentee's best `candidateLimit` mentors. */
	candidateLimit?: number
	/** Called now and then with the share of the work done, 0 to 1. */
	onProgress?: (fraction: number) => void
}

export type AssignedPair = PairIds & { score: number; reasons: string[]; locked: boolean }
export type UnassignedMentee = { menteeId: string; reason: string }
export type InfeasibleLock = PairIds & { reason: string }

export type Assignment = {
	pairs: AssignedPair[]
	unassigned: UnassignedMentee[]
	infeasibleLocks: InfeasibleLock[]
	totalScore: number
	/** What the best-pair-first greedy run reaches on the same input, for comparison. */
	greedyTotalScore: number
	greedyAssigned: number
}

export type GreedyAssignment = { pairs: AssignedPair[]; totalScore: number; assigned: number }

/** More than any score: four weights of at most MAX_MATCH_WEIGHT each. */
const BIG = 4 * MAX_MATCH_WEIGHT + 1
// The share of the progress bar scoring the pairs takes; the flow takes the rest.
const SCORING_SHARE = 0.4

/** The optimal assignment of `mentees` to `mentors` (see the module comment). */
export function assignCohort(input: AssignmentInput): Assignment {
	const run = prepareRun(input)
	const flowProgress = input.onProgress && ((f: number) => input.onProgress!(SCORING_SHARE + (1 - SCORING_SHARE) * f))
	const mentorOf = solveMinCostFlow({ ...run.graph, big: BIG, onProgress: flowProgress })
	const pairs = [...run.locked]
	for (let i = 0; i < mentorOf.length; i++) if (mentorOf[i]! !== -1) pairs.push(run.pair(i, mentorOf[i]!, false))
	const greedy = greedyOnRun(run, false)
	return {
		pairs: sortPairs(pairs),
		unassigned: unassignedOf(run, mentorOf),
		infeasibleLocks: run.infeasibleLocks,
		totalScore: pairs.reduce((sum, p) => sum + p.score, 0),
		greedyTotalScore: greedy.totalScore,
		greedyAssigned: greedy.assigned,
	}
}

/** Best pair first: the same locks and exclusions, then the highest-scoring pair still possible, repeatedly. */
export function greedyAssignment(input: AssignmentInput): GreedyAssignment {
	return greedyOnRun(prepareRun(input))
}

type Run = ReturnType<typeof prepareRun>

function prepareRun(input: AssignmentInput) {
	const mentees = [...input.mentees].sort((a, b) => compareIds(a.id, b.id))
	const mentors = [...input.mentors].sort((a, b) => compareIds(a.id, b.id))
	assertUnique(mentees, 'mentee')
	assertUnique(mentors, 'mentor')
	const context = createMatchContext(input.weights, input.at, input.constraints)
	const table = buildScoreTable(mentees, mentors, input.weights, input.at, input.constraints)
	const n = mentees.length
	const m = mentors.length
	const menteeIndex = new Map(mentees.map((p, i) => [p.id, i]))
	const mentorIndex = new Map(mentors.map((p, j) => [p.id, j]))

	const forbidden = new Map<number, Set<number>>()
	for (const { menteeId, mentorId } of input.forbiddenPairs ?? []) {
		const i = menteeIndex.get(menteeId)
		const j = mentorIndex.get(mentorId)
		if (i === undefined || j === undefined) continue
		forbidden.set(i, (forbidden.get(i) ?? new Set()).add(j))
	}
	const isForbidden = (i: number, j: number) => forbidden.get(i)?.has(j) ?? false

	const pair = (i: number, j: number, locked: boolean): AssignedPair => {
		const scored = scoreInContext(mentees[i]!, mentors[j]!, context)
		if (!scored.ok) throw new Error(`A pair the constraints rule out reached the result: ${scored.reason}.`)
		return { menteeId: mentees[i]!.id, mentorId: mentors[j]!.id, score: scored.score, reasons: scored.reasons, locked }
	}

	const capacity = table.capacity.slice()
	const lockedMentee = new Uint8Array(n)
	const locked: AssignedPair[] = []
	const infeasibleLocks: InfeasibleLock[] = []
	for (const lock of input.lockedPairs ?? []) {
		const reason = lockRefusal(lock, menteeIndex.get(lock.menteeId), mentorIndex.get(lock.mentorId))
		if (reason) infeasibleLocks.push({ ...lock, reason })
	}
	function lockRefusal(lock: PairIds, i: number | undefined, j: number | undefined): string | null {
		if (i === undefined) return 'the mentee is not in this run'
		if (j === undefined) return 'the mentor is not in this run'
		if (isForbidden(i, j)) return 'the pair is also forbidden'
		if (lockedMentee[i]) return 'the mentee is already locked to another mentor'
		const refusal = checkHardConstraints(mentees[i]!, mentors[j]!, context)
		if (refusal) return refusal.reason
		if (capacity[j]! <= 0) return 'the locks before it took every place the mentor has'
		lockedMentee[i] = 1
		capacity[j]!--
		locked.push(pair(i, j, true))
		return null
	}

	// Each mentee's allowed pairs, mentor order (or the best `candidateLimit`, by score then mentor).
	const limit = input.candidateLimit === undefined ? m : Math.max(0, Math.floor(input.candidateLimit))
	const perRow = Math.min(m, limit)
	const rowStart = new Int32Array(n + 1)
	let edgeMentor = new Int32Array(n * perRow)
	let edgeScore = new Uint16Array(n * perRow)
	const rowMentors = new Int32Array(m)
	const rowScores = new Uint16Array(m)
	const histogram = new Int32Array(BIG)
	let edges = 0
	let reported = 0
	input.onProgress?.(0)
	for (let i = 0; i < n; i++) {
		rowStart[i] = edges
		if (!lockedMentee[i]) {
			const count = table.scoreRow(i, rowMentors, rowScores)
			const forbiddenHere = forbidden.get(i)
			let kept = 0
			for (let k = 0; k < count; k++) {
				const j = rowMentors[k]!
				if (capacity[j]! <= 0 || forbiddenHere?.has(j)) continue
				rowMentors[kept] = j
				rowScores[kept++] = rowScores[k]!
			}
			if (kept <= perRow) {
				edgeMentor.set(rowMentors.subarray(0, kept), edges)
				edgeScore.set(rowScores.subarray(0, kept), edges)
				edges += kept
			} else {
				// The best `perRow`: a higher score first, then a smaller mentor index. Counting scores
				// finds the lowest score kept and how many pairs at that score fit; rows stay in mentor order.
				let top = 0
				for (let k = 0; k < kept; k++) {
					const score = rowScores[k]!
					histogram[score]!++
					if (score > top) top = score
				}
				let lowest = top
				let atLowest = perRow
				while (atLowest > histogram[lowest]!) atLowest -= histogram[lowest--]!
				for (let k = 0; k < kept; k++) {
					const score = rowScores[k]!
					histogram[score] = 0
					if (score < lowest || (score === lowest && atLowest-- <= 0)) continue
					edgeMentor[edges] = rowMentors[k]!
					edgeScore[edges++] = score
				}
			}
		}
		if (input.onProgress && (i + 1) / n - reported >= 0.02) input.onProgress(SCORING_SHARE * (reported = (i + 1) / n))
	}
	rowStart[n] = edges
	if (edges < edgeMentor.length) {
		edgeMentor = edgeMentor.slice(0, edges)
		edgeScore = edgeScore.slice(0, edges)
	}

	return {
		mentees,
		mentors,
		context,
		table,
		limit,
		isForbidden,
		pair,
		locked,
		lockedMentee,
		infeasibleLocks,
		graph: { menteeCount: n, mentorCount: m, capacity, rowStart, edgeMentor, edgeScore },
	}
}

/** The greedy run; without `withPairs` only its count and total (no reasons built). */
function greedyOnRun(run: Run, withPairs = true): GreedyAssignment {
	const { rowStart, edgeMentor, edgeScore, capacity, menteeCount } = run.graph
	const left = capacity.slice()
	// Once every place is taken or every mentee placed, no pair further down can be made.
	let places = 0
	for (const c of left) places += c
	let placeable = 0
	for (let i = 0; i < menteeCount; i++) if (rowStart[i + 1]! > rowStart[i]!) placeable++
	const most = Math.min(places, placeable)
	const taken = new Uint8Array(menteeCount)
	const menteeOfEdge = new Int32Array(edgeMentor.length)
	for (let i = 0; i < menteeCount; i++) menteeOfEdge.fill(i, rowStart[i]!, rowStart[i + 1]!)
	const pairs = [...run.locked]
	let made = 0
	let total = pairs.reduce((sum, p) => sum + p.score, 0)
	for (const e of edgesBestFirst(rowStart, edgeScore, menteeCount)) {
		if (made === most) break
		const i = menteeOfEdge[e]!
		const j = edgeMentor[e]!
		if (taken[i] || left[j]! <= 0) continue
		taken[i] = 1
		left[j]!--
		made++
		total += edgeScore[e]!
		if (withPairs) pairs.push(run.pair(i, j, false))
	}
	return { pairs: sortPairs(pairs), totalScore: total, assigned: run.locked.length + made }
}

/**
 * Why each mentee without a mentor has none, in words for the coordinator: the first of "no mentor
 * in this run", "no mentor shares a language", a relationship with each of those, the coordinator
 * forbade the rest, and otherwise "every compatible mentor is full".
 */
function unassignedOf(run: Run, mentorOf: Int32Array): UnassignedMentee[] {
	const { mentees, mentors, table } = run
	const unassigned: UnassignedMentee[] = []
	for (let i = 0; i < mentees.length; i++) {
		if (mentorOf[i] !== -1 || run.lockedMentee[i]) continue
		unassigned.push({ menteeId: mentees[i]!.id, reason: reasonUnassigned(i) })
	}
	return unassigned

	function reasonUnassigned(i: number): string {
		if (!table.menteeInAudience[i]) return "outside the programme's audience"
		let inRun = 0
		let speaking = 0
		let unrelated = 0
		let allowed = 0
		for (let j = 0; j < mentors.length; j++) {
			const verdict = table.verdict(i, j)
			if (verdict === PAIR.samePerson || verdict === PAIR.mentorOutside) continue
			inRun++
			if (verdict === PAIR.noLanguage || !table.sharesLanguage(i, j)) continue
			speaking++
			if (verdict === PAIR.live || verdict === PAIR.declined) continue
			unrelated++
			if (run.isForbidden(i, j)) continue
			allowed++
		}
		if (inRun === 0) return 'no mentor in this run'
		if (speaking === 0) return 'no mentor shares a language'
		if (unrelated === 0) return 'already has, or had in this programme, a relationship with every mentor who shares a language'
		if (allowed === 0) return 'every other mentor who shares a language is forbidden for this mentee'
		if (run.limit < mentors.length) return `every mentor among the ${run.limit} best for this mentee is full`
		return 'every compatible mentor is full'
	}
}

function sortPairs(pairs: AssignedPair[]): AssignedPair[] {
	return pairs.sort((a, b) => compareIds(a.menteeId, b.menteeId))
}

function assertUnique(people: readonly MatchCandidate[], side: string) {
	for (let k = 1; k < people.length; k++) {
		if (people[k]!.id === people[k - 1]!.id) throw new RangeError(`The ${side} ${people[k]!.id} appears twice in the run.`)
	}
}
