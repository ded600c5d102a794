/**
 * The matching score of PRODUCT.md "Relationships and matching", pure: people, the programme's
 * weights and an instant in; a score with its reasons, or the hard constraint that failed, out.
 *
 * "Matching scores a mentor for a mentee from subject overlap, background similarity, time-zone
 * distance and seniority gap, with hard constraints: a shared language, remaining capacity > 0, not
 * the same person, no live or declined relationship between the two, the programme's audience."
 *
 * - A score is a whole number of points: each part earns between 0 and its weight, rounded once,
 *   and the score is their sum. Totals over a cohort are then exact, and two runs compare equal.
 * - Text is compared trimmed, with runs of spaces made one and case ignored; an empty field never
 *   matches. Reasons quote the mentee's spelling.
 * - Time-zone distance is the hours between the two clocks at `at` (offsets move with DST, so the
 *   instant is an argument), around the dial: +12 and −11 are one hour apart.
 * - Recommendations, cohort assignment (./assignment) and reports all read this one score.
 */
import { IANAZone } from 'luxon'

/** What the score needs of a person: their dossier as PRODUCT.md lists it, and their time zone. */
export type MatchCandidate = {
	id: string
	/** Subjects as the shared list names them ("Leadership"): reasons quote them. */
	subjects: readonly string[]
	industry: string
	role: string
	department: string
	location: string
	languages: readonly string[]
	yearsExperience: number
	/** An IANA zone; one the runtime does not know earns no time-zone points. */
	timeZone: string
}

/** A mentor also brings how many mentees they can still take: capacity minus live relationships. */
export type MatchMentor = MatchCandidate & { remainingCapacity: number }

/**
 * The programme's weights: the most points each part of the score can earn. Whole numbers from
 * 0 to MAX_MATCH_WEIGHT; 0 leaves a part out.
 */
export type MatchWeights = { subjects: number; background: number; timeZone: number; seniority: number }

export const MAX_MATCH_WEIGHT = 1000

/**
 * The weights a programme starts with; they add up to 1,000 points.
 *
 * - `subjects` (450): the share of the mentee's subjects the mentor offers. What the mentee asked
 *   for comes first, so it weighs most; a mentee who chose no subjects gets 0 from every mentor.
 * - `background` (200): the same industry (35%), role (25%), department (20%), location (20%).
 *   Someone who has stood where the mentee stands, without being the whole score.
 * - `timeZone` (200): full within 2 hours of each other, falling evenly to nothing at 10 hours
 *   apart, where a working day barely overlaps.
 * - `seniority` (150): a mentor with more years of experience. It climbs to full at 5 more years,
 *   stays full to 15 more, then eases to half at 35 more (far ahead can be far from the mentee's
 *   questions). A mentor with the same or fewer years earns nothing here, but is not excluded.
 */
export const DEFAULT_MATCH_WEIGHTS: Readonly<MatchWeights> = Object.freeze({ subjects: 450, background: 200, timeZone: 200, seniority: 150 })

/** Percent of the background weight each shared field earns. */
export const BACKGROUND_SHARES = { industry: 35, role: 25, department: 20, location: 20 } as const
export type BackgroundField = keyof typeof BACKGROUND_SHARES
export const BACKGROUND_FIELDS = Object.keys(BACKGROUND_SHARES) as BackgroundField[]

/**
 * A relationship of the programme being matched that ended. "Ending it … puts the mentee back to
 * searching with the old mentor excluded from their recommendations": the service marks such a
 * relationship with this status (ended ones elsewhere, or of another programme, do not count).
 */
export const ENDED_IN_PROGRAMME = 'ended_in_programme'

/** Relationship statuses that rule a pair out: a live one (pending, confirmed), a declined one, or one of this programme that ended. */
export const BLOCKING_RELATIONSHIP_STATUSES = ['pending', 'confirmed', 'declined', ENDED_IN_PROGRAMME] as const

export type MatchRelationship = { menteeId: string; mentorId: string; status: string }

