import { and, asc, count, desc, eq, inArray, not, notInArray, sql } from 'drizzle-orm'
import { getDb, type Executor, type Transaction } from '../../db/client'
import { FINAL_REGISTRATION_STATUSES, menteeProfiles, menteeSubjects, mentorProfiles, mentorSubjects, registrations, relationships, subjects, users } from '../../db/schema'
import { checkSelfRequest, DEFAULT_RECOMMENDATION_LIMIT, isMatchable, MATCHABLE_STATUSES, recommendationLimit, refusalOf, type MatchActor } from '../rules/match-requests'
import { DEFAULT_MATCH_WEIGHTS, ENDED_IN_PROGRAMME, recommendMentors, scoreMatch, type MatchCandidate, type MatchConstraints, type MatchMentor, type MatchRelationship, type MatchWeights } from '../rules/matching'
import { fitsAudience } from '../rules/programmes'
import { matchRequestKey } from '../rules/relationships'
import { DomainError } from '../utils/errors'
import { writeAudit } from './audit.server'
import { queueEmail } from './outbox.server'
import { findProgramme, standingIn, type Programme } from './programmes.server'
import { type Relationship } from './relationships.server'
import { ensure } from './session-lifecycle.server'

/**
 * Matching inside a programme: a mentee's recommendations and match requests (PRODUCT.md
 * "Relationships and matching"). The score and the hard constraints are the pure ones of
 * app/rules/matching.ts; this module loads what they read, one query per table whatever the number
 * of mentors, and writes the pending relationship a request makes.
 */

const LIVE = ['pending', 'confirmed'] as const

export type Person = MatchCandidate & { email: string }
type Mentor = MatchMentor & { email: string; slug: string; name: string }

/** "The weights are the programme's (defaults in the code)": each one the programme leaves out takes the default. */
export function weightsOf(programme: Programme): MatchWeights {
	const own = Object.entries(programme.weights ?? {}).filter(([, weight]) => typeof weight === 'number')
	return { ...DEFAULT_MATCH_WEIGHTS, ...Object.fromEntries(own) }
}

/** A relationship the constraints read, with the programme it belongs to (null for one outside programmes). */
export type RelatedPair = MatchRelationship & { programmeId?: string | null }

/**
 * The hard constraints in this programme. A relationship of this programme that ended keeps its
 * pair apart here from then on: "Ending it … puts the mentee back to searching with the old mentor
 * excluded from their recommendations" (and from its cohort assignments).
 */
export function constraintsFor(programme: Programme, people: Person[], related: readonly RelatedPair[] = []): MatchConstraints {
	const byId = new Map(people.map((p) => [p.id, p]))
	return {
		relationships: related.map(({ menteeId, mentorId, status, programmeId }) => ({
			menteeId,
			mentorId,
			status: status === 'ended' && programmeId === programme.id ? ENDED_IN_PROGRAMME : status,
		})),
		inAudience: (candidate, side) => {
			const p = byId.get(candidate.id)
			return (
				p !== undefined &&
				fitsAudience(programme.audience, side, {
					email: p.email,
					department: p.department,
					location: p.location,
				})
			)
		},
	}
}

/** Who is asking, for which mentee: the mentee themself, or an admin or coordinator of the programme naming one. */
async function resolveActor(db: Executor, programme: Programme, actorId: string, menteeId: string | undefined): Promise<{ actor: MatchActor; menteeId: string }> {
	if (await standingIn(db, programme.id, actorId)) {
		if (!menteeId)
			throw new DomainError('validation_failed', 'Name the mentee.', {
				mentee: ['Name the mentee this is for.'],
			})
		return { actor: 'coordinator', menteeId }
	}
	if (menteeId !== undefined && menteeId !== actorId) {
		throw new DomainError('not_allowed', "Only the mentee, the programme's coordinators and admins can match this mentee.")
	}
	return { actor: 'mentee', menteeId: actorId }
}

