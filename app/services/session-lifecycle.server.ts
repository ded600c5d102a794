import { and, eq, lte, sql } from 'drizzle-orm'
import { getDb, type Transaction } from '../../db/client'
import { bundles, relationships, sessions, users, type IntroDecision } from '../../db/schema'
import * as rules from '../rules/booking-rules'
import { DomainError } from '../utils/errors'
import { writeAudit } from './audit.server'
import { registerBookingEmails } from './booking-emails.server'
import { publishBookingEvent } from './booking-events.server'
import { registerPayoutHooks } from './payouts.server'

/**
 * What happens to a session after it is booked: review, cancellation, confirmation, and the
 * changes time makes by itself. Each is one transaction; a change to one session locks its row first,
 * so two clicks on the same session are decided one after the other.
 */

export type Session = typeof sessions.$inferSelect

// Every process that can change a session (web server, worker, tests) loads this module, so the
// emails those changes send are subscribed here, once.
registerBookingEmails()
// Likewise the payout a confirmed paid session is due, in the confirmation's transaction.
registerPayoutHooks()

/** Turns a rule's refusal into the DomainError the caller sees; the transaction then writes nothing. */
export function ensure(verdict: rules.Verdict): void {
	if (!verdict.ok) throw new DomainError(verdict.code, verdict.message, verdict.fields)
}

async function releaseCredit(tx: Transaction, bundleId: string, effect: 'consume' | 'return', now: Date) {
	await tx
		.update(bundles)
		.set({
			creditsReserved: sql`${bundles.creditsReserved} - 1`,
			creditsConsumed: effect === 'consume' ? sql`${bundles.creditsConsumed} + 1` : bundles.creditsConsumed,
			updatedAt: now,
		})
		.where(eq(bundles.id, bundleId))
}

/** The session, locked for this transaction, and who the acting user is to it. */
async function loadForChange(tx: Transaction, sessionId: string, actorId: string) {
	const [session] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for('update')
	const [user] = await tx.select({ id: users.id, isAdmin: users.isAdmin }).from(users).where(eq(users.id, actorId))
	if (!session || !user) throw new DomainError('not_found', 'That session does not exist.')
	return { session, actor: rules.actorOf(session, user) }
}

async function setSession(tx: Transaction, sessionId: string, values: Partial<typeof sessions.$inferInsert>): Promise<Session> {
	const [updated] = await tx.update(sessions).set(values).where(eq(sessions.id, sessionId)).returning()
	if (!updated) throw new Error('session vanished while locked')
	return updated
}

export type SessionChange = { sessionId: string; actorId: string; now: Date }

/** The mentor accepts an intro invitation before its start; it becomes a scheduled session. */
export async function acceptInvitation(input: SessionChange): Promise<Session> {
	return getDb().transaction(async (tx) => {
		const { session, actor } = await loadForChange(tx, input.sessionId, input.actorId)
		ensure(rules.checkActor('accept', actor))
		ensure(rules.checkTransition(session.status, 'scheduled'))
		ensure(rules.checkInvitationOpen(session.startsAt, input.now))
		const updated = await setSession(tx, session.id, { status: 'scheduled', updatedAt: input.now })
		await publishBookingEvent(tx, { type: 'invitation_accepted', sessionId: session.id })
		return updated
	})
}

/** The mentor declines an intro invitation, telling the mentee why. */
export async function rejectInvitation(input: SessionChange & { reason: string }): Promise<Session> {
	const reason = input.reason.trim()
	if (!reason) {
		throw new DomainError('validation_failed', 'Tell the mentee why you decline.', { reason: ['Give a reason for declining.'] })
	}
	return getDb().transaction(async (tx) => {
		const { session, actor } = await loadForChange(tx, input.sessionId, input.actorId)
		ensure(rules.checkActor('reject', actor))
		ensure(rules.checkTransition(session.status, 'rejected'))
		ensure(rules.checkInvitationOpen(session.startsAt, input.now))
		const updated = await setSession(tx, session.id, { status: 'rejected', rejectionReason: reason, updatedAt: input.now })
		await publishBookingEvent(tx, { type: 'invitation_rejected', sessionId: session.id })
		return updated
	})
}

/** Mentee or mentor cancel up to 24 hours ahead, an admin at any time with a reason; a paid session's credit comes back. */
export async function cancelSession(input: SessionChange & { reason?: string | null }): Promise<Session> {
	return getDb().transaction(async (tx) => {
		const { session, actor } = await loadForChange(tx, input.sessionId, input.actorId)
		ensure(rules.checkActor('cancel', actor))
		ensure(rules.checkTransition(rules.effectiveStatus(session, input.now), 'cancelled'))
		ensure(rules.checkCancellation({ startsAt: session.startsAt, now: input.now, actor, reason: input.reason }))
		const updated = await setSession(tx, session.id, {
			status: 'cancelled',
			cancelledBy: input.actorId,
			cancellationReason: input.reason?.trim() || null,
			updatedAt: input.now,
		})
		if (session.bundleId) await releaseCredit(tx, session.bundleId, rules.creditEffect('cancelled'), input.now)
		// "Every admin action is written to an audit log": an admin cancelling (perhaps overriding the 24 hours) is one.
		if (actor === 'admin') {
			await writeAudit(tx, {
				actorId: input.actorId,
				action: 'session.cancel',
				subjectType: 'session',
				subjectId: session.id,
				details: { reason: input.reason?.trim() ?? null, status: session.status, startsAt: session.startsAt.toISOString() },
				at: input.now,
			})
		}
		await publishBookingEvent(tx, { type: 'session_cancelled', sessionId: session.id })
		return updated
	})
}