/** The data the hard constraints read besides the two people. */
export type MatchConstraints = {
	/** Relationships between the people being matched, any status; ended ones count only as `ENDED_IN_PROGRAMME`. */
	relationships?: readonly MatchRelationship[]
	/** Whether a person is in the programme's audience; everyone when absent. */
	inAudience?: (person: MatchCandidate, side: 'mentee' | 'mentor') => boolean
}

export type MatchConstraint = 'same_person' | 'outside_audience' | 'live_relationship' | 'declined_relationship' | 'ended_relationship' | 'no_capacity' | 'no_shared_language'

export type MatchPoints = { subjects: number; background: number; timeZone: number; seniority: number }
export type MatchScore = { ok: true; score: number; reasons: string[]; points: MatchPoints }
export type MatchRefusal = { ok: false; constraint: MatchConstraint; reason: string }
export type MatchResult = MatchScore | MatchRefusal

/** Throws on weights no programme may save: the service validates them before they get here. */
export function checkMatchWeights(weights: MatchWeights): void {
	for (const part of ['subjects', 'background', 'timeZone', 'seniority'] as const) {
		const weight = weights[part]
		if (!Number.isInteger(weight) || weight < 0 || weight > MAX_MATCH_WEIGHT) {
			throw new RangeError(`The ${part} weight must be a whole number from 0 to ${MAX_MATCH_WEIGHT}, not ${weight}.`)
		}
	}
}

export const normaliseText = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase()

// The parts' curves. Each takes whole numbers and rounds once, so the fast path of cohort
// assignment (./matching-table) builds its tables from these same functions and agrees exactly.

export function subjectPoints(weight: number, shared: number, wanted: number): number {
	return wanted > 0 ? Math.round((weight * Math.min(shared, wanted)) / wanted) : 0
}

/** `shares` is the sum of BACKGROUND_SHARES of the fields in common, 0..100. */
export function backgroundPoints(weight: number, shares: number): number {
	return Math.round((weight * shares) / 100)
}

export const FULL_TIME_ZONE_MINUTES = 120
export const NO_TIME_ZONE_MINUTES = 600

export function timeZonePoints(weight: number, minutesApart: number): number {
	const span = NO_TIME_ZONE_MINUTES - FULL_TIME_ZONE_MINUTES
	const left = Math.min(span, Math.max(0, NO_TIME_ZONE_MINUTES - minutesApart))
	return Math.round((weight * left) / span)
}

/** `gap` is the mentor's years of experience minus the mentee's. */
export function seniorityPoints(weight: number, gap: number): number {
	let perMille: number
	if (gap <= 0) perMille = 0
	else if (gap < 5) perMille = gap * 200
	else if (gap <= 15) perMille = 1000
	else perMille = Math.max(500, 1000 - (gap - 15) * 25)
	return Math.round((weight * perMille) / 1000)
}

/** Minutes between two UTC offsets around the dial, 0..720. */
export function minutesApart(offsetA: number, offsetB: number): number {
	const apart = Math.abs(offsetA - offsetB) % 1440
	return Math.min(apart, 1440 - apart)
}

/** The zone's UTC offset in minutes at `at`, or null for a zone the runtime does not know. */
export function offsetAt(zone: string, at: Date): number | null {
	const iana = IANAZone.create(zone)
	return iana.isValid ? iana.offset(at.getTime()) : null
}

export const relationshipKey = (menteeId: string, mentorId: string) => `${menteeId}\u0000${mentorId}`

export type BlockingRelationship = 'live' | 'declined' | 'ended'
const BLOCKING_RANK: Record<BlockingRelationship, number> = { ended: 0, live: 1, declined: 2 }

/** The blocking relationship of each pair: declined before live before ended when a pair has several. */
export function indexRelationships(relationships: readonly MatchRelationship[] = []): Map<string, BlockingRelationship> {
	const index = new Map<string, BlockingRelationship>()
	for (const { menteeId, mentorId, status } of relationships) {
		if (!(BLOCKING_RELATIONSHIP_STATUSES as readonly string[]).includes(status)) continue
		const key = relationshipKey(menteeId, mentorId)
		const kind: BlockingRelationship = status === 'declined' ? 'declined' : status === ENDED_IN_PROGRAMME ? 'ended' : 'live'
		const before = index.get(key)
		if (before === undefined || BLOCKING_RANK[kind] > BLOCKING_RANK[before]) index.set(key, kind)
	}
	return index
}

