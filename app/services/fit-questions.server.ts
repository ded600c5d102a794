import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm'
import { type Executor } from '../../db/client'
import { programmes, relationships, sessions } from '../../db/schema'
import { FIT_OPEN_STATUSES } from '../rules/relationship-fit'

/**
 * Which session "is this a good fit?" follows, read where a session's emails are written too (so
 * this module imports no service: the booking emails depend on it).
 */

/** The first completed session of the pair since the relationship began (the one the question follows). */
export function firstCompletedSession(db: Executor, relationship: { mentorId: string; menteeId: string; createdAt: Date }) {
	return db
		.select({ id: sessions.id })
		.from(sessions)
		.where(
			and(
				eq(sessions.mentorId, relationship.mentorId),
				eq(sessions.menteeId, relationship.menteeId),
				eq(sessions.status, 'completed'),
				gte(sessions.startsAt, relationship.createdAt),
			),
		)
		.orderBy(asc(sessions.startsAt), asc(sessions.id))
		.limit(1)
}

/**
 * The programme whose fit question this completed session opens: the name of the programme of a
 * live relationship of the pair whose first completed session it is, else null.
 */
export async function fitAskedAfter(db: Executor, session: { id: string; mentorId: string; menteeId: string; startsAt: Date }): Promise<string | null> {
	const live = await db
		.select({ relationship: relationships, programmeName: programmes.name })
		.from(relationships)
		.innerJoin(programmes, eq(programmes.id, relationships.programmeId))
		.where(
			and(
				eq(relationships.mentorId, session.mentorId),
				eq(relationships.menteeId, session.menteeId),
				inArray(relationships.status, [...FIT_OPEN_STATUSES]),
				lte(relationships.createdAt, session.startsAt),
			),
		)
	for (const { relationship, programmeName } of live) {
		const [first] = await firstCompletedSession(db, relationship)
		if (first?.id === session.id) return programmeName
	}
	return null
}
