import { describe, expect, test } from 'vitest'
import {
	DEFAULT_MATCH_WEIGHTS,
	ENDED_IN_PROGRAMME,
	recommendMentors,
	scoreMatch,
	seniorityPoints,
	timeZonePoints,
	type MatchCandidate,
	type MatchMentor,
	type MatchWeights,
} from './matching'

const at = new Date('2027-01-15T12:00:00Z') // winter: Berlin +1, New York −5, London 0

function mentee(overrides: Partial<MatchCandidate> = {}): MatchCandidate {
	return {
		id: 'mentee-1',
		subjects: ['Leadership', 'Product', 'Hiring'],
		industry: 'Fintech',
		role: 'Product manager',
		department: 'Payments',
		location: 'Berlin',
		languages: ['English', 'German'],
		yearsExperience: 3,
		timeZone: 'Europe/Berlin',
		...overrides,
	}
}

function mentor(overrides: Partial<MatchMentor> = {}): MatchMentor {
	return {
		id: 'mentor-1',
		subjects: ['product', 'Leadership ', 'Design'],
		industry: ' fintech',
		role: 'Engineer',
		department: 'Platform',
		location: 'Lisbon',
		languages: ['english'],
		yearsExperience: 15,
		timeZone: 'Europe/London',
		remainingCapacity: 2,
		...overrides,
	}
}

const only = (part: keyof MatchWeights, weight = 1000): MatchWeights => ({ subjects: 0, background: 0, timeZone: 0, seniority: 0, [part]: weight })

