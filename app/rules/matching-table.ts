/**
 * The matching score of ./matching for many pairs at once: a cohort of 10,000 mentees and 1,000
 * mentors is ten million pairs. Each person is encoded once (subjects and languages as bit sets,
 * background fields as numbers, the zone as its offset at `at`), and each part's points come from
 * small tables built by ./matching's own curves, so a pair costs a few integer operations and its
 * score is exactly what `scoreMatch` gives (a property test holds the two together).
 */
import {
	BACKGROUND_FIELDS,
	BACKGROUND_SHARES,
	backgroundPoints,
	indexRelationships,
	minutesApart,
	normaliseText,
	offsetAt,
	relationshipKey,
	seniorityPoints,
	subjectPoints,
	timeZonePoints,
	type MatchCandidate,
	type MatchConstraints,
	type MatchMentor,
	type MatchWeights,
} from './matching'

/** Why a pair is ruled out, in the order `checkHardConstraints` tries them; OK when it is not. */
export const PAIR = { ok: 0, samePerson: 1, menteeOutside: 2, mentorOutside: 3, declined: 4, live: 5, noCapacity: 6, noLanguage: 7 } as const
export type PairVerdict = (typeof PAIR)[keyof typeof PAIR]

const UNKNOWN_OFFSET = 1 << 30
// Seniority is flat beyond 35 years either way, so gaps are clamped into a small table.
const GAP_REACH = 100

/** Distinct normalised words of each person as bit sets of `words` 32-bit words. */
class BitSets {
	readonly words: number
	readonly bits: Uint32Array
	readonly counts: Int32Array
	constructor(lists: readonly (readonly string[])[], dictionary: Map<string, number>) {
		this.words = Math.max(1, Math.ceil(dictionary.size / 32))
		this.bits = new Uint32Array(lists.length * this.words)
		this.counts = new Int32Array(lists.length)
		lists.forEach((list, person) => {
			for (const word of list) {
				const id = dictionary.get(normaliseText(word))
				if (id === undefined) continue
				const at = person * this.words + (id >>> 5)
				const bit = 1 << (id & 31)
				if ((this.bits[at]! & bit) === 0) this.counts[person]!++
				this.bits[at]! |= bit
			}
		})
	}
}

function dictionaryOf(...lists: (readonly string[])[][]): Map<string, number> {
	const dictionary = new Map<string, number>()
	for (const side of lists)
		for (const list of side)
			for (const word of list) {
				const key = normaliseText(word)
				if (key !== '' && !dictionary.has(key)) dictionary.set(key, dictionary.size)
			}
	return dictionary
}

function popcount(x: number): number {
	x -= (x >>> 1) & 0x55555555
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
	return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24
}

export type ScoreTable = {
	menteeCount: number
	mentorCount: number
	/** Remaining capacity of each mentor (0 for one outside the audience). */
	capacity: Int32Array
	/** Whether each mentee is in the programme's audience. */
	menteeInAudience: Uint8Array
	/** Scores mentee `i` against every mentor: writes each allowed mentor and its score, returns how many. */
	scoreRow(i: number, mentorsOut: Int32Array, scoresOut: Uint16Array): number
	sharesLanguage(i: number, j: number): boolean
	/** Why the pair is ruled out, or PAIR.ok. */
	verdict(i: number, j: number): PairVerdict
	/** The pair's score; only meaningful when the verdict is PAIR.ok. */
	score(i: number, j: number): number
}