/** The mentee's open registration in the programme and their dossier; refused when there is none to match. */
async function loadMentee(db: Executor, programme: Programme, actor: MatchActor, menteeId: string) {
	const [row] = await db
		.select({
			status: registrations.status,
			user: { email: users.email, timeZone: users.timeZone },
			dossier: menteeProfiles,
		})
		.from(registrations)
		.innerJoin(users, eq(users.id, registrations.userId))
		.leftJoin(menteeProfiles, eq(menteeProfiles.userId, registrations.userId))
		.where(
			and(
				eq(registrations.programmeId, programme.id),
				eq(registrations.userId, menteeId),
				eq(registrations.role, 'mentee'),
				notInArray(registrations.status, [...FINAL_REGISTRATION_STATUSES]),
			),
		)
	if (!row || !isMatchable(row.status)) {
		if (actor === 'coordinator') {
			throw new DomainError('validation_failed', 'That person is no validated mentee of this programme.', { mentee: ['Name a mentee whose registration is validated and open.'] })
		}
		if (!row) throw new DomainError('not_allowed', "Only the programme's mentees, its coordinators and admins can do this.")
		throw new DomainError('not_searching', `Your registration is ${row.status.replace(/_/g, ' ')}: matching starts once a coordinator validates it.`)
	}
	const subjectRows = await db
		.select({ name: subjects.name })
		.from(menteeSubjects)
		.innerJoin(subjects, eq(subjects.slug, menteeSubjects.subjectSlug))
		.where(eq(menteeSubjects.userId, menteeId))
		.orderBy(asc(subjects.name))
	const d = row.dossier
	const mentee: Person = {
		id: menteeId,
		email: row.user.email,
		timeZone: row.user.timeZone,
		subjects: subjectRows.map((s) => s.name),
		industry: d?.industry ?? '',
		role: d?.role ?? '',
		department: d?.department ?? '',
		location: d?.location ?? '',
		languages: d?.languages ?? [],
		yearsExperience: d?.yearsExperience ?? 0,
	}
	return { mentee, status: row.status }
}

/**
 * The programme's candidate mentors (or the one named): validated, open mentor registrations, with
 * their remaining capacity ("capacity minus live relationships" of this programme; the
 * registration's capacity, else the dossier's). One query per table.
 */
export async function loadMentors(db: Executor, programme: Programme, only?: string): Promise<Mentor[]> {
	const ofProgramme = and(
		eq(registrations.programmeId, programme.id),
		eq(registrations.role, 'mentor'),
		inArray(registrations.status, [...MATCHABLE_STATUSES]),
		only ? eq(registrations.userId, only) : undefined,
	)
	const candidates = db.select({ id: registrations.userId }).from(registrations).where(ofProgramme)
	const [rows, live, subjectRows] = await Promise.all([
		db
			.select({
				capacity: registrations.capacity,
				user: {
					id: users.id,
					name: users.name,
					email: users.email,
					timeZone: users.timeZone,
				},
				dossier: mentorProfiles,
			})
			.from(registrations)
			.innerJoin(users, eq(users.id, registrations.userId))
			.innerJoin(mentorProfiles, eq(mentorProfiles.userId, registrations.userId))
			.where(ofProgramme),
		db
			.select({ mentorId: relationships.mentorId, n: count() })
			.from(relationships)
			.where(and(eq(relationships.programmeId, programme.id), inArray(relationships.status, [...LIVE]), inArray(relationships.mentorId, candidates)))
			.groupBy(relationships.mentorId),
		db
			.select({ userId: mentorSubjects.userId, name: subjects.name })
			.from(mentorSubjects)
			.innerJoin(subjects, eq(subjects.slug, mentorSubjects.subjectSlug))
			.where(inArray(mentorSubjects.userId, candidates)),
	])
	const liveOf = new Map(live.map((l) => [l.mentorId, l.n]))
	const subjectsOf = new Map<string, string[]>()
	for (const { userId, name } of subjectRows) subjectsOf.set(userId, [...(subjectsOf.get(userId) ?? []), name])
	return rows.map(({ capacity, user, dossier: d }) => ({
		id: user.id,
		name: user.name,
		email: user.email,
		slug: d.slug,
		timeZone: user.timeZone,
		subjects: subjectsOf.get(user.id) ?? [],
		industry: d.industry,
		role: d.role,
		department: d.department,
		location: d.location,
		languages: d.languages,
		yearsExperience: d.yearsExperience,
		remainingCapacity: (capacity ?? d.capacity) - (liveOf.get(user.id) ?? 0),
	}))
}

/** Every relationship the mentee has, in any programme or none: the hard constraints read the live and declined ones. */
const relationshipsOf = (db: Executor, menteeId: string) =>
	db
		.select({
			menteeId: relationships.menteeId,
			mentorId: relationships.mentorId,
			status: relationships.status,
			programmeId: relationships.programmeId,
		})
		.from(relationships)
		.where(eq(relationships.menteeId, menteeId))

export type RecommendationView = {
	mentor: { id: string; slug: string; name: string }
	score: number
	reasons: string[]
}

