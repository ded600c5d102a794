import fc from 'fast-check'
import loadHighs from 'highs'
import { describe, expect, test } from 'vitest'
import { assignCohort, greedyAssignment, type AssignmentInput, type PairIds } from './assignment'
import { scoreMatch, type MatchCandidate, type MatchMentor, type MatchWeights } from './matching'
import { buildScoreTable, PAIR } from './matching-table'

const at = new Date('2027-01-15T12:00:00Z')
const subjectsOnly: MatchWeights = { subjects: 1000, background: 0, timeZone: 0, seniority: 0 }
const mixed: MatchWeights = { subjects: 400, background: 300, timeZone: 200, seniority: 100 }

function person(id: string, overrides: Partial<MatchCandidate> = {}): MatchCandidate {
	return {
		id,
		subjects: ['Leadership'],
		industry: '',
		role: '',
		department: '',
		location: '',
		languages: ['English'],
		yearsExperience: 5,
		timeZone: 'UTC',
		...overrides,
	}
}
const mentor = (id: string, overrides: Partial<MatchMentor> = {}): MatchMentor => ({ ...person(id), remainingCapacity: 1, ...overrides })
const ids = (pairs: PairIds[]) => pairs.map((p) => `${p.menteeId}-${p.mentorId}`)

describe('assignCohort', () => {
	// A wants both subjects; X offers both, Y one. B speaks only French, which only X speaks.
	const mentees = [person('a', { subjects: ['Leadership', 'Product'] }), person('b', { subjects: ['Leadership', 'Product'], languages: ['French'] })]
	const mentors = [mentor('x', { subjects: ['Leadership', 'Product'], languages: ['English', 'French'] }), mentor('y')]
	const input: AssignmentInput = { mentees, mentors, weights: subjectsOnly, at }

	test('assigns as many mentees as it can before it looks at the score; greedy takes the best pair and strands B', () => {
		const result = assignCohort(input)
		expect(ids(result.pairs)).toEqual(['a-y', 'b-x'])
		expect(result.totalScore).toBe(1500)
		expect(result).toMatchObject({ unassigned: [], infeasibleLocks: [], greedyAssigned: 1, greedyTotalScore: 1000 })
		expect(result.pairs[1]).toEqual({ menteeId: 'b', mentorId: 'x', score: 1000, locked: false, reasons: expect.arrayContaining(['shares 2 subjects: Leadership, Product']) })
		expect(greedyAssignment(input)).toMatchObject({ assigned: 1, totalScore: 1000, pairs: [{ menteeId: 'a', mentorId: 'x' }] })
	})

	test('then the largest total score under each mentor’s capacity', () => {
		const result = assignCohort({
			mentees: [person('a', { subjects: ['Leadership', 'Product'] }), person('b', { subjects: ['Leadership', 'Product'] }), person('c')],
			mentors: [mentor('x', { subjects: ['Leadership', 'Product'], remainingCapacity: 2 }), mentor('y', { remainingCapacity: 5 })],
			weights: subjectsOnly,
			at,
		})
		expect(ids(result.pairs)).toEqual(['a-x', 'b-x', 'c-y'])
		expect(result.totalScore).toBe(3000)
	})

	test('the same result whatever order people come in', () => {
		const forward = assignCohort(input)
		const backward = assignCohort({ ...input, mentees: [...mentees].reverse(), mentors: [...mentors].reverse() })
		expect(backward).toEqual(forward)
	})

	test('a locked pair stays even when it lowers the total; a forbidden one never appears', () => {
		const locked = assignCohort({ ...input, lockedPairs: [{ menteeId: 'a', mentorId: 'x' }] })
		expect(locked.pairs).toMatchObject([{ menteeId: 'a', mentorId: 'x', locked: true }])
		expect(locked.unassigned).toEqual([{ menteeId: 'b', reason: 'every compatible mentor is full' }])
		const forbidden = assignCohort({ ...input, forbiddenPairs: [{ menteeId: 'b', mentorId: 'x' }] })
		expect(ids(forbidden.pairs)).toEqual(['a-x'])
		expect(forbidden.unassigned).toEqual([{ menteeId: 'b', reason: 'every other mentor who shares a language is forbidden for this mentee' }])
	})

	test('reports each lock it cannot keep, with its reason, and goes on without it', () => {
		const result = assignCohort({
			...input,
			mentees: [...mentees, person('c')],
			lockedPairs: [
				{ menteeId: 'b', mentorId: 'y' },
				{ menteeId: 'a', mentorId: 'y' },
				{ menteeId: 'c', mentorId: 'y' },
				{ menteeId: 'a', mentorId: 'x' },
				{ menteeId: 'c', mentorId: 'x' },
				{ menteeId: 'zed', mentorId: 'x' },
				{ menteeId: 'c', mentorId: 'nobody' },
			],
			forbiddenPairs: [{ menteeId: 'c', mentorId: 'x' }],
		})
		expect(result.infeasibleLocks).toEqual([
			{ menteeId: 'b', mentorId: 'y', reason: 'they share no language' },
			{ menteeId: 'c', mentorId: 'y', reason: 'the locks before it took every place the mentor has' },
			{ menteeId: 'a', mentorId: 'x', reason: 'the mentee is already locked to another mentor' },
			{ menteeId: 'c', mentorId: 'x', reason: 'the pair is also forbidden' },
			{ menteeId: 'zed', mentorId: 'x', reason: 'the mentee is not in this run' },
			{ menteeId: 'c', mentorId: 'nobody', reason: 'the mentor is not in this run' },
		])
		expect(result.pairs.map((p) => [p.menteeId, p.mentorId, p.locked])).toEqual([
			['a', 'y', true],
			['b', 'x', false],
		])
	})

	test('says in words why a mentee has no mentor', () => {
		const result = assignCohort({
			mentees: [
				person('full'),
				person('french', { languages: ['French'] }),
				person('related', { languages: ['German'] }),
				person('forbidden', { languages: ['Dutch'] }),
				person('outside'),
			],
			mentors: [mentor('m1', { languages: ['English', 'German', 'Dutch'] }), mentor('m2', { remainingCapacity: 0 })],
			weights: mixed,
			at,
			constraints: {
				relationships: [{ menteeId: 'related', mentorId: 'm1', status: 'declined' }],
				inAudience: (p) => p.id !== 'outside',
			},
			lockedPairs: [{ menteeId: 'full', mentorId: 'm1' }],
			forbiddenPairs: [{ menteeId: 'forbidden', mentorId: 'm1' }],
		})
		expect(result.unassigned).toEqual([
			{ menteeId: 'forbidden', reason: 'every other mentor who shares a language is forbidden for this mentee' },
			{ menteeId: 'french', reason: 'no mentor shares a language' },
			{ menteeId: 'outside', reason: "outside the programme's audience" },
			{ menteeId: 'related', reason: 'already has, or had in this programme, a relationship with every mentor who shares a language' },
		])
		expect(assignCohort({ mentees: [person('a')], mentors: [], weights: mixed, at }).unassigned).toEqual([
			{ menteeId: 'a', reason: 'no mentor in this run' },
		])
	})

	test('a candidate limit keeps only each mentee’s best mentors, and says so', () => {
		const result = assignCohort({
			mentees: [person('a', { subjects: ['Leadership', 'Product'] }), person('b', { subjects: ['Leadership', 'Product'] })],
			mentors: [mentor('x', { subjects: ['Leadership', 'Product'] }), mentor('y')],
			weights: subjectsOnly,
			at,
			candidateLimit: 1,
		})
		expect(ids(result.pairs)).toEqual(['a-x'])
		expect(result.unassigned).toEqual([{ menteeId: 'b', reason: 'every mentor among the 1 best for this mentee is full' }])
	})

	test('reports progress from 0 to 1, never going back', () => {
		const seen: number[] = []
		const many = Array.from({ length: 60 }, (_, k) => person(`e${k}`))
		assignCohort({ mentees: many, mentors: [mentor('x', { remainingCapacity: 50 })], weights: mixed, at, onProgress: (f) => seen.push(f) })
		expect(seen[0]).toBe(0)
		expect(seen.at(-1)).toBe(1)
		expect(seen.length).toBeGreaterThan(10)
		expect(seen.every((f, k) => k === 0 || f >= seen[k - 1]!)).toBe(true)
	})
})