export type ConfirmInput = SessionChange & { outcome: rules.Outcome; decision?: IntroDecision | null }

/**
 * After a session ends, the mentor (or an admin) records what happened. A paid session's credit is
 * consumed or returned; an intro the mentor approves for continuation opens a pending relationship.
 */
export async function confirmSession(input: ConfirmInput): Promise<{ session: Session; relationshipId: string | null }> {
	return getDb().transaction(async (tx) => {
		const { session, actor } = await loadForChange(tx, input.sessionId, input.actorId)
		ensure(rules.checkActor('confirm', actor))
		ensure(rules.checkTransition(rules.effectiveStatus(session, input.now), input.outcome))
		ensure(rules.checkConfirmation(session.type, input.decision))
		const updated = await setSession(tx, session.id, {
			status: input.outcome,
			introDecision: input.decision ?? null,
			updatedAt: input.now,
		})
		// "Every admin action is written to an audit log": an admin confirming for a quiet mentor is one.
		if (actor === 'admin') {
			await writeAudit(tx, {
				actorId: input.actorId,
				action: 'session.confirm',
				subjectType: 'session',
				subjectId: session.id,
				details: { outcome: input.outcome, decision: input.decision ?? null },
				at: input.now,
			})
		}
		const effect = rules.creditEffect(input.outcome)
		if (session.bundleId) await releaseCredit(tx, session.bundleId, effect, input.now)
		await publishBookingEvent(tx, { type: 'session_confirmed', sessionId: session.id, payoutDue: session.type === 'paid' && effect === 'consume' })

		let relationshipId: string | null = null
		if (input.decision === 'approve_continuation') {
			relationshipId = await openRelationship(tx, session, input.now)
			if (relationshipId) await publishBookingEvent(tx, { type: 'continuation_approved', sessionId: session.id, relationshipId })
		}
		return { session: updated, relationshipId }
	})
}

/** The mentor's approval is their side of the two-way agreement; the mentee still has to confirm. */
async function openRelationship(tx: Transaction, session: Session, now: Date): Promise<string | null> {
	const [created] = await tx
		.insert(relationships)
		.values({
			mentorId: session.mentorId,
			menteeId: session.menteeId,
			status: 'pending',
			origin: 'intro',
			mentorConfirmedAt: now,
			createdAt: now,
			updatedAt: now,
		})
		.onConflictDoNothing({
			target: [relationships.mentorId, relationships.menteeId],
			where: sql`status in ('pending', 'confirmed')`,
		})
		.returning({ id: relationships.id })
	return created?.id ?? null
}

export const AGENDA_MAX_LENGTH = 2000

/**
 * Either party sets or edits the agenda of a session still to come (an invitation or a scheduled
 * session); an empty one clears it. The 24-hour reminder carries it to both.
 */
export async function setAgenda(input: SessionChange & { agenda: string | null }): Promise<Session> {
	const agenda = input.agenda?.trim() || null
	if (agenda && agenda.length > AGENDA_MAX_LENGTH) {
		throw new DomainError('validation_failed', 'The agenda is too long.', { agenda: [`Use at most ${AGENDA_MAX_LENGTH} characters.`] })
	}
	return getDb().transaction(async (tx) => {
		const { session, actor } = await loadForChange(tx, input.sessionId, input.actorId)
		if (actor !== 'mentor' && actor !== 'mentee') throw new DomainError('not_allowed', 'Only the mentor and the mentee of a session may set its agenda.')
		const status = rules.effectiveStatus(session, input.now)
		const toCome = (status === 'pending' && session.startsAt > input.now) || status === 'scheduled'
		if (!toCome) throw new DomainError('invalid_transition', 'The agenda can be set only for an invitation or a scheduled session still to come.')
		return setSession(tx, session.id, { agenda, updatedAt: input.now })
	})
}

/** Scheduled sessions whose end has passed now await the mentor's confirmation. Running it twice changes nothing more. */
export async function markEndedSessionsAwaitingConfirmation(now: Date): Promise<string[]> {
	return getDb().transaction(async (tx) => {
		const moved = await tx
			.update(sessions)
			.set({ status: 'awaiting_confirmation', updatedAt: now })
			.where(and(eq(sessions.status, 'scheduled'), lte(sessions.endsAt, now)))
			.returning({ id: sessions.id })
		const sessionIds = moved.map((s) => s.id)
		if (sessionIds.length > 0) await publishBookingEvent(tx, { type: 'awaiting_confirmation', sessionIds })
		return sessionIds
	})
}

/** "one not reviewed by its start time expires". Running it twice changes nothing more. */
export async function expireUnreviewedInvitations(now: Date): Promise<string[]> {
	return getDb().transaction(async (tx) => {
		const expired = await tx
			.update(sessions)
			.set({ status: 'expired', updatedAt: now })
			.where(and(eq(sessions.status, 'pending'), lte(sessions.startsAt, now)))
			.returning({ id: sessions.id })
		const sessionIds = expired.map((s) => s.id)
		if (sessionIds.length > 0) await publishBookingEvent(tx, { type: 'invitations_expired', sessionIds })
		return sessionIds
	})
}
