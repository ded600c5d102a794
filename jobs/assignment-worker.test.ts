import { describe, expect, test } from 'vitest'
import { assignCohort, type AssignmentInput } from '../app/rules/assignment'
import { DEFAULT_MATCH_WEIGHTS, type MatchCandidate } from '../app/rules/matching'
import { solveInWorker } from './assignment-worker'

const at = new Date('2027-01-15T12:00:00Z')
const SUBJECTS = ['Leadership', 'Product', 'Hiring', 'Design', 'Finance', 'Sales']
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata']

function random(seed: number) {
	return () => {
		seed = (seed * 1103515245 + 12345) % 2147483648
		return seed / 2147483648
	}
}

/** A seeded cohort with some people outside the audience and a declined pair, so every constraint crosses to the thread. */
function cohort(mentees: number, mentors: number, seed: number): AssignmentInput {
	const next = random(seed)
	const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
	const someone = (id: string): MatchCandidate => ({
		id,
		subjects: [pick(SUBJECTS), pick(SUBJECTS)].filter((s, k, all) => all.indexOf(s) === k),
		industry: pick(['', 'Fintech', 'Retail']),
		role: pick(['Engineer', 'Designer']),
		department: '',
		location: pick(['Berlin', 'Lisbon']),
		languages: next() < 0.9 ? ['English'] : ['French'],
		yearsExperience: Math.floor(next() * 30),
		timeZone: pick(ZONES),
	})
	return {
		mentees: Array.from({ length: mentees }, (_, k) => someone(`e${k}`)),
		mentors: Array.from({ length: mentors }, (_, k) => ({ ...someone(`o${k}`), remainingCapacity: 1 + Math.floor(next() * 4) })),
		weights: DEFAULT_MATCH_WEIGHTS,
		at,
		constraints: {
			relationships: [{ menteeId: 'e0', mentorId: 'o0', status: 'declined' }],
			inAudience: (p) => !p.id.endsWith('7'),
		},
		lockedPairs: [{ menteeId: 'e1', mentorId: 'o1' }],
		forbiddenPairs: [{ menteeId: 'e2', mentorId: 'o2' }],
	}
}

describe('solveInWorker', () => {
	test('gives the same assignment as solving in this thread, audience and relationships included', async () => {
		const input = cohort(300, 40, 1)
		const inThread = assignCohort(input)
		expect(inThread.unassigned.some((u) => u.reason === "outside the programme's audience")).toBe(true)
		expect(await solveInWorker(input)).toEqual(inThread)
	})

	test('reports progress while it solves, and this thread stays free meanwhile', async () => {
		// The timer can only fire between two progress reports if the solving happens elsewhere.
		let ticks = 0
		const timer = setInterval(() => ticks++, 1)
		const seen: { fraction: number; ticks: number }[] = []
		try {
			await solveInWorker({ ...cohort(4000, 400, 2), onProgress: (fraction) => seen.push({ fraction, ticks }) })
		} finally {
			clearInterval(timer)
		}
		const fractions = seen.map((s) => s.fraction)
		expect(fractions[0]).toBe(0)
		expect(fractions.at(-1)).toBe(1)
		expect(fractions.every((f, k) => k === 0 || f >= fractions[k - 1]!)).toBe(true)
		const between = seen.filter((s) => s.fraction > 0 && s.fraction < 1)
		expect(between.length).toBeGreaterThan(10)
		expect(between.at(-1)!.ticks - between[0]!.ticks).toBeGreaterThan(2)
	})

	test('a solver that throws, or an input that cannot cross to the thread, rejects', async () => {
		const input = cohort(5, 2, 3)
		await expect(solveInWorker({ ...input, mentees: [...input.mentees, input.mentees[0]!] })).rejects.toThrow('appears twice')
		const unsendable = { ...input.mentees[0]!, extra: () => 1 } as MatchCandidate
		await expect(solveInWorker({ ...input, mentees: [unsendable] })).rejects.toThrow()
	})
})