// Small random cohorts drawn from few values, so that pairs collide on subjects, languages and zones.
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland']
const personArb = (id: string) =>
	fc.record({
		id: fc.constant(id),
		subjects: fc.subarray(['Leadership', 'Product', 'Hiring', 'Design']),
		industry: fc.constantFrom('', 'Fintech', 'Retail'),
		role: fc.constantFrom('', 'Engineer', 'Designer'),
		department: fc.constantFrom('', 'Payments'),
		location: fc.constantFrom('', 'Berlin', 'Lisbon'),
		languages: fc.subarray(['English', 'French', 'German'], { maxLength: 2 }),
		yearsExperience: fc.integer({ min: 0, max: 40 }),
		timeZone: fc.constantFrom(...ZONES),
	})
const weightsArb = fc.record({
	subjects: fc.integer({ min: 0, max: 1000 }),
	background: fc.integer({ min: 0, max: 1000 }),
	timeZone: fc.integer({ min: 0, max: 1000 }),
	seniority: fc.integer({ min: 0, max: 1000 }),
})
const cohortArb = (maxMentees: number, maxMentors: number, maxCapacity: number) =>
	fc
		.record({ mentees: fc.integer({ min: 0, max: maxMentees }), mentors: fc.integer({ min: 0, max: maxMentors }) })
		.chain(({ mentees, mentors }) => {
			const menteeIds = Array.from({ length: mentees }, (_, k) => `e${k}`)
			// Mentor ids overlap mentee ids now and then: the same person may be on both sides.
			const mentorIds = Array.from({ length: mentors }, (_, k) => (k === 0 && mentees > 2 ? 'e2' : `o${k}`))
			const pairArb = fc.record({ menteeId: fc.constantFrom('e0', ...menteeIds), mentorId: fc.constantFrom('o1', ...mentorIds) })
			return fc.record({
				mentees: fc.tuple(...menteeIds.map(personArb)),
				mentors: fc.tuple(...mentorIds.map((id) => fc.tuple(personArb(id), fc.integer({ min: 0, max: maxCapacity })))),
				weights: weightsArb,
				relationships: fc.array(fc.tuple(pairArb, fc.constantFrom('pending', 'confirmed', 'declined', 'ended')), { maxLength: 3 }),
				lockedPairs: fc.array(pairArb, { maxLength: 3 }),
				forbiddenPairs: fc.array(pairArb, { maxLength: 4 }),
				outside: fc.subarray([...new Set(['e0', 'o1', ...menteeIds, ...mentorIds])], { maxLength: 2 }),
			})
		})
		.map(
			(c): AssignmentInput => ({
				mentees: c.mentees,
				mentors: c.mentors.map(([p, remainingCapacity]) => ({ ...p, remainingCapacity })),
				weights: c.weights,
				at,
				constraints: {
					relationships: c.relationships.map(([p, status]) => ({ ...p, status })),
					inAudience: (p) => !c.outside.includes(p.id),
				},
				lockedPairs: c.lockedPairs,
				forbiddenPairs: c.forbiddenPairs,
			}),
		)