describe('scoreMatch: the score and its reasons', () => {
	test('names every part in words, quoting the mentee, and adds the parts into a whole number', () => {
		const result = scoreMatch(mentee(), mentor(), DEFAULT_MATCH_WEIGHTS, at)
		expect(result).toEqual({
			ok: true,
			score: 300 + 70 + 200 + 150,
			points: { subjects: 300, background: 70, timeZone: 200, seniority: 150 },
			reasons: ['shares 2 subjects: Leadership, Product', 'both in Fintech', '1 hour apart', '12 more years of experience'],
		})
	})

	test('subjects: the share of the mentee’s subjects the mentor offers', () => {
		expect(scoreMatch(mentee(), mentor({ subjects: ['Hiring'] }), only('subjects', 900), at)).toMatchObject({
			score: 300,
			reasons: expect.arrayContaining(['shares 1 subject: Hiring']),
		})
		expect(scoreMatch(mentee(), mentor({ subjects: [] }), only('subjects'), at)).toMatchObject({
			score: 0,
			reasons: expect.arrayContaining(['no subjects in common']),
		})
		expect(scoreMatch(mentee({ subjects: [] }), mentor(), only('subjects'), at)).toMatchObject({ score: 0 })
	})

	test('background: each shared field earns its share and is named', () => {
		const same = mentor({ industry: 'FINTECH', role: 'product  manager', department: 'payments', location: 'berlin' })
		expect(scoreMatch(mentee(), same, only('background'), at)).toMatchObject({
			score: 1000,
			reasons: expect.arrayContaining(['both in Fintech', 'both work as Product manager', 'both in the Payments department', 'both based in Berlin']),
		})
		expect(scoreMatch(mentee({ industry: '' }), mentor({ industry: '' }), only('background'), at)).toMatchObject({
			score: 0,
			reasons: expect.arrayContaining(['no background in common']),
		})
		expect(scoreMatch(mentee(), mentor({ industry: 'Retail', location: 'Berlin' }), only('background'), at)).toMatchObject({ score: 200 })
	})

	test('time zone: hours apart at the given instant, around the dial, with DST', () => {
		const berlinNewYork = (when: Date) => scoreMatch(mentee(), mentor({ timeZone: 'America/New_York' }), only('timeZone', 480), when)
		expect(berlinNewYork(at)).toMatchObject({ score: 240, reasons: expect.arrayContaining(['6 hours apart']) })
		// 20 March 2027: New York is on summer time, Berlin not yet.
		expect(berlinNewYork(new Date('2027-03-20T12:00:00Z'))).toMatchObject({ score: 300, reasons: expect.arrayContaining(['5 hours apart']) })
		expect(scoreMatch(mentee({ timeZone: 'Pacific/Kiritimati' }), mentor({ timeZone: 'Pacific/Honolulu' }), only('timeZone'), at)).toMatchObject({
			score: 1000,
			reasons: expect.arrayContaining(['same local time']),
		})
		expect(scoreMatch(mentee({ timeZone: 'Asia/Kolkata' }), mentor({ timeZone: 'Europe/London' }), only('timeZone'), at)).toMatchObject({
			reasons: expect.arrayContaining(['5 hours 30 minutes apart']),
		})
		expect(scoreMatch(mentee({ timeZone: 'Mars/Olympus' }), mentor(), only('timeZone'), at)).toMatchObject({
			score: 0,
			reasons: expect.arrayContaining(['time zone unknown']),
		})
	})

	test('time-zone curve: full within 2 hours, nothing from 10 hours', () => {
		expect([0, 120, 360, 600, 720].map((minutes) => timeZonePoints(100, minutes))).toEqual([100, 100, 50, 0, 0])
	})

	test('seniority: more experience is good, up to a point', () => {
		expect([-3, 0, 1, 5, 15, 25, 35, 60].map((gap) => seniorityPoints(1000, gap))).toEqual([0, 0, 200, 1000, 1000, 750, 500, 500])
		expect(scoreMatch(mentee({ yearsExperience: 10 }), mentor({ yearsExperience: 7 }), only('seniority'), at)).toMatchObject({
			score: 0,
			reasons: expect.arrayContaining(['3 fewer years of experience']),
		})
		expect(scoreMatch(mentee({ yearsExperience: 7 }), mentor({ yearsExperience: 8 }), only('seniority'), at)).toMatchObject({
			reasons: expect.arrayContaining(['1 more year of experience']),
		})
		expect(scoreMatch(mentee({ yearsExperience: 7 }), mentor({ yearsExperience: 7 }), only('seniority'), at)).toMatchObject({
			reasons: expect.arrayContaining(['same years of experience']),
		})
	})

	test('refuses weights no programme may save', () => {
		expect(() => scoreMatch(mentee(), mentor(), { ...DEFAULT_MATCH_WEIGHTS, subjects: 0.5 }, at)).toThrow(RangeError)
		expect(() => scoreMatch(mentee(), mentor(), { ...DEFAULT_MATCH_WEIGHTS, timeZone: -1 }, at)).toThrow(RangeError)
		expect(() => scoreMatch(mentee(), mentor(), { ...DEFAULT_MATCH_WEIGHTS, seniority: 1001 }, at)).toThrow(RangeError)
	})
})

