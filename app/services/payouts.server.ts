import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import { getDb, type Transaction } from '../../db/client'
import { bundles, PAYOUT_STATUSES, payouts, sessions, stripeAccounts, users, type PayoutStatus } from '../../db/schema'
import { notifyPayoutReleasedJob } from '../../jobs/notify-payout-released'
import { releasePayoutJob } from '../../jobs/release-payout'
import { enqueue } from '../../jobs/queue.server'
import { disputableUntil } from '../rules/disputes'
import { formatMoney, mentorShareCents, perSessionCents } from '../rules/money'
import { DomainError } from '../utils/errors'
import { writeAudit } from './audit.server'
import { onBookingEvent } from './booking-events.server'
import { notifyPayoutReleased } from './payment-emails.server'
import { getStripe, isRateLimitError, type Stripe } from './stripe.server'

/**
 * Payouts: "each confirmed session transfers the mentor's share … exactly once: one payout row per
 * session (unique), Stripe idempotency key = the payout's id, retries with backoff, on_hold while
 * the mentor's account cannot receive transfers, released when it can."
 */

export type Payout = typeof payouts.$inferSelect

/** Runs the first attempt plus the queue's retries; after that the payout waits for an admin. */
export const PAYOUT_MAX_ATTEMPTS = 6

/**
 * Called inside the confirmation's transaction: a paid session that was held (completed, or the
 * mentee did not show) gets its one payout row and its job, or neither if the confirmation rolls back.
 * A "mentee did not show" payout first waits out the mentee's 48 hours to dispute it (`disputable`).
 */
export async function createPayoutForSession(tx: Transaction, sessionId: string): Promise<Payout | null> {
	const [row] = await tx
		.select({ session: sessions, bundle: bundles, transfersActive: stripeAccounts.transfersActive })
		.from(sessions)
		.innerJoin(bundles, eq(bundles.id, sessions.bundleId))
		.leftJoin(stripeAccounts, eq(stripeAccounts.userId, sessions.mentorId))
		.where(eq(sessions.id, sessionId))
	if (!row || row.session.type !== 'paid' || !['completed', 'no_show_mentee'].includes(row.session.status)) return null
	const amountCents = mentorShareCents(perSessionCents(row.bundle), row.bundle.platformFeePercent)
	// A bundle granted for free (or a 100% fee) has nothing to transfer.
	if (amountCents <= 0) return null
	// The confirmation stamped the session with its `now`.
	const now = row.session.updatedAt
	const disputable = row.session.status === 'no_show_mentee'
	const [payout] = await tx
		.insert(payouts)
		.values({
			sessionId,
			bundleId: row.bundle.id,
			mentorId: row.session.mentorId,
			amountCents,
			currency: row.bundle.currency,
			status: disputable ? 'disputable' : row.transfersActive ? 'pending' : 'on_hold',
			disputableUntil: disputable ? disputableUntil(now) : null,
			createdAt: now,
			updatedAt: now,
		})
		.onConflictDoNothing({ target: payouts.sessionId })
		.returning()
	if (payout?.status === 'pending') await enqueue(tx, releasePayoutJob, { payoutId: payout.id })
	return payout ?? null
}

/**
 * A payout leaves `disputable` or `disputed` for the transfer: pending with its job when the mentor
 * can receive transfers, on hold otherwise. Only from `from`, so of two changes at once one wins.
 */
export async function sendPayoutOnItsWay(tx: Transaction, where: { payoutId?: string; from: 'disputable' | 'disputed'; dueBy?: Date }, now: Date): Promise<string[]> {
	const canReceive = sql`exists (select 1 from ${stripeAccounts} where ${stripeAccounts.userId} = ${payouts.mentorId} and ${stripeAccounts.transfersActive})`
	const moved = await tx
		.update(payouts)
		.set({ status: sql`case when ${canReceive} then 'pending' else 'on_hold' end`, updatedAt: now })
		.where(
			and(
				eq(payouts.status, where.from),
				where.payoutId ? eq(payouts.id, where.payoutId) : undefined,
				where.dueBy ? lte(payouts.disputableUntil, where.dueBy) : undefined,
			),
		)
		.returning({ id: payouts.id, status: payouts.status })
	for (const p of moved) if (p.status === 'pending') await enqueue(tx, releasePayoutJob, { payoutId: p.id })
	return moved.map((p) => p.id)
}

/** "may dispute within 48 hours": payouts nobody disputed in time go out. Running it twice changes nothing more. */
export function releaseUndisputedPayouts(now: Date): Promise<string[]> {
	return getDb().transaction((tx) => sendPayoutOnItsWay(tx, { from: 'disputable', dueBy: now }, now))
}

const hooks = globalThis as unknown as { __mentoraPayoutHooks?: boolean }

/** Subscribes payouts to session confirmations, once per process. */
export function registerPayoutHooks(): void {
	if (hooks.__mentoraPayoutHooks) return
	hooks.__mentoraPayoutHooks = true
	onBookingEvent(async (tx, event) => {
		if (event.type === 'session_confirmed' && event.payoutDue) await createPayoutForSession(tx, event.sessionId)
	})
}

