import { aliasedTable, and, asc, eq, inArray, sql } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { programmes, relationshipFit, relationships, users, type FitAnswer } from '../../db/schema'
import { FIT_OPEN_STATUSES, fitVerdict } from '../rules/relationship-fit'
import { DomainError } from '../utils/errors'
import { endRelationship } from './relationships.server'
import { standingIn } from './programmes.server'
import { firstCompletedSession } from './fit-questions.server'
import { ensure } from './session-lifecycle.server'

/**
 * "Is this a good fit?" after the first completed session of a programme relationship: each side
 * answers once and may change it while the relationship is live; a "not a good fit" puts the
 * relationship on the programme coordinators' follow-up list, where one click ends it and sends the
 * mentee back to searching.
 */

export const NOT_A_GOOD_FIT_NOTE = 'The programme’s coordinator ended this match after the fit check-in, to find a better one.'

export type Fit = { relationshipId: string; answer: FitAnswer; answeredAt: string }

/**
 * Saves this person's answer, or changes it: `created` tells which. The relationship row is read
 * under a share lock (ending it waits), and the unique index makes two answers at once one row.
 */
export async function answerFit(input: { relationshipId: string; raterId: string; answer: FitAnswer; now: Date }): Promise<{ fit: Fit; created: boolean }> {
	return getDb().transaction(async (tx) => {
		const [relationship] = await tx.select().from(relationships).where(eq(relationships.id, input.relationshipId)).for('share')
		if (!relationship) throw new DomainError('not_found', 'That relationship does not exist.')
		const [first] = await firstCompletedSession(tx, relationship)
		ensure(fitVerdict(relationship, input.raterId, Boolean(first)))
		const [row] = await tx
			.insert(relationshipFit)
			.values({ relationshipId: relationship.id, raterId: input.raterId, answer: input.answer, answeredAt: input.now, createdAt: input.now })
			.onConflictDoUpdate({ target: [relationshipFit.relationshipId, relationshipFit.raterId], set: { answer: input.answer, answeredAt: input.now } })
			.returning({ answer: relationshipFit.answer, answeredAt: relationshipFit.answeredAt, created: sql<boolean>`xmax = 0` })
		return { fit: { relationshipId: relationship.id, answer: row!.answer, answeredAt: row!.answeredAt.toISOString() }, created: row!.created }
	})
}

export type FitQuestion = { relationshipId: string; programmeName: string; myAnswer: FitAnswer | null }

/**
 * For My sessions: the question beside the first completed session of each of the viewer's live
 * programme relationships, by session id, with the viewer's answer so far. A relationship with no
 * completed session yet has it asked beside the confirmation of one of `awaiting` (the mentor's
 * sessions waiting for their outcome), to answer as the session is confirmed.
 */
export async function fitQuestionsFor(userId: string, awaiting: readonly { id: string; start: string; mentor: { id: string }; mentee: { id: string } }[] = []) {
	const db = getDb()
	const live = await db
		.select({ relationship: relationships, programmeName: programmes.name, myAnswer: relationshipFit.answer })
		.from(relationships)
		.innerJoin(programmes, eq(programmes.id, relationships.programmeId))
		.leftJoin(relationshipFit, and(eq(relationshipFit.relationshipId, relationships.id), eq(relationshipFit.raterId, userId)))
		.where(and(inArray(relationships.status, [...FIT_OPEN_STATUSES]), sql`(${relationships.mentorId} = ${userId} or ${relationships.menteeId} = ${userId})`))
	const completed = new Map<string, FitQuestion>()
	const onConfirm = new Map<string, FitQuestion>()
	for (const { relationship, programmeName, myAnswer } of live) {
		const question = { relationshipId: relationship.id, programmeName, myAnswer }
		const [first] = await firstCompletedSession(db, relationship)
		if (first) {
			completed.set(first.id, question)
			continue
		}
		const pending = awaiting.find(
			(s) => s.mentor.id === relationship.mentorId && s.mentee.id === relationship.menteeId && new Date(s.start) >= relationship.createdAt,
		)
		if (pending) onConfirm.set(pending.id, question)
	}
	return { completed, onConfirm }
}

const mentors = aliasedTable(users, 'mentor')
const mentees = aliasedTable(users, 'mentee')
const raters = aliasedTable(users, 'rater')

export type NotGoodFit = {
	relationshipId: string
	status: 'pending' | 'confirmed'
	mentor: { id: string; name: string }
	mentee: { id: string; name: string }
	/** Who said so (one line each when both did), and when. */
	saidBy: { side: 'mentor' | 'mentee'; name: string; at: string }[]
}

/** The programme's live relationships one of its people called "not a good fit", longest waiting first. */
export async function notGoodFits(input: { programmeId: string; actorId: string }): Promise<NotGoodFit[]> {
	const db = getDb()
	if (!(await standingIn(db, input.programmeId, input.actorId))) throw new DomainError('not_allowed', "Only the programme's coordinators and admins follow its relationships.")
	const rows = await db
		.select({
			relationshipId: relationships.id,
			status: relationships.status,
			mentor: { id: mentors.id, name: mentors.name },
			mentee: { id: mentees.id, name: mentees.name },
			raterId: raters.id,
			raterName: raters.name,
			answeredAt: relationshipFit.answeredAt,
		})
		.from(relationshipFit)
		.innerJoin(relationships, eq(relationships.id, relationshipFit.relationshipId))
		.innerJoin(mentors, eq(mentors.id, relationships.mentorId))
		.innerJoin(mentees, eq(mentees.id, relationships.menteeId))
		.innerJoin(raters, eq(raters.id, relationshipFit.raterId))
		.where(and(eq(relationships.programmeId, input.programmeId), inArray(relationships.status, [...FIT_OPEN_STATUSES]), eq(relationshipFit.answer, 'not_a_good_fit')))
		.orderBy(asc(relationshipFit.answeredAt), asc(relationships.id))
	const byRelationship = new Map<string, NotGoodFit>()
	for (const row of rows) {
		const item = byRelationship.get(row.relationshipId) ?? {
			relationshipId: row.relationshipId,
			status: row.status as NotGoodFit['status'],
			mentor: row.mentor,
			mentee: row.mentee,
			saidBy: [],
		}
		item.saidBy.push({ side: row.raterId === row.mentor.id ? 'mentor' : 'mentee', name: row.raterName, at: row.answeredAt.toISOString() })
		byRelationship.set(row.relationshipId, item)
	}
	return [...byRelationship.values()]
}

/**
 * The coordinator's one click on a "not a good fit": the relationship ends (audited, both people
 * emailed) and the mentee goes back to searching, where "Needs a new match" offers the best mentor.
 */
export async function endNotGoodFit(input: { programmeId: string; relationshipId: string; actorId: string; now: Date }) {
	const listed = await notGoodFits({ programmeId: input.programmeId, actorId: input.actorId })
	const item = listed.find((r) => r.relationshipId === input.relationshipId)
	if (!item) throw new DomainError('not_found', 'That relationship is not on this programme’s "not a good fit" list.')
	// The note reaches both people: it names no one, so the answers stay between each person and the coordinator.
	return endRelationship({ relationshipId: item.relationshipId, actorId: input.actorId, reason: NOT_A_GOOD_FIT_NOTE, now: input.now })
}