/** The mentee's best mentors in the programme, best first; those a hard constraint rules out are absent. */
export async function recommendationsFor(input: { slug: string; actorId: string; menteeId?: string; limit?: number; now: Date }): Promise<RecommendationView[]> {
	const db = getDb()
	const programme = await findProgramme(db, input.slug)
	const { actor, menteeId } = await resolveActor(db, programme, input.actorId, input.menteeId)
	const limit = input.limit ?? DEFAULT_RECOMMENDATION_LIMIT
	if (limit > recommendationLimit(actor)) {
		throw new DomainError('validation_failed', `Ask for at most ${recommendationLimit(actor)} recommendations.`, { limit: [`At most ${recommendationLimit(actor)}.`] })
	}
	const [{ mentee }, mentors, related] = await Promise.all([loadMentee(db, programme, actor, menteeId), loadMentors(db, programme), relationshipsOf(db, menteeId)])
	const byId = new Map(mentors.map((m) => [m.id, m]))
	return recommendMentors(mentee, mentors, weightsOf(programme), input.now, limit, constraintsFor(programme, [mentee, ...mentors], related)).map((r) => {
		const m = byId.get(r.mentorId)!
		return {
			mentor: { id: m.id, slug: m.slug, name: m.name },
			score: r.score,
			reasons: r.reasons,
		}
	})
}

/** How many mentees the coordinator's re-match list shows at once. */
export const REMATCH_LIST_LIMIT = 20

export type RematchView = {
	mentee: { id: string; name: string }
	/** The mentor of the relationship that ended, now kept apart from this mentee in the programme. */
	endedWith: { id: string; name: string }
	endedAt: string
	/** The mentee's best recommendation now, or null when no mentor fits. */
	best: RecommendationView | null
}

/**
 * "Coordinators … end it (a mentor who can no longer mentor) and re-match the mentee": the
 * programme's searching mentees whose relationship in it ended and who have no live one in it,
 * longest waiting first, each with their best recommendation for a one-click re-match.
 */
export async function menteesToRematch(input: { slug: string; actorId: string; now: Date }): Promise<{ mentees: RematchView[]; total: number }> {
	const db = getDb()
	const programme = await findProgramme(db, input.slug)
	if (!(await standingIn(db, programme.id, input.actorId))) throw new DomainError('not_allowed', "Only the programme's coordinators and admins re-match its mentees.")
	const ofProgramme = (status: readonly string[]) =>
		sql`exists (select 1 from ${relationships} where ${relationships.programmeId} = ${programme.id} and ${relationships.menteeId} = ${registrations.userId} and ${relationships.status} in (${sql.join(
			status.map((s) => sql`${s}`),
			sql`, `,
		)}))`
	const where = and(
		eq(registrations.programmeId, programme.id),
		eq(registrations.role, 'mentee'),
		eq(registrations.status, 'searching'),
		ofProgramme(['ended']),
		not(ofProgramme(LIVE)),
	)
	const endedAt = sql<Date>`(select max(${relationships.closedAt}) from ${relationships} where ${relationships.programmeId} = ${programme.id} and ${relationships.menteeId} = ${registrations.userId} and ${relationships.status} = 'ended')`
	const [waiting, [total]] = await Promise.all([
		db
			.select({ id: users.id, name: users.name })
			.from(registrations)
			.innerJoin(users, eq(users.id, registrations.userId))
			.where(where)
			.orderBy(asc(endedAt), asc(users.id))
			.limit(REMATCH_LIST_LIMIT),
		db.select({ n: count() }).from(registrations).where(where),
	])
	if (waiting.length === 0) return { mentees: [], total: 0 }
	const ended = await db
		.select({ menteeId: relationships.menteeId, mentor: { id: users.id, name: users.name }, closedAt: relationships.closedAt })
		.from(relationships)
		.innerJoin(users, eq(users.id, relationships.mentorId))
		.where(and(eq(relationships.programmeId, programme.id), eq(relationships.status, 'ended'), inArray(relationships.menteeId, waiting.map((w) => w.id))))
		.orderBy(desc(relationships.closedAt))
	const mentors = await loadMentors(db, programme)
	const byId = new Map(mentors.map((m) => [m.id, m]))
	const weights = weightsOf(programme)
	const mentees = await Promise.all(
		waiting.map(async (w): Promise<RematchView> => {
			const [{ mentee }, related] = await Promise.all([loadMentee(db, programme, 'coordinator', w.id), relationshipsOf(db, w.id)])
			const [top] = recommendMentors(mentee, mentors, weights, input.now, 1, constraintsFor(programme, [mentee, ...mentors], related))
			const last = ended.find((e) => e.menteeId === w.id)!
			const m = top ? byId.get(top.mentorId)! : null
			return {
				mentee: { id: w.id, name: w.name },
				endedWith: last.mentor,
				endedAt: (last.closedAt ?? input.now).toISOString(),
				best: top && m ? { mentor: { id: m.id, slug: m.slug, name: m.name }, score: top.score, reasons: top.reasons } : null,
			}
		}),
	)
	return { mentees, total: total?.n ?? 0 }
}

