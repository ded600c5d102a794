import { aliasedTable, and, asc, count, eq, inArray, isNull, or } from 'drizzle-orm'
import { getDb, type Transaction } from '../../db/client'
import { menteeSubjects, mentorProfiles, profilePhotos, programmes, relationships, subjects, users } from '../../db/schema'
import * as rules from '../rules/relationships'
import { daysSince, isLapsed } from '../rules/reminders'
import { DomainError } from '../utils/errors'
import { writeAudit } from './audit.server'
import { standingIn } from './programmes.server'
import { returnToSearchingOnMatchEnded, startEngagementFromMatch } from './registrations.server'
import { queueEmail } from './outbox.server'
import { confirmedRelationships, latest } from './reminders.server'
import { ensure } from './session-lifecycle.server'

/**
 * Mentoring relationships between a mentor and a mentee: the two-way agreement each side confirms
 * or declines (PRODUCT.md "Relationships and matching"). Each change locks the row first, so two
 * answers to one relationship are decided one after the other.
 */

export type Relationship = typeof relationships.$inferSelect

const mentors = aliasedTable(users, 'mentor')
const mentees = aliasedTable(users, 'mentee')
const mentorPhotos = aliasedTable(profilePhotos, 'mentor_photo')
const menteePhotos = aliasedTable(profilePhotos, 'mentee_photo')

export type RelationshipItem = {
	id: string
	status: Relationship['status']
	origin: Relationship['origin']
	/** The viewer's side of it. */
	side: rules.RelationshipSide
	other: { id: string; name: string; photoVersion: string | null }
	mentorSlug: string | null
	mentorConfirmed: boolean
	menteeConfirmed: boolean
	createdAt: string
	/** For a declined or ended one: who closed it (the viewer, the other person, or an admin), when, and their note. */
	closed: { by: 'you' | 'them' | 'admin'; at: string; note: string | null } | null
}

/** The person's relationships on both sides: pending ones first, then confirmed ones, then the declined and ended ones as history. */
export async function listRelationships(userId: string): Promise<RelationshipItem[]> {
	const rows = await getDb()
		.select({
			r: relationships,
			mentor: { id: mentors.id, name: mentors.name, photoVersion: mentorPhotos.version },
			mentee: { id: mentees.id, name: mentees.name, photoVersion: menteePhotos.version },
			slug: mentorProfiles.slug,
		})
		.from(relationships)
		.innerJoin(mentors, eq(mentors.id, relationships.mentorId))
		.innerJoin(mentees, eq(mentees.id, relationships.menteeId))
		.leftJoin(mentorProfiles, eq(mentorProfiles.userId, relationships.mentorId))
		.leftJoin(mentorPhotos, eq(mentorPhotos.userId, relationships.mentorId))
		.leftJoin(menteePhotos, eq(menteePhotos.userId, relationships.menteeId))
		.where(or(eq(relationships.mentorId, userId), eq(relationships.menteeId, userId)))
		.orderBy(asc(relationships.createdAt), asc(relationships.id))
	const rank = { pending: 0, confirmed: 1, ended: 2, declined: 2 } as const
	rows.sort((a, b) => rank[a.r.status] - rank[b.r.status] || (b.r.closedAt?.getTime() ?? 0) - (a.r.closedAt?.getTime() ?? 0))
	return rows.map(({ r, mentor, mentee, slug }) => {
		const side = r.mentorId === userId ? 'mentor' : 'mentee'
		return {
			id: r.id,
			status: r.status,
			origin: r.origin,
			side,
			other: side === 'mentor' ? mentee : mentor,
			mentorSlug: slug,
			mentorConfirmed: r.mentorConfirmedAt !== null,
			menteeConfirmed: r.menteeConfirmedAt !== null,
			createdAt: r.createdAt.toISOString(),
			closed:
				r.status === 'ended' || r.status === 'declined'
					? {
							by: r.closedBy === userId ? 'you' : r.closedBy === r.mentorId || r.closedBy === r.menteeId ? 'them' : 'admin',
							at: (r.closedAt ?? r.updatedAt).toISOString(),
							note: r.closingNote,
						}
					: null,
		}
	})
}

/** How many pending relationships wait for this person's own confirmation, on either side. */
export async function countRelationshipsAwaitingAnswer(userId: string): Promise<number> {
	const [row] = await getDb()
		.select({ n: count() })
		.from(relationships)
		.where(
			and(
				eq(relationships.status, 'pending'),
				or(and(eq(relationships.mentorId, userId), isNull(relationships.mentorConfirmedAt)), and(eq(relationships.menteeId, userId), isNull(relationships.menteeConfirmedAt))),
			),
		)
	return row?.n ?? 0
}