const key = (menteeId: string, mentorId: string) => `${menteeId}|${mentorId}`

/** The rulebook read literally: every pair by `scoreMatch`, locks in order, then every assignment tried. */
function bruteForce(input: AssignmentInput) {
	const forbidden = new Set((input.forbiddenPairs ?? []).map((p) => key(p.menteeId, p.mentorId)))
	const left = new Map(input.mentors.map((o) => [o.id, o.remainingCapacity]))
	const scoreOf = (e: MatchCandidate, o: MatchMentor) => {
		const result = scoreMatch(e, o, input.weights, input.at, input.constraints)
		return result.ok && !forbidden.has(key(e.id, o.id)) ? result.score : null
	}
	const lockedMentees = new Set<string>()
	const keptLocks: string[] = []
	let lockedTotal = 0
	for (const lock of input.lockedPairs ?? []) {
		const e = input.mentees.find((p) => p.id === lock.menteeId)
		const o = input.mentors.find((p) => p.id === lock.mentorId)
		if (!e || !o || lockedMentees.has(e.id) || !(left.get(o.id)! > 0)) continue
		const score = scoreOf(e, o)
		if (score === null) continue
		lockedMentees.add(e.id)
		left.set(o.id, left.get(o.id)! - 1)
		keptLocks.push(key(e.id, o.id))
		lockedTotal += score
	}
	const free = input.mentees.filter((e) => !lockedMentees.has(e.id))
	const options = free.map((e) => input.mentors.flatMap((o) => (scoreOf(e, o) === null ? [] : [{ mentorId: o.id, score: scoreOf(e, o)! }])))
	let best = { count: 0, total: 0 }
	const walk = (k: number, count: number, total: number) => {
		if (k === free.length) {
			if (count > best.count || (count === best.count && total > best.total)) best = { count, total }
			return
		}
		walk(k + 1, count, total)
		for (const { mentorId, score } of options[k]!) {
			if (!(left.get(mentorId)! > 0)) continue
			left.set(mentorId, left.get(mentorId)! - 1)
			walk(k + 1, count + 1, total + score)
			left.set(mentorId, left.get(mentorId)! + 1)
		}
	}
	walk(0, 0, 0)
	return { assigned: best.count + keptLocks.length, total: best.total + lockedTotal, keptLocks, forbidden }
}