/** What one call prepares once for many pairs: the relationship index and the zones' offsets. */
export type MatchContext = {
	weights: MatchWeights
	at: Date
	relationships: Map<string, BlockingRelationship>
	inAudience: (person: MatchCandidate, side: 'mentee' | 'mentor') => boolean
	offsets: Map<string, number | null>
}

export function createMatchContext(weights: MatchWeights, at: Date, constraints: MatchConstraints = {}): MatchContext {
	checkMatchWeights(weights)
	return {
		weights,
		at,
		relationships: indexRelationships(constraints.relationships),
		inAudience: constraints.inAudience ?? (() => true),
		offsets: new Map(),
	}
}

function offsetIn(context: MatchContext, zone: string): number | null {
	let offset = context.offsets.get(zone)
	if (offset === undefined) {
		offset = offsetAt(zone, context.at)
		context.offsets.set(zone, offset)
	}
	return offset
}

const refuse = (constraint: MatchConstraint, reason: string): MatchRefusal => ({ ok: false, constraint, reason })

/** The first hard constraint the pair breaks, or null when it may be matched. */
export function checkHardConstraints(mentee: MatchCandidate, mentor: MatchMentor, context: MatchContext): MatchRefusal | null {
	if (mentee.id === mentor.id) return refuse('same_person', 'a person cannot mentor themselves')
	if (!context.inAudience(mentee, 'mentee')) return refuse('outside_audience', "the mentee is outside the programme's audience")
	if (!context.inAudience(mentor, 'mentor')) return refuse('outside_audience', "the mentor is outside the programme's audience")
	const relationship = context.relationships.get(relationshipKey(mentee.id, mentor.id))
	if (relationship === 'declined') return refuse('declined_relationship', 'a relationship between them was declined')
	if (relationship === 'live') return refuse('live_relationship', 'they already have a live relationship')
	if (relationship === 'ended') return refuse('ended_relationship', 'their relationship in this programme ended')
	if (!(mentor.remainingCapacity > 0)) return refuse('no_capacity', 'the mentor has no place left')
	if (!sharesLanguage(mentee.languages, mentor.languages)) return refuse('no_shared_language', 'they share no language')
	return null
}

function sharesLanguage(a: readonly string[], b: readonly string[]): boolean {
	const theirs = new Set(b.map(normaliseText))
	return a.some((language) => language.trim() !== '' && theirs.has(normaliseText(language)))
}

/**
 * Scores `mentor` for `mentee` at `at` with the programme's `weights`. The reasons name every
 * part, in the order of the weights, e.g. "shares 2 subjects: Leadership, Product", "both in
 * fintech", "3 hours apart", "12 more years of experience".
 */
export function scoreMatch(
	mentee: MatchCandidate,
	mentor: MatchMentor,
	weights: MatchWeights,
	at: Date,
	constraints: MatchConstraints = {},
): MatchResult {
	return scoreInContext(mentee, mentor, createMatchContext(weights, at, constraints))
}

export function scoreInContext(mentee: MatchCandidate, mentor: MatchMentor, context: MatchContext): MatchResult {
	return checkHardConstraints(mentee, mentor, context) ?? scorePair(mentee, mentor, context, true)
}