async function loadForAnswer(tx: Transaction, relationshipId: string, actorId: string) {
	const [relationship] = await tx.select().from(relationships).where(eq(relationships.id, relationshipId)).for('update')
	if (!relationship) throw new DomainError('not_found', 'That relationship does not exist.')
	const side = rules.sideOf(relationship, actorId)
	ensure(rules.checkParty(side))
	ensure(rules.checkPending(relationship.status))
	return { relationship, side: side! }
}

export type RelationshipAnswer = { relationshipId: string; actorId: string; now: Date }

/**
 * One side confirms. It turns `confirmed` once both have; until then the other side is asked, once:
 * a mentee asked by the mentor's intro decision, or anyone asked by an admin's proposal, is not asked again.
 */
export async function confirmRelationship(input: RelationshipAnswer): Promise<Relationship> {
	return getDb().transaction(async (tx) => {
		const { relationship, side } = await loadForAnswer(tx, input.relationshipId, input.actorId)
		const next = rules.afterConfirmation(relationship, side, input.now)
		const [updated] = await tx
			.update(relationships)
			.set({
				mentorConfirmedAt: next.mentorConfirmedAt,
				menteeConfirmedAt: next.menteeConfirmedAt,
				status: next.confirmed ? 'confirmed' : 'pending',
				updatedAt: input.now,
			})
			.where(eq(relationships.id, relationship.id))
			.returning()
		if (next.confirmed && relationship.programmeId) {
			await startEngagementFromMatch(tx, { programmeId: relationship.programmeId, mentorId: relationship.mentorId, menteeId: relationship.menteeId, now: input.now })
		}
		if (next.confirmed) await tellBothConfirmed(tx, relationship)
		const otherSide = side === 'mentor' ? 'mentee' : 'mentor'
		const askedByIntroDecision = relationship.origin === 'intro' && otherSide === 'mentee'
		if (!next.confirmed && relationship.origin !== 'admin' && !askedByIntroDecision) {
			const otherId = otherSide === 'mentor' ? relationship.mentorId : relationship.menteeId
			const [actor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.actorId))
			await queueEmail(tx, {
				to: otherId,
				template: 'match_to_confirm',
				data: { role: otherSide, otherPartyName: actor?.name ?? 'Your match', proposedBy: 'other_party', note: null },
				dedupeKey: rules.matchRequestKey(relationship.id, otherId),
			})
		}
		return updated!
	})
}

/** "relationship confirmed": both people hear it started, and what to do next. */
async function tellBothConfirmed(tx: Transaction, relationship: Relationship) {
	const people = await tx
		.select({ id: users.id, name: users.name, slug: mentorProfiles.slug })
		.from(users)
		.leftJoin(mentorProfiles, eq(mentorProfiles.userId, users.id))
		.where(inArray(users.id, [relationship.mentorId, relationship.menteeId]))
	const mentor = people.find((p) => p.id === relationship.mentorId)!
	const mentee = people.find((p) => p.id === relationship.menteeId)!
	const [programme] = relationship.programmeId ? await tx.select({ name: programmes.name }).from(programmes).where(eq(programmes.id, relationship.programmeId)) : []
	for (const [to, role, other] of [
		[mentee.id, 'mentee', mentor.name],
		[mentor.id, 'mentor', mentee.name],
	] as const) {
		await queueEmail(tx, {
			to,
			template: 'relationship_confirmed',
			data: { role, otherPartyName: other, mentorSlug: mentor.slug, programmeName: programme?.name ?? null },
			dedupeKey: `relationship_confirmed:${relationship.id}:${to}`,
		})
	}
}

/** One side declines while pending, optionally saying why; the other side is told. */
export async function declineRelationship(input: RelationshipAnswer & { note?: string | null }): Promise<Relationship> {
	const note = input.note?.trim() || null
	if (note && note.length > rules.NOTE_MAX_LENGTH) {
		throw new DomainError('validation_failed', 'The note is too long.', { note: [`Use at most ${rules.NOTE_MAX_LENGTH} characters.`] })
	}
	return getDb().transaction(async (tx) => {
		const { relationship, side } = await loadForAnswer(tx, input.relationshipId, input.actorId)
		const [updated] = await tx
			.update(relationships)
			.set({ status: 'declined', closedBy: input.actorId, closingNote: note, closedAt: input.now, updatedAt: input.now })
			.where(eq(relationships.id, relationship.id))
			.returning()
		const otherId = side === 'mentor' ? relationship.menteeId : relationship.mentorId
		const [actor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.actorId))
		await queueEmail(tx, {
			to: otherId,
			template: 'relationship_declined',
			data: { role: side === 'mentor' ? 'mentee' : 'mentor', otherPartyName: actor?.name ?? 'Your match', note },
		})
		return updated!
	})
}

export type LapsedRelationship = {
	id: string
	mentor: { id: string; name: string; slug: string | null }
	mentee: { id: string; name: string; subjects: { slug: string; name: string }[] }
	lastCompletedAt: string | null
	daysSince: number
}