describe('assignCohort against every possible assignment (properties)', () => {
	test('never fewer mentees than possible, never a lower total at that count, and every rule kept', () => {
		fc.assert(
			fc.property(cohortArb(7, 5, 3), (input) => {
				const result = assignCohort(input)
				const truth = bruteForce(input)
				expect(result.pairs.length).toBe(truth.assigned)
				expect(result.totalScore).toBe(truth.total)

				const used = new Map<string, number>()
				const seen = new Set<string>()
				for (const pair of result.pairs) {
					const e = input.mentees.find((p) => p.id === pair.menteeId)!
					const o = input.mentors.find((p) => p.id === pair.mentorId)!
					const scored = scoreMatch(e, o, input.weights, input.at, input.constraints)
					expect(scored.ok, 'hard constraints hold').toBe(true)
					expect(scored.ok && [scored.score, scored.reasons]).toEqual([pair.score, pair.reasons])
					expect(truth.forbidden.has(key(pair.menteeId, pair.mentorId)), 'never forbidden').toBe(false)
					expect(seen.has(pair.menteeId), 'one mentor per mentee').toBe(false)
					seen.add(pair.menteeId)
					used.set(o.id, (used.get(o.id) ?? 0) + 1)
				}
				for (const o of input.mentors) expect(used.get(o.id) ?? 0).toBeLessThanOrEqual(Math.max(0, o.remainingCapacity))
				const kept = result.pairs.filter((p) => p.locked).map((p) => key(p.menteeId, p.mentorId))
				expect(kept.sort()).toEqual([...truth.keptLocks].sort())
				expect(result.infeasibleLocks.length + kept.length).toBe((input.lockedPairs ?? []).length)
				expect(result.unassigned.length + result.pairs.length).toBe(input.mentees.length)

				const greedy = greedyAssignment(input)
				expect(greedy.assigned).toBeLessThanOrEqual(result.pairs.length)
				expect([result.greedyAssigned, result.greedyTotalScore]).toEqual([greedy.assigned, greedy.totalScore])
			}),
			{ numRuns: 150 },
		)
	})

	test('the score table used for many pairs agrees with scoreMatch on every pair', () => {
		fc.assert(
			fc.property(cohortArb(6, 6, 2), (input) => {
				const table = buildScoreTable(input.mentees, input.mentors, input.weights, input.at, input.constraints)
				input.mentees.forEach((e, i) =>
					input.mentors.forEach((o, j) => {
						const scored = scoreMatch(e, o, input.weights, input.at, input.constraints)
						const verdict = table.verdict(i, j)
						expect(verdict === PAIR.ok).toBe(scored.ok)
						if (scored.ok) expect(table.score(i, j)).toBe(scored.score)
					}),
				)
				expectRowsAgree(input)
			}),
			{ numRuns: 150 },
		)
	})

	test('so do whole rows, also with more than 32 subjects or languages in the run', () => {
		const many = Array.from({ length: 40 }, (_, k) => `Subject ${k}`)
		const tongues = Array.from({ length: 35 }, (_, k) => `Language ${k}`)
		const mentees = Array.from({ length: 12 }, (_, k) =>
			person(`e${k}`, { subjects: many.filter((_, s) => (s + k) % 3 === 0), languages: [tongues[k]!, tongues[34]!].slice(0, 1 + (k % 2)), timeZone: ZONES[k % ZONES.length]!, yearsExperience: k * 3 }),
		)
		const mentors = Array.from({ length: 9 }, (_, k) =>
			mentor(`o${k}`, { subjects: many.filter((_, s) => (s + k) % 4 === 0), languages: [tongues[(k * 5) % 12]!, tongues[34]!].slice(0, 1 + ((k + 1) % 2)), timeZone: ZONES[(k + 2) % ZONES.length]!, yearsExperience: 4 + k * 4 }),
		)
		expectRowsAgree({ mentees, mentors, weights: mixed, at })
	})
})

