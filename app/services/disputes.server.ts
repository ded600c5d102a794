import { and, eq, gt, sql } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { bundles, payouts, sessions, users } from '../../db/schema'
import { DISPUTE_NOTE_MAX_LENGTH, effectOfDecision, type DisputeDecision } from '../rules/disputes'
import { DomainError } from '../utils/errors'
import { writeAudit } from './audit.server'
import { queueEmail } from './outbox.server'
import { sendPayoutOnItsWay } from './payouts.server'

/**
 * Disputed no-shows (app/rules/disputes.ts): the mentee of a paid session the mentor marked "mentee
 * did not show" disputes it within 48 hours, which holds its payout; an admin then decides, audited.
 * Each change locks the session's row and moves the payout only from the status it expects, so a
 * dispute and the job releasing undisputed payouts at the deadline never both succeed.
 */

function checkNote(note: string): string {
	const trimmed = note.trim()
	if (trimmed.length === 0) throw new DomainError('validation_failed', 'Say what happened.', { note: ['Say what happened.'] })
	if (trimmed.length > DISPUTE_NOTE_MAX_LENGTH) {
		throw new DomainError('validation_failed', 'The note is too long.', { note: [`Use at most ${DISPUTE_NOTE_MAX_LENGTH} characters.`] })
	}
	return trimmed
}

const timesOf = (s: { id: string; type: 'intro' | 'paid'; startsAt: Date; endsAt: Date }) => ({ id: s.id, type: s.type, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })

const adminsOf = async () => (await getDb().select({ id: users.id }).from(users).where(eq(users.isAdmin, true))).map((a) => a.id)

export async function disputeNoShow(input: { sessionId: string; actorId: string; note: string; now: Date }): Promise<void> {
	const note = checkNote(input.note)
	const admins = await adminsOf()
	await getDb().transaction(async (tx) => {
		const [session] = await tx.select().from(sessions).where(eq(sessions.id, input.sessionId)).for('update')
		if (!session) throw new DomainError('not_found', 'That session does not exist.')
		if (session.menteeId !== input.actorId) throw new DomainError('not_allowed', 'Only the mentee of a session may dispute its outcome.')
		if (session.type !== 'paid' || session.status !== 'no_show_mentee' || session.disputedAt) {
			throw new DomainError('invalid_transition', session.disputedAt ? 'This outcome is already disputed: an admin decides.' : 'Only a paid session marked "mentee did not show" can be disputed.')
		}
		const [held] = await tx
			.update(payouts)
			.set({ status: 'disputed', updatedAt: input.now })
			.where(and(eq(payouts.sessionId, session.id), eq(payouts.status, 'disputable'), gt(payouts.disputableUntil, input.now)))
			.returning({ id: payouts.id })
		if (!held) throw new DomainError('dispute_window_closed', 'The 48 hours to dispute this outcome have passed.')
		await tx.update(sessions).set({ disputedAt: input.now, disputeNote: note, updatedAt: input.now }).where(eq(sessions.id, session.id))
		const [mentor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, session.mentorId))
		const [mentee] = await tx.select({ name: users.name }).from(users).where(eq(users.id, session.menteeId))
		for (const admin of admins) {
			await queueEmail(tx, {
				to: admin,
				template: 'no_show_disputed',
				data: { mentorName: mentor!.name, menteeName: mentee!.name, session: timesOf(session), note },
			})
		}
	})
}

/** An admin decides a disputed no-show; both people are told. */
export async function decideDispute(input: { sessionId: string; adminId: string; decision: DisputeDecision; now: Date }): Promise<void> {
	await getDb().transaction(async (tx) => {
		const [session] = await tx.select().from(sessions).where(eq(sessions.id, input.sessionId)).for('update')
		if (!session) throw new DomainError('not_found', 'That session does not exist.')
		if (!session.disputedAt || session.disputeDecision) {
			throw new DomainError('invalid_transition', session.disputeDecision ? 'This dispute is already decided.' : 'This session’s outcome is not disputed.')
		}
		const effect = effectOfDecision(input.decision)
		await tx
			.update(sessions)
			.set({ status: effect.status, disputeDecision: input.decision, disputeDecidedAt: input.now, disputeDecidedBy: input.adminId, updatedAt: input.now })
			.where(eq(sessions.id, session.id))
		const [payout] = await tx.select({ id: payouts.id }).from(payouts).where(and(eq(payouts.sessionId, session.id), eq(payouts.status, 'disputed')))
		if (!payout) throw new Error(`disputed session ${session.id} has no held payout`)
		if (effect.payout === 'release') await sendPayoutOnItsWay(tx, { payoutId: payout.id, from: 'disputed' }, input.now)
		else await tx.update(payouts).set({ status: 'cancelled', updatedAt: input.now }).where(eq(payouts.id, payout.id))
		// The consumed credit goes back to the bundle it came from.
		if (effect.credit === 'returned' && session.bundleId) {
			await tx
				.update(bundles)
				.set({ creditsConsumed: sql`${bundles.creditsConsumed} - 1`, updatedAt: input.now })
				.where(eq(bundles.id, session.bundleId))
		}
		await writeAudit(tx, {
			actorId: input.adminId,
			action: 'session.dispute_decide',
			subjectType: 'session',
			subjectId: session.id,
			details: { decision: input.decision, note: session.disputeNote },
			at: input.now,
		})
		const [mentor] = await tx.select({ name: users.name }).from(users).where(eq(users.id, session.mentorId))
		const [mentee] = await tx.select({ name: users.name }).from(users).where(eq(users.id, session.menteeId))
		const times = timesOf(session)
		for (const [to, otherName, role] of [
			[session.menteeId, mentor!.name, 'mentee'],
			[session.mentorId, mentee!.name, 'mentor'],
		] as const) {
			await queueEmail(tx, { to, template: 'dispute_decided', data: { otherName, role, decision: input.decision, session: times } })
		}
	})
}

export type OpenDispute = { sessionId: string; mentorName: string; menteeName: string; startsAt: Date; endsAt: Date; disputedAt: Date; note: string; amountCents: number; currency: string }

/** Disputes waiting for an admin, oldest first. */
export async function listOpenDisputes(): Promise<OpenDispute[]> {
	return getDb()
		.select({
			sessionId: sessions.id,
			mentorName: sql<string>`(select name from ${users} where ${users.id} = ${sessions.mentorId})`,
			menteeName: sql<string>`(select name from ${users} where ${users.id} = ${sessions.menteeId})`,
			startsAt: sessions.startsAt,
			endsAt: sessions.endsAt,
			disputedAt: sql<Date>`${sessions.disputedAt}`.mapWith(sessions.disputedAt),
			note: sql<string>`${sessions.disputeNote}`,
			amountCents: payouts.amountCents,
			currency: payouts.currency,
		})
		.from(sessions)
		.innerJoin(payouts, eq(payouts.sessionId, sessions.id))
		.where(eq(payouts.status, 'disputed'))
		.orderBy(sessions.disputedAt)
}