function scorePair(mentee: MatchCandidate, mentor: MatchCandidate, context: MatchContext, withReasons: boolean): MatchScore {
	const { weights } = context
	const reasons: string[] = []

	const offered = new Set(mentor.subjects.map(normaliseText))
	const wanted = [...new Map(mentee.subjects.filter((s) => s.trim() !== '').map((s) => [normaliseText(s), s.trim()])).entries()]
	const shared = wanted.filter(([key]) => offered.has(key)).map(([, name]) => name)
	const subjects = subjectPoints(weights.subjects, shared.length, wanted.length)
	if (withReasons) reasons.push(describeSubjects(shared))

	let shares = 0
	const sameBackground: string[] = []
	for (const field of BACKGROUND_FIELDS) {
		const mine = normaliseText(mentee[field])
		if (mine === '' || mine !== normaliseText(mentor[field])) continue
		shares += BACKGROUND_SHARES[field]
		if (withReasons) sameBackground.push(describeBackground(field, mentee[field].trim().replace(/\s+/g, ' ')))
	}
	const background = backgroundPoints(weights.background, shares)
	if (withReasons) reasons.push(...(sameBackground.length ? sameBackground : ['no background in common']))

	const menteeOffset = offsetIn(context, mentee.timeZone)
	const mentorOffset = offsetIn(context, mentor.timeZone)
	const apart = menteeOffset === null || mentorOffset === null ? null : minutesApart(menteeOffset, mentorOffset)
	const timeZone = apart === null ? 0 : timeZonePoints(weights.timeZone, apart)
	if (withReasons) reasons.push(apart === null ? 'time zone unknown' : describeDistance(apart))

	const gap = mentor.yearsExperience - mentee.yearsExperience
	const seniority = seniorityPoints(weights.seniority, gap)
	if (withReasons) reasons.push(describeGap(gap))

	return { ok: true, score: subjects + background + timeZone + seniority, reasons, points: { subjects, background, timeZone, seniority } }
}

/** The score alone, for ranking many pairs; null when a hard constraint fails. */
export function scoreOnly(mentee: MatchCandidate, mentor: MatchMentor, context: MatchContext): number | null {
	return checkHardConstraints(mentee, mentor, context) ? null : scorePair(mentee, mentor, context, false).score
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`

function describeSubjects(shared: string[]): string {
	return shared.length === 0 ? 'no subjects in common' : `shares ${plural(shared.length, 'subject')}: ${shared.join(', ')}`
}

function describeBackground(field: BackgroundField, value: string): string {
	switch (field) {
		case 'industry':
			return `both in ${value}`
		case 'role':
			return `both work as ${value}`
		case 'department':
			return `both in the ${value} department`
		case 'location':
			return `both based in ${value}`
	}
}

function describeDistance(minutes: number): string {
	if (minutes === 0) return 'same local time'
	const hours = Math.floor(minutes / 60)
	const rest = minutes % 60
	const parts = [hours ? plural(hours, 'hour') : '', rest ? plural(rest, 'minute') : ''].filter(Boolean)
	return `${parts.join(' ')} apart`
}

function describeGap(gap: number): string {
	if (gap === 0) return 'same years of experience'
	return gap > 0 ? `${plural(gap, 'more year')} of experience` : `${plural(-gap, 'fewer year')} of experience`
}

export type Recommendation = { mentorId: string; score: number; reasons: string[]; points: MatchPoints }

/**
 * The `limit` best mentors for `mentee`, best first; a tie goes to the smaller mentor id, so the
 * list is the same whatever order the mentors come in. Mentors a hard constraint rules out are
 * absent. Only the listed ones get their reasons written.
 */
export function recommendMentors(
	mentee: MatchCandidate,
	mentors: readonly MatchMentor[],
	weights: MatchWeights,
	at: Date,
	limit: number,
	constraints: MatchConstraints = {},
): Recommendation[] {
	const context = createMatchContext(weights, at, constraints)
	const ranked: { mentor: MatchMentor; score: number }[] = []
	for (const mentor of mentors) {
		const score = scoreOnly(mentee, mentor, context)
		if (score !== null) ranked.push({ mentor, score })
	}
	ranked.sort((a, b) => b.score - a.score || compareIds(a.mentor.id, b.mentor.id))
	return ranked.slice(0, Math.max(0, limit)).map(({ mentor }) => {
		const { score, reasons, points } = scorePair(mentee, mentor, context, true)
		return { mentorId: mentor.id, score, reasons, points }
	})
}

/** Ids in code-unit order: the stable key for ties everywhere in matching. */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