/** Each row the table scores holds exactly the allowed mentors, in order, each with scoreMatch's score. */
function expectRowsAgree(input: AssignmentInput) {
	const table = buildScoreTable(input.mentees, input.mentors, input.weights, input.at, input.constraints)
	const mentorsOut = new Int32Array(input.mentors.length)
	const scoresOut = new Uint16Array(input.mentors.length)
	input.mentees.forEach((e, i) => {
		const count = table.scoreRow(i, mentorsOut, scoresOut)
		const expected = input.mentors.flatMap((o, j) => {
			const scored = scoreMatch(e, o, input.weights, input.at, input.constraints)
			return scored.ok ? [[j, scored.score]] : []
		})
		expect(Array.from({ length: count }, (_, k) => [mentorsOut[k], scoresOut[k]])).toEqual(expected)
	})
}

describe('candidateLimit (properties)', () => {
	test('is the same as forbidding every pair outside each mentee’s best K (a higher score, then the smaller mentor id)', () => {
		fc.assert(
			fc.property(cohortArb(7, 6, 3), fc.integer({ min: 1, max: 4 }), (base, candidateLimit) => {
				const input = { ...base, lockedPairs: [], forbiddenPairs: [] }
				const outside: PairIds[] = []
				for (const e of input.mentees) {
					const allowed = input.mentors
						.flatMap((o) => {
							const scored = scoreMatch(e, o, input.weights, input.at, input.constraints)
							return scored.ok ? [{ mentorId: o.id, score: scored.score }] : []
						})
						.sort((a, b) => b.score - a.score || (a.mentorId < b.mentorId ? -1 : 1))
					for (const { mentorId } of allowed.slice(candidateLimit)) outside.push({ menteeId: e.id, mentorId })
				}
				const cut = assignCohort({ ...input, candidateLimit })
				const reference = assignCohort({ ...input, forbiddenPairs: outside })
				expect({ assigned: cut.pairs.length, total: cut.totalScore, greedy: cut.greedyTotalScore }).toEqual({
					assigned: reference.pairs.length,
					total: reference.totalScore,
					greedy: reference.greedyTotalScore,
				})
				const kept = new Set(outside.map((p) => key(p.menteeId, p.mentorId)))
				for (const p of cut.pairs) expect(kept.has(key(p.menteeId, p.mentorId))).toBe(false)
			}),
			{ numRuns: 150 },
		)
	})
})

describe('assignCohort against the linear programme (HiGHS)', () => {
	test('on 40 × 15 cohorts the optimum equals the LP optimum, which the assignment polytope makes integral', async () => {
		const highs = await loadHighs()
		const LEX = 40 * 4001 // one more mentee outweighs any difference in total score
		fc.assert(
			fc.property(
				fc.tuple(fc.array(personArb('e'), { minLength: 40, maxLength: 40 }), fc.array(fc.tuple(personArb('o'), fc.integer({ min: 0, max: 4 })), { minLength: 15, maxLength: 15 }), weightsArb),
				([menteeList, mentorList, weights]) => {
					const mentees = menteeList.map((p, k) => ({ ...p, id: `e${k}` }))
					const mentors = mentorList.map(([p, remainingCapacity], k) => ({ ...p, id: `o${k}`, remainingCapacity }))
					const result = assignCohort({ mentees, mentors, weights, at })

					const terms: string[] = []
					const menteeRows = mentees.map(() => [] as string[])
					const mentorRows = mentors.map(() => [] as string[])
					mentees.forEach((e, i) =>
						mentors.forEach((o, j) => {
							const scored = scoreMatch(e, o, weights, at)
							if (!scored.ok) return
							terms.push(`${LEX + scored.score} x${i}_${j}`)
							menteeRows[i]!.push(`x${i}_${j}`)
							mentorRows[j]!.push(`x${i}_${j}`)
						}),
					)
					if (terms.length === 0) return expect(result.pairs).toEqual([])
					const rows = [
						...menteeRows.flatMap((vars, i) => (vars.length ? [` e${i}: ${vars.join(' + ')} <= 1`] : [])),
						...mentorRows.flatMap((vars, j) => (vars.length ? [` o${j}: ${vars.join(' + ')} <= ${mentors[j]!.remainingCapacity}`] : [])),
					]
					const bounds = menteeRows.flat().map((v) => ` 0 <= ${v} <= 1`)
					const lp = `Maximize\n obj: ${terms.join(' + ')}\nSubject To\n${rows.join('\n')}\nBounds\n${bounds.join('\n')}\nEnd`
					const solution = highs.solve(lp, { output_flag: false })
					expect(solution.Status).toBe('Optimal')
					expect(solution.ObjectiveValue).toBeCloseTo(result.pairs.length * LEX + result.totalScore, 3)
				},
			),
			{ numRuns: 15 },
		)
	})
})