/** `account.updated` says the mentor can receive transfers: everything held goes out, from this transaction. */
export async function releaseHeldPayouts(tx: Transaction, mentorId: string, now: Date): Promise<number> {
	const released = await tx
		.update(payouts)
		.set({ status: 'pending', updatedAt: now })
		.where(and(eq(payouts.mentorId, mentorId), eq(payouts.status, 'on_hold')))
		.returning({ id: payouts.id })
	for (const { id } of released) await enqueue(tx, releasePayoutJob, { payoutId: id })
	return released.length
}

type Loaded = { payout: Payout; chargeId: string | null; accountId: string | null; transfersActive: boolean }

async function loadPayout(payoutId: string): Promise<Loaded | undefined> {
	const [row] = await getDb()
		.select({ payout: payouts, chargeId: bundles.chargeId, accountId: stripeAccounts.accountId, transfersActive: stripeAccounts.transfersActive })
		.from(payouts)
		.innerJoin(bundles, eq(bundles.id, payouts.bundleId))
		.leftJoin(stripeAccounts, eq(stripeAccounts.userId, payouts.mentorId))
		.where(eq(payouts.id, payoutId))
	return row ? { ...row, transfersActive: row.transfersActive ?? false } : undefined
}

/** A transfer an earlier attempt made, found by the bundle's transfer group and the payout's id in its metadata. */
async function findExistingTransfer(payout: Payout): Promise<Stripe.Transfer | null> {
	for await (const transfer of getStripe().transfers.list({ transfer_group: payout.bundleId, limit: 100 })) {
		if (transfer.metadata?.payout_id === payout.id) return transfer
	}
	return null
}

const holdReasons = new Set(['insufficient_capabilities_for_transfer', 'account_invalid'])

/**
 * The job's work: transfer the mentor's share once. Safe to run twice, concurrently, or after a
 * crash at any point. Before Stripe is called, the attempt is recorded (`first_attempted_at`,
 * `attempts`); a payout with an earlier attempt recorded and no transfer is one whose outcome is
 * unknown (the process may have died after Stripe made the transfer), so it first looks for a
 * transfer carrying its id in the bundle's transfer group, whenever that attempt was: an
 * idempotency key is not enough on its own, as Stripe forgets keys after 24 hours. The transfer
 * also carries the payout's id as idempotency key, for attempts running at the same time, and
 * only one update marks the payout released. Throws when the queue should retry later.
 */
export async function releasePayout(payoutId: string, now: Date): Promise<PayoutStatus | 'missing'> {
	const loaded = await loadPayout(payoutId)
	if (!loaded) return 'missing'
	const { payout, chargeId, accountId, transfersActive } = loaded
	if (payout.status !== 'pending' && payout.status !== 'failed') return payout.status
	if (!accountId || !transfersActive) return hold(payout.id, now, null)

	const [attempt] = await getDb()
		.update(payouts)
		.set({ attempts: sql`${payouts.attempts} + 1`, firstAttemptedAt: sql`coalesce(${payouts.firstAttemptedAt}, ${now.toISOString()}::timestamptz)`, updatedAt: now })
		.where(and(eq(payouts.id, payout.id), inArray(payouts.status, ['pending', 'failed'])))
		.returning()
	if (!attempt) return (await loadPayout(payoutId))?.payout.status ?? 'missing'

	try {
		const outcomeUnknown = payout.firstAttemptedAt !== null || attempt.attempts > 1
		const transfer =
			(outcomeUnknown ? await findExistingTransfer(payout) : null) ??
			(await getStripe().transfers.create(
				{
					amount: payout.amountCents,
					currency: payout.currency,
					destination: accountId,
					source_transaction: chargeId ?? undefined,
					transfer_group: payout.bundleId,
					metadata: { payout_id: payout.id, session_id: payout.sessionId, bundle_id: payout.bundleId },
				},
				{ idempotencyKey: payout.id },
			))
		return await getDb().transaction(async (tx) => {
			const [released] = await tx
				.update(payouts)
				.set({ status: 'released', stripeTransferId: transfer.id, releasedAt: now, lastError: null, updatedAt: now })
				.where(and(eq(payouts.id, payout.id), inArray(payouts.status, ['pending', 'failed'])))
				.returning()
			// The email is rendered by its own job, off the path that paces transfers under Stripe's rate limit.
			if (released) await enqueue(tx, notifyPayoutReleasedJob, { payoutId: released.id })
			return 'released' as const
		})
	} catch (error) {
		const stripeError = error as { code?: string; message?: string }
		if (stripeError.code && holdReasons.has(stripeError.code)) return hold(payout.id, now, stripeError.message ?? null)
		const dead = attempt.attempts >= PAYOUT_MAX_ATTEMPTS
		await getDb()
			.update(payouts)
			.set({ status: dead ? 'dead' : 'failed', lastError: String(stripeError.message ?? error).slice(0, 500), updatedAt: now })
			.where(and(eq(payouts.id, payout.id), inArray(payouts.status, ['pending', 'failed'])))
		if (dead) return 'dead'
		// The queue retries with exponential backoff; a 429 has already been backed off by the client.
		if (isRateLimitError(error)) throw new Error(`rate limited releasing payout ${payout.id}`)
		throw error
	}
}