/** Encodes `mentees` and `mentors` (by their index in these arrays) for scoring at `at`. */
export function buildScoreTable(
	mentees: readonly MatchCandidate[],
	mentors: readonly MatchMentor[],
	weights: MatchWeights,
	at: Date,
	constraints: MatchConstraints = {},
): ScoreTable {
	const n = mentees.length
	const m = mentors.length
	const inAudience = constraints.inAudience ?? (() => true)

	const subjectWords = dictionaryOf(
		mentees.map((p) => p.subjects),
		mentors.map((p) => p.subjects),
	)
	const languageWords = dictionaryOf(
		mentees.map((p) => p.languages),
		mentors.map((p) => p.languages),
	)
	const menteeSubjects = new BitSets(
		mentees.map((p) => p.subjects),
		subjectWords,
	)
	const mentorSubjects = new BitSets(
		mentors.map((p) => p.subjects),
		subjectWords,
	)
	const menteeLanguages = new BitSets(
		mentees.map((p) => p.languages),
		languageWords,
	)
	const mentorLanguages = new BitSets(
		mentors.map((p) => p.languages),
		languageWords,
	)
	const sw = menteeSubjects.words
	const lw = menteeLanguages.words

	// Background: one number per value (fields are compared position by position); an empty field
	// is -1 for a mentee and -2 for a mentor, so it never matches.
	const fieldIds = new Map<string, number>()
	const idOf = (value: string, empty: number) => {
		const key = normaliseText(value)
		if (key === '') return empty
		let id = fieldIds.get(key)
		if (id === undefined) fieldIds.set(key, (id = fieldIds.size))
		return id
	}
	const fields = BACKGROUND_FIELDS.length
	const menteeFields = new Int32Array(n * fields)
	const mentorFields = new Int32Array(m * fields)
	mentees.forEach((p, i) => BACKGROUND_FIELDS.forEach((f, k) => (menteeFields[i * fields + k] = idOf(p[f], -1))))
	mentors.forEach((p, j) => BACKGROUND_FIELDS.forEach((f, k) => (mentorFields[j * fields + k] = idOf(p[f], -2))))

	const offsets = new Map<string, number>()
	const offsetOf = (zone: string) => {
		let offset = offsets.get(zone)
		if (offset === undefined) offsets.set(zone, (offset = offsetAt(zone, at) ?? UNKNOWN_OFFSET))
		return offset
	}
	const menteeOffset = Int32Array.from(mentees, (p) => offsetOf(p.timeZone))
	const mentorOffset = Int32Array.from(mentors, (p) => offsetOf(p.timeZone))
	const menteeYears = Int32Array.from(mentees, (p) => p.yearsExperience)
	const mentorYears = Int32Array.from(mentors, (p) => p.yearsExperience)

	const people = new Map<string, number>()
	const personOf = (id: string) => {
		let person = people.get(id)
		if (person === undefined) people.set(id, (person = people.size))
		return person
	}
	const menteePerson = Int32Array.from(mentees, (p) => personOf(p.id))
	const mentorPerson = Int32Array.from(mentors, (p) => personOf(p.id))
	const menteeInAudience = Uint8Array.from(mentees, (p) => (inAudience(p, 'mentee') ? 1 : 0))
	const mentorInAudience = Uint8Array.from(mentors, (p) => (inAudience(p, 'mentor') ? 1 : 0))
	const capacity = Int32Array.from(mentors, (p, j) => (mentorInAudience[j] && p.remainingCapacity > 0 ? Math.floor(p.remainingCapacity) : 0))

	// Blocking relationships, per mentee: the few mentors each one may not be paired with again.
	const blocked = new Map<number, { mentor: number; verdict: PairVerdict }[]>()
	const relationships = indexRelationships(constraints.relationships)
	if (relationships.size > 0) {
		const mentorIndex = new Map(mentors.map((p, j) => [p.id, j]))
		mentees.forEach((mentee, i) => {
			for (const [id, j] of mentorIndex) {
				const kind = relationships.get(relationshipKey(mentee.id, id))
				if (!kind) continue
				const list = blocked.get(i) ?? []
				list.push({ mentor: j, verdict: kind === 'declined' ? PAIR.declined : PAIR.live })
				blocked.set(i, list)
			}
		})
	}

	// Points tables, each from ./matching's curve for that part.
	const maxWanted = Math.max(0, ...menteeSubjects.counts)
	const subjectTable = new Int32Array((maxWanted + 1) * (maxWanted + 1))
	for (let wanted = 0; wanted <= maxWanted; wanted++)
		for (let shared = 0; shared <= wanted; shared++) subjectTable[wanted * (maxWanted + 1) + shared] = subjectPoints(weights.subjects, shared, wanted)
	const backgroundTable = new Int32Array(1 << fields)
	for (let mask = 0; mask < backgroundTable.length; mask++) {
		let shares = 0
		BACKGROUND_FIELDS.forEach((f, k) => (shares += mask & (1 << k) ? BACKGROUND_SHARES[f] : 0))
		backgroundTable[mask] = backgroundPoints(weights.background, shares)
	}
	const timeZoneTable = Int32Array.from({ length: 721 }, (_, minutes) => timeZonePoints(weights.timeZone, minutes))
	const seniorityTable = Int32Array.from({ length: 2 * GAP_REACH + 1 }, (_, k) => seniorityPoints(weights.seniority, k - GAP_REACH))

	function score(i: number, j: number): number {
		let shared = 0
		for (let k = 0; k < sw; k++) shared += popcount(menteeSubjects.bits[i * sw + k]! & mentorSubjects.bits[j * sw + k]!)
		let mask = 0
		for (let k = 0; k < fields; k++) if (menteeFields[i * fields + k] === mentorFields[j * fields + k]) mask |= 1 << k
		const a = menteeOffset[i]!
		const b = mentorOffset[j]!
		const zone = a === UNKNOWN_OFFSET || b === UNKNOWN_OFFSET ? 0 : timeZoneTable[minutesApart(a, b)]!
		const gap = Math.max(-GAP_REACH, Math.min(GAP_REACH, mentorYears[j]! - menteeYears[i]!))
		return subjectTable[menteeSubjects.counts[i]! * (maxWanted + 1) + shared]! + backgroundTable[mask]! + zone + seniorityTable[gap + GAP_REACH]!
	}

	function sharesLanguage(i: number, j: number): boolean {
		for (let k = 0; k < lw; k++) if ((menteeLanguages.bits[i * lw + k]! & mentorLanguages.bits[j * lw + k]!) !== 0) return true
		return false
	}

	function verdict(i: number, j: number): PairVerdict {
		if (menteePerson[i] === mentorPerson[j]) return PAIR.samePerson
		if (!menteeInAudience[i]) return PAIR.menteeOutside
		if (!mentorInAudience[j]) return PAIR.mentorOutside
		const relationship = blocked.get(i)?.find((b) => b.mentor === j)
		if (relationship) return relationship.verdict
		if (capacity[j]! <= 0) return PAIR.noCapacity
		if (!sharesLanguage(i, j)) return PAIR.noLanguage
		return PAIR.ok
	}

	// Zones as small numbers, and the points between every two of them, so a pair reads one cell.
	const zoneIds = new Map<number, number>()
	const zoneOf = (offset: number) => {
		let id = zoneIds.get(offset)
		if (id === undefined) zoneIds.set(offset, (id = zoneIds.size))
		return id
	}
	const menteeZone = Int32Array.from(menteeOffset, zoneOf)
	const mentorZone = Int32Array.from(mentorOffset, zoneOf)
	const zones = [...zoneIds.keys()]
	const zoneCount = zones.length
	const zonePairTable = new Int32Array(zoneCount * zoneCount)
	zones.forEach((a, x) =>
		zones.forEach((b, y) => (zonePairTable[x * zoneCount + y] = a === UNKNOWN_OFFSET || b === UNKNOWN_OFFSET ? 0 : timeZoneTable[minutesApart(a, b)]!)),
	)
	const singleWords = sw === 1 && lw === 1

	const skip = new Uint8Array(m)
	function scoreRow(i: number, mentorsOut: Int32Array, scoresOut: Uint16Array): number {
		if (!menteeInAudience[i]) return 0
		const blockedHere = blocked.get(i) ?? []
		for (const b of blockedHere) skip[b.mentor] = 1
		const person = menteePerson[i]
		let count = 0
		if (singleWords) {
			// The common case (at most 32 subjects and 32 languages in the run), with the mentee's side read once.
			const subjectBits = menteeSubjects.bits[i]!
			const languageBits = menteeLanguages.bits[i]!
			const subjectRow = menteeSubjects.counts[i]! * (maxWanted + 1)
			const zoneRow = menteeZone[i]! * zoneCount
			const years = menteeYears[i]!
			const f = i * fields
			for (let j = 0; j < m; j++) {
				if (capacity[j]! <= 0 || skip[j] || (languageBits & mentorLanguages.bits[j]!) === 0 || mentorPerson[j] === person) continue
				let mask = 0
				for (let k = 0, g = j * fields; k < fields; k++) if (menteeFields[f + k] === mentorFields[g + k]) mask |= 1 << k
				const gap = Math.max(-GAP_REACH, Math.min(GAP_REACH, mentorYears[j]! - years))
				mentorsOut[count] = j
				scoresOut[count++] =
					subjectTable[subjectRow + popcount(subjectBits & mentorSubjects.bits[j]!)]! + backgroundTable[mask]! + zonePairTable[zoneRow + mentorZone[j]!]! + seniorityTable[gap + GAP_REACH]!
			}
		} else {
			for (let j = 0; j < m; j++) {
				if (capacity[j]! <= 0 || skip[j] || mentorPerson[j] === person || !sharesLanguage(i, j)) continue
				mentorsOut[count] = j
				scoresOut[count++] = score(i, j)
			}
		}
		for (const b of blockedHere) skip[b.mentor] = 0
		return count
	}

	return { menteeCount: n, mentorCount: m, capacity, menteeInAudience, scoreRow, sharesLanguage, verdict, score }
}
