/**
 * Cohort assignment, the review around the solver (PRODUCT.md "Relationships and matching"): "A
 * coordinator reviews it (pairs with scores and reasons, unassigned mentees with the reason), may
 * lock or forbid pairs and run it again, then applies it: each pair becomes a pending relationship,
 * both sides emailed."
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'

/** A run names at most this many locked and this many forbidden pairs. */
export const MAX_ASSIGNMENT_PAIRS = 5000
/** The largest candidate limit a coordinator may ask for (each mentee's best K mentors). */
export const MAX_CANDIDATE_LIMIT = 1000

const PairSchema = z.object({
	mentee: z.string({ required_error: 'Name the mentee.' }).uuid('The mentee is a user id.'),
	mentor: z.string({ required_error: 'Name the mentor.' }).uuid('The mentor is a user id.'),
})

export const AssignmentRequestSchema = z.object({
	lockedPairs: z.array(PairSchema).max(MAX_ASSIGNMENT_PAIRS, `At most ${MAX_ASSIGNMENT_PAIRS} pairs.`).default([]),
	forbiddenPairs: z.array(PairSchema).max(MAX_ASSIGNMENT_PAIRS, `At most ${MAX_ASSIGNMENT_PAIRS} pairs.`).default([]),
	/**
	 * Consider only each mentee's best K mentors: faster on a very large cohort, at a cost in total
	 * score (bench/README.md). Absent means every pair, the default; never set unless asked for.
	 */
	candidateLimit: z
		.number({ invalid_type_error: 'The candidate limit is a whole number.' })
		.int('The candidate limit is a whole number.')
		.min(1, 'The candidate limit is at least 1.')
		.max(MAX_CANDIDATE_LIMIT, `The candidate limit is at most ${MAX_CANDIDATE_LIMIT}.`)
		.optional(),
})

/** What an assignment's result depends on, per registration of the programme. */
export type FingerprintRow = { id: string; status: string; capacity: number | null; live: number }

/**
 * The inputs a run read, as one hash: each registration's id, status, capacity (the registration's,
 * else the dossier's) and live relationships in the programme. Applying compares it again: a
 * registration or a place that changed since makes the assignment stale.
 */
export function fingerprintOf(rows: readonly FingerprintRow[]): string {
	const lines = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => `${r.id} ${r.status} ${r.capacity ?? '-'} ${r.live}`)
	return createHash('sha256').update(lines.join('\n')).digest('hex')
}

/**
 * Passes on a share of the work done only when it moved by `step` since the last one passed and
 * `minMs` went by; 1 always passes. Keeps a large run from writing its progress thousands of times.
 */
export function throttleProgress(report: (fraction: number) => void, options: { step?: number; minMs?: number; clock?: () => number } = {}) {
	const { step = 0.05, minMs = 200, clock = Date.now } = options
	let last = 0
	let lastAt = -Infinity
	return (fraction: number) => {
		const at = clock()
		if (fraction < 1 && (fraction - last < step || at - lastAt < minMs)) return
		last = fraction
		lastAt = at
		report(Math.min(1, Math.max(0, fraction)))
	}
}
