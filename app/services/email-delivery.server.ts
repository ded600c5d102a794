import { and, eq, lt } from 'drizzle-orm'
import { Resend } from 'resend'
import { getDb } from '../../db/client'
import { emailOutbox } from '../../db/schema'
import { getEnv, isLive } from '../utils/env.server'
import { sharedRequestBudget, type RequestBudget } from './request-budget.server'

/**
 * Sends one outbox row through Resend, exactly once. The row is locked while it is sent, so two
 * jobs for one row never send side by side; the row id is Resend's idempotency key, so a worker
 * that dies after Resend accepted but before the row says `sent` sends nothing new on its retry:
 * Resend answers the retry with the email it already has.
 */

/** pg-boss retries the job with backoff (retryLimit 8); the last attempt marks the row failed. */
export const MAX_SEND_ATTEMPTS = 9
const SEND_TIMEOUT_MS = 30_000

/** Without a Resend key and without a stand-in, emails stay in the local mailbox (/dev/mailbox). */
export function isMailboxMode(): boolean {
	const env = getEnv()
	return !env.RESEND_API_KEY && !isLive(env)
}

function resendClient(): Resend | null {
	const env = getEnv()
	if (env.RESEND_API_KEY) return new Resend(env.RESEND_API_KEY, env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : undefined)
	// Tests point the real SDK at tests/support/resend-stand-in.ts; the key is never checked there.
	if (env.RESEND_BASE_URL) return new Resend('re_local_stand_in', { baseUrl: env.RESEND_BASE_URL })
	return null
}

const budgets = globalThis as unknown as { __mentoraResendBudget?: { rate: number; budget: RequestBudget } }

/** Resend's rate limit holds for the account (2 requests a second unless raised): every worker draws on one budget. */
function resendBudget(): RequestBudget {
	const rate = getEnv().RESEND_REQUESTS_PER_SECOND
	if (budgets.__mentoraResendBudget?.rate !== rate) {
		budgets.__mentoraResendBudget = { rate, budget: sharedRequestBudget({ key: 'resend', ratePerSecond: rate }) }
	}
	return budgets.__mentoraResendBudget.budget
}

/** Rate limits, server errors, network failures and a concurrent request with our key are worth another try. */
function isRetryable(statusCode: number | null | undefined, name: string | undefined): boolean {
	if (statusCode === null || statusCode === undefined) return true
	if (statusCode === 409) return name === 'concurrent_idempotent_requests'
	return statusCode === 429 || statusCode >= 500
}

export type DeliveryOutcome = 'sent' | 'already_done' | 'failed' | 'retry'

export class RetryableSendError extends Error {}

/** Delivers one row; throws RetryableSendError when the job should run again later. */
export async function deliverEmail(emailId: string, now: Date): Promise<DeliveryOutcome> {
	const result = await getDb().transaction(async (tx) => {
		const [email] = await tx.select().from(emailOutbox).where(eq(emailOutbox.id, emailId)).for('update', { skipLocked: true })
		// Gone, done, or being sent by another worker right now (which retries on its own if it must).
		if (!email || email.status !== 'queued') return { outcome: 'already_done' as const }
		const attempts = email.attempts + 1
		const mark = (values: Partial<typeof emailOutbox.$inferInsert>) =>
			tx.update(emailOutbox).set({ attempts, updatedAt: now, ...values }).where(eq(emailOutbox.id, email.id))

		const client = resendClient()
		if (!client) {
			await mark({ status: 'sent', providerId: `mailbox:${email.id}`, sentAt: now, lastError: null })
			return { outcome: 'sent' as const }
		}
		await resendBudget().take()
		const { data, error } = await client.emails.send(
			{
				from: getEnv().EMAIL_FROM,
				to: [email.toAddress],
				subject: email.subject,
				html: email.html,
				text: email.text,
				headers: email.headers,
				attachments: email.attachments.map((a) => ({ filename: a.filename, content: Buffer.from(a.content).toString('base64'), contentType: a.contentType })),
				tags: [{ name: 'template', value: email.template }],
			},
			{ idempotencyKey: email.id, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
		)
		if (data) {
			await mark({ status: 'sent', providerId: data.id, sentAt: now, lastError: null })
			return { outcome: 'sent' as const }
		}
		// Over the limit after all (another sender on the account): everyone holds back for a second.
		if (error?.statusCode === 429) await resendBudget().pause(1000)
		const reason = `${error?.statusCode ?? 'network'} ${error?.name ?? 'error'}: ${error?.message ?? 'no answer'}`
		if (isRetryable(error?.statusCode, error?.name) && attempts < MAX_SEND_ATTEMPTS) {
			await mark({ lastError: reason })
			return { outcome: 'retry' as const, reason }
		}
		await mark({ status: 'failed', lastError: reason })
		return { outcome: 'failed' as const }
	})
	// Thrown after the commit, so the attempt and its error are on the row when pg-boss retries.
	if (result.outcome === 'retry') throw new RetryableSendError(result.reason)
	return result.outcome
}

/** Queued rows nobody touched for an hour (their job lost, retries exhausted by crashes): due again. */
export async function staleQueuedEmails(now: Date): Promise<string[]> {
	const rows = await getDb()
		.select({ id: emailOutbox.id })
		.from(emailOutbox)
		.where(and(eq(emailOutbox.status, 'queued'), lt(emailOutbox.updatedAt, new Date(now.getTime() - 3_600_000))))
		.limit(500)
	return rows.map((r) => r.id)
}