async function hold(payoutId: string, now: Date, reason: string | null): Promise<'on_hold'> {
	await getDb()
		.update(payouts)
		.set({ status: 'on_hold', lastError: reason, updatedAt: now })
		.where(and(eq(payouts.id, payoutId), inArray(payouts.status, ['pending', 'failed'])))
	return 'on_hold'
}

/** An admin sends a dead payout round again (it has been attempted, so it looks for a transfer before it creates one). */
export async function retryDeadPayout(input: { adminId: string; payoutId: string; now: Date }): Promise<void> {
	await getDb().transaction(async (tx) => {
		const [retried] = await tx
			.update(payouts)
			.set({ status: 'pending', attempts: 0, updatedAt: input.now })
			.where(and(eq(payouts.id, input.payoutId), eq(payouts.status, 'dead')))
			.returning({ id: payouts.id })
		if (!retried) throw new DomainError('payout_not_retryable', 'Only a payout that gave up can be retried; this one is not dead.')
		await enqueue(tx, releasePayoutJob, { payoutId: retried.id })
		await writeAudit(tx, { actorId: input.adminId, action: 'payout.retry', subjectType: 'payout', subjectId: retried.id, at: input.now })
	})
}

export type PayoutListItem = Payout & { sessionStartsAt: Date; menteeName: string; mentorName: string }

const listColumns = {
	payout: payouts,
	sessionStartsAt: sessions.startsAt,
	menteeName: sql<string>`(select name from ${users} where ${users.id} = ${sessions.menteeId})`,
	mentorName: sql<string>`(select name from ${users} where ${users.id} = ${payouts.mentorId})`,
}

export type PayoutRow = {
	id: string
	sessionStartsAt: string
	menteeName: string
	mentorName: string
	amount: string
	status: string
	lastError: string | null
	attempts: number
}

/** A payout as the payout tables show it; Stripe's last error only where `withError` (admins). */
export function toPayoutRow(p: PayoutListItem, { withError }: { withError: boolean }): PayoutRow {
	return {
		id: p.id,
		sessionStartsAt: p.sessionStartsAt.toISOString(),
		menteeName: p.menteeName,
		mentorName: p.mentorName,
		amount: formatMoney(p.amountCents, p.currency),
		status: p.status,
		lastError: withError ? p.lastError : null,
		attempts: p.attempts,
	}
}

export async function listPayouts(filter: { mentorId?: string; statuses?: PayoutStatus[] }, limit = 200): Promise<PayoutListItem[]> {
	const rows = await getDb()
		.select(listColumns)
		.from(payouts)
		.innerJoin(sessions, eq(sessions.id, payouts.sessionId))
		.where(and(filter.mentorId ? eq(payouts.mentorId, filter.mentorId) : undefined, filter.statuses ? inArray(payouts.status, filter.statuses) : undefined))
		.orderBy(desc(payouts.createdAt))
		.limit(limit)
	return rows.map((r) => ({ ...r.payout, sessionStartsAt: r.sessionStartsAt, menteeName: r.menteeName, mentorName: r.mentorName }))
}

/** How many payouts are in each status, every status named (0 when none). */
export async function countPayoutsByStatus(): Promise<Record<PayoutStatus, number>> {
	const rows = await getDb().select({ status: payouts.status, n: sql<number>`count(*)::int` }).from(payouts).groupBy(payouts.status)
	const counts = Object.fromEntries(PAYOUT_STATUSES.map((status) => [status, 0])) as Record<PayoutStatus, number>
	for (const row of rows) counts[row.status] = row.n
	return counts
}

/**
 * A payout still pending long after its job should have run (a worker died mid-job and the queue
 * has not yet expired it, or its job was lost) gets a new job. Running a payout's job twice is
 * harmless, so this only has to be eventually right.
 */
export async function requeueStrandedPayouts(now: Date, olderThanMs = 15 * 60_000): Promise<number> {
	return getDb().transaction(async (tx) => {
		const stranded = await tx
			.update(payouts)
			.set({ updatedAt: now })
			.where(and(eq(payouts.status, 'pending'), sql`${payouts.updatedAt} < ${new Date(now.getTime() - olderThanMs).toISOString()}::timestamptz`))
			.returning({ id: payouts.id })
		for (const { id } of stranded) await enqueue(tx, releasePayoutJob, { payoutId: id })
		return stranded.length
	})
}

/** The mentor hears that a payout went out (once: the outbox's dedupe key is the payout). */
export async function sendPayoutReleasedEmail(payoutId: string): Promise<void> {
	await getDb().transaction(async (tx) => {
		const [payout] = await tx.select().from(payouts).where(and(eq(payouts.id, payoutId), eq(payouts.status, 'released')))
		if (payout) await notifyPayoutReleased(tx, payout)
	})
}