/** The admins' follow-up list: confirmed relationships with no completed session in 45 days, longest-lapsed first. */
export async function listLapsedRelationships(now: Date): Promise<LapsedRelationship[]> {
	// The same rule the lapsed-relationship alert follows, so the email and this list always agree.
	const lapsed = (await confirmedRelationships(now))
		.map((r) => ({ r, since: latest(r.confirmed_at, r.last_completed_at) }))
		.filter(({ since }) => isLapsed(since, now))
		.sort((a, b) => a.since.getTime() - b.since.getTime())
	const menteeIds = [...new Set(lapsed.map(({ r }) => r.mentee_id))]
	const subjectRows =
		menteeIds.length > 0
			? await getDb()
					.select({ userId: menteeSubjects.userId, slug: subjects.slug, name: subjects.name })
					.from(menteeSubjects)
					.innerJoin(subjects, eq(subjects.slug, menteeSubjects.subjectSlug))
					.where(inArray(menteeSubjects.userId, menteeIds))
					.orderBy(asc(subjects.name))
			: []
	return lapsed.map(({ r, since }) => ({
		id: r.id,
		mentor: { id: r.mentor_id, name: r.mentor_name, slug: r.mentor_slug },
		mentee: { id: r.mentee_id, name: r.mentee_name, subjects: subjectRows.filter((s) => s.userId === r.mentee_id).map(({ slug, name }) => ({ slug, name })) },
		lastCompletedAt: r.last_completed_at ? new Date(r.last_completed_at).toISOString() : null,
		daysSince: daysSince(since, now),
	}))
}

/**
 * Ends a confirmed relationship: either of its two people (with an optional note), or an admin or,
 * for a programme's relationship, one of its coordinators (a lapsed one, or one that is not a good
 * fit, before re-matching the mentee; the reason is required and audited). A programme's
 * relationship sends its people back to searching in the same transaction, and the pair is kept
 * apart in that programme's matching from then on (the ended relationship is what rules it out).
 */
export async function endRelationship(input: { relationshipId: string; actorId: string; reason?: string | null; now: Date }): Promise<Relationship> {
	const note = input.reason?.trim() ?? ''
	return getDb().transaction(async (tx) => {
		const [relationship] = await tx.select().from(relationships).where(eq(relationships.id, input.relationshipId)).for('update')
		if (!relationship) throw new DomainError('not_found', 'That relationship does not exist.')
		const side = rules.sideOf(relationship, input.actorId)
		// A programme's coordinators end its relationships as an admin does (a match that is not a good fit).
		const [actor] = await tx.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, input.actorId))
		const staff = (actor?.isAdmin ?? false) || (relationship.programmeId !== null && (await standingIn(tx, relationship.programmeId, input.actorId)) !== null)
		ensure(rules.checkCanEnd({ side, isAdmin: staff, status: relationship.status, note }))
		const [updated] = await tx
			.update(relationships)
			.set({ status: 'ended', closedBy: input.actorId, closingNote: note || null, closedAt: input.now, updatedAt: input.now })
			.where(eq(relationships.id, relationship.id))
			.returning()
		if (relationship.programmeId) {
			await returnToSearchingOnMatchEnded(tx, {
				programmeId: relationship.programmeId,
				relationshipId: relationship.id,
				mentorId: relationship.mentorId,
				menteeId: relationship.menteeId,
				now: input.now,
			})
		}
		if (!side) {
			await writeAudit(tx, {
				actorId: input.actorId,
				action: 'relationship.end',
				subjectType: 'relationship',
				subjectId: relationship.id,
				details: { reason: note, mentorId: relationship.mentorId, menteeId: relationship.menteeId },
				at: input.now,
			})
		}
		await emailRelationshipEnded(tx, updated!, side ? input.actorId : null)
		return updated!
	})
}

/** Both people are told, each with the other's name; an admin is named as Mentora's team (`endedBy` null). */
async function emailRelationshipEnded(tx: Transaction, relationship: Relationship, endedBy: string | null) {
	const people = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [relationship.mentorId, relationship.menteeId]))
	const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? 'Your match'
	const [programme] = relationship.programmeId
		? await tx.select({ slug: programmes.slug, name: programmes.name }).from(programmes).where(eq(programmes.id, relationship.programmeId))
		: []
	for (const [role, to, otherId] of [
		['mentor', relationship.mentorId, relationship.menteeId],
		['mentee', relationship.menteeId, relationship.mentorId],
	] as const) {
		await queueEmail(tx, {
			to,
			template: 'relationship_ended',
			data: {
				role,
				otherPartyName: nameOf(otherId),
				endedBy: endedBy === null ? 'team' : endedBy === to ? 'you' : 'other_party',
				note: relationship.closingNote,
				endedAt: (relationship.closedAt ?? relationship.updatedAt).toISOString(),
				programme: programme ?? null,
			},
		})
	}
}