const isLivePairViolation = (error: unknown): boolean => {
	const e = error as {
		code?: string
		constraint_name?: string
		cause?: unknown
	} | null
	if (!e || typeof e !== 'object') return false
	return (e.code === '23505' && e.constraint_name === 'relationships_live_pair_unique') || (e.cause !== undefined && isLivePairViolation(e.cause))
}

/**
 * A match request makes a pending relationship of the programme. A mentee asking confirms their
 * own side and the mentor is asked; a coordinator's proposal is confirmed by neither, and both are
 * asked. The mentor's registration is locked first, so concurrent requests for one mentor count
 * their live relationships one after the other and never take more places than the capacity.
 */
export async function requestMatch(input: { slug: string; actorId: string; mentorId: string; menteeId?: string; now: Date }): Promise<Relationship> {
	return getDb().transaction(async (tx) => {
		const programme = await findProgramme(tx, input.slug)
		const { actor, menteeId } = await resolveActor(tx, programme, input.actorId, input.menteeId)
		return createMatch(tx, { programme, actor, actorId: input.actorId, menteeId, mentorId: input.mentorId, now: input.now })
	})
}

/**
 * One match's pending relationship, in the caller's transaction: a mentee's request or a
 * coordinator's proposal (one by one, or each pair of an applied cohort assignment). The hard
 * constraints are read again under the mentor's lock.
 */
export async function createMatch(
	tx: Transaction,
	input: { programme: Programme; actor: MatchActor; actorId: string; menteeId: string; mentorId: string; now: Date },
): Promise<Relationship> {
	const { programme, actor, menteeId } = input
	const { mentee, status } = await loadMentee(tx, programme, actor, menteeId)
	if (actor === 'mentee') ensure(checkSelfRequest(programme.matchingMode, status))
	const [locked] = await tx
		.select({ id: registrations.id })
		.from(registrations)
		.where(
			and(
				eq(registrations.programmeId, programme.id),
				eq(registrations.userId, input.mentorId),
				eq(registrations.role, 'mentor'),
				inArray(registrations.status, [...MATCHABLE_STATUSES]),
			),
		)
		.for('update')
	if (!locked) throw new DomainError('validation_failed', 'That person is no mentor of this programme.', { mentor: ['Name a mentor whose registration is validated and open.'] })
	const [[mentor], related] = await Promise.all([loadMentors(tx, programme, input.mentorId), relationshipsOf(tx, menteeId)])
	const result = scoreMatch(mentee, mentor!, weightsOf(programme), input.now, constraintsFor(programme, [mentee, mentor!], related))
	if (!result.ok) ensure(refusalOf(result.constraint, result.reason))

	const [created] = await tx
		.insert(relationships)
		.values({
			mentorId: mentor!.id,
			menteeId,
			status: 'pending',
			origin: 'programme',
			programmeId: programme.id,
			menteeConfirmedAt: actor === 'mentee' ? input.now : null,
			createdAt: input.now,
			updatedAt: input.now,
		})
		.returning()
		.catch((error: unknown) => {
			throw isLivePairViolation(error) ? new DomainError('already_related', 'These two already have a live relationship.') : error
		})
	const relationship = created!
	const names = new Map(
		(
			await tx
				.select({ id: users.id, name: users.name })
				.from(users)
				.where(inArray(users.id, [mentor!.id, menteeId]))
		).map((u) => [u.id, u.name]),
	)
	const asked =
		actor === 'mentee'
			? [{ id: mentor!.id, role: 'mentor' as const, otherId: menteeId }]
			: [
					{ id: mentor!.id, role: 'mentor' as const, otherId: menteeId },
					{ id: menteeId, role: 'mentee' as const, otherId: mentor!.id },
				]
	for (const person of asked) {
		await queueEmail(tx, {
			to: person.id,
			template: 'match_to_confirm',
			data: {
				role: person.role,
				otherPartyName: names.get(person.otherId) ?? 'Your match',
				proposedBy: actor === 'mentee' ? 'other_party' : 'admin',
				note: null,
			},
			dedupeKey: matchRequestKey(relationship.id, person.id),
		})
	}
	if (actor === 'coordinator') {
		await writeAudit(tx, {
			actorId: input.actorId,
			action: 'relationship.propose',
			subjectType: 'relationship',
			subjectId: relationship.id,
			details: {
				programmeId: programme.id,
				mentorId: mentor!.id,
				menteeId,
				score: result.ok ? result.score : null,
			},
			at: input.now,
		})
	}
	return relationship
}