describe('scoreMatch: hard constraints', () => {
	const refusal = (result: ReturnType<typeof scoreMatch>) => (result.ok ? null : result.constraint)

	test('a shared language, whatever its case', () => {
		expect(refusal(scoreMatch(mentee(), mentor({ languages: ['French'] }), DEFAULT_MATCH_WEIGHTS, at))).toBe('no_shared_language')
		expect(refusal(scoreMatch(mentee({ languages: [] }), mentor(), DEFAULT_MATCH_WEIGHTS, at))).toBe('no_shared_language')
		expect(scoreMatch(mentee(), mentor({ languages: ['GERMAN'] }), DEFAULT_MATCH_WEIGHTS, at).ok).toBe(true)
	})

	test('remaining capacity above 0', () => {
		expect(scoreMatch(mentee(), mentor({ remainingCapacity: 0 }), DEFAULT_MATCH_WEIGHTS, at)).toEqual({
			ok: false,
			constraint: 'no_capacity',
			reason: 'the mentor has no place left',
		})
		expect(refusal(scoreMatch(mentee(), mentor({ remainingCapacity: -1 }), DEFAULT_MATCH_WEIGHTS, at))).toBe('no_capacity')
		expect(scoreMatch(mentee(), mentor({ remainingCapacity: 1 }), DEFAULT_MATCH_WEIGHTS, at).ok).toBe(true)
	})

	test('not the same person', () => {
		expect(refusal(scoreMatch(mentee({ id: 'x' }), mentor({ id: 'x' }), DEFAULT_MATCH_WEIGHTS, at))).toBe('same_person')
	})

	test('no live or declined relationship between the two, nor one of this programme that ended; another ended one or another pair’s does not count', () => {
		const withStatus = (status: string, menteeId = 'mentee-1', mentorId = 'mentor-1') =>
			refusal(scoreMatch(mentee(), mentor(), DEFAULT_MATCH_WEIGHTS, at, { relationships: [{ menteeId, mentorId, status }] }))
		expect(withStatus('pending')).toBe('live_relationship')
		expect(withStatus('confirmed')).toBe('live_relationship')
		expect(withStatus('declined')).toBe('declined_relationship')
		expect(withStatus('ended')).toBeNull()
		expect(withStatus(ENDED_IN_PROGRAMME)).toBe('ended_relationship')
		const both = [
			{ menteeId: 'mentee-1', mentorId: 'mentor-1', status: ENDED_IN_PROGRAMME },
			{ menteeId: 'mentee-1', mentorId: 'mentor-1', status: 'pending' },
		]
		expect(refusal(scoreMatch(mentee(), mentor(), DEFAULT_MATCH_WEIGHTS, at, { relationships: both }))).toBe('live_relationship')
		expect(withStatus('confirmed', 'mentee-1', 'mentor-2')).toBeNull()
		expect(withStatus('confirmed', 'mentor-1', 'mentee-1')).toBeNull()
	})

	test('the programme’s audience, on either side', () => {
		const outside = (side: 'mentee' | 'mentor') =>
			scoreMatch(mentee(), mentor(), DEFAULT_MATCH_WEIGHTS, at, { inAudience: (_person, s) => s !== side })
		expect(outside('mentee')).toMatchObject({ ok: false, constraint: 'outside_audience', reason: "the mentee is outside the programme's audience" })
		expect(outside('mentor')).toMatchObject({ ok: false, constraint: 'outside_audience', reason: "the mentor is outside the programme's audience" })
	})
})

describe('recommendMentors', () => {
	const mentors = [
		mentor({ id: 'c', subjects: ['Leadership'] }),
		mentor({ id: 'b', subjects: ['Leadership', 'Product', 'Hiring'] }),
		mentor({ id: 'a', subjects: ['Leadership'] }),
		mentor({ id: 'full', subjects: ['Leadership', 'Product', 'Hiring'], remainingCapacity: 0 }),
		mentor({ id: 'declined', subjects: ['Leadership', 'Product', 'Hiring'] }),
	]
	const relationships = [{ menteeId: 'mentee-1', mentorId: 'declined', status: 'declined' }]

	test('best first, ties by mentor id, excluded mentors absent, each with its reasons', () => {
		const list = recommendMentors(mentee(), mentors, DEFAULT_MATCH_WEIGHTS, at, 10, { relationships })
		expect(list.map((r) => r.mentorId)).toEqual(['b', 'a', 'c'])
		expect(list[0]?.reasons[0]).toBe('shares 3 subjects: Leadership, Product, Hiring')
		expect(list[1]?.score).toBe(list[2]?.score)
		const scored = scoreMatch(mentee(), mentors[1]!, DEFAULT_MATCH_WEIGHTS, at)
		expect(scored.ok && scored.score).toBe(list[0]?.score)
	})

	test('lists at most `limit`, whatever order the mentors come in', () => {
		const forward = recommendMentors(mentee(), mentors, DEFAULT_MATCH_WEIGHTS, at, 2, { relationships })
		const backward = recommendMentors(mentee(), [...mentors].reverse(), DEFAULT_MATCH_WEIGHTS, at, 2, { relationships })
		expect(forward.map((r) => r.mentorId)).toEqual(['b', 'a'])
		expect(backward).toEqual(forward)
		expect(recommendMentors(mentee(), mentors, DEFAULT_MATCH_WEIGHTS, at, 0)).toEqual([])
	})
})
