import { eq } from 'drizzle-orm'
import { type Transaction } from '../../db/client'
import { emailOutbox, users, type EmailAttachment } from '../../db/schema'
import { templates, type EmailBase, type TemplateData, type TemplateName } from '../../emails'
import { renderEmail } from '../../emails/render'
import { sendEmail } from '../../jobs/send-email'
import { enqueue } from '../../jobs/queue.server'
import { getEnv } from '../utils/env.server'
import { isMuted, unsubscribeUrl } from './email-preferences.server'

export type QueueEmailInput<T extends TemplateName> = {
	/**
	 * The recipient's user id: their address, name and time zone are read inside the transaction.
	 * Or someone without an account (a manager, a partner contact): written with no user id, and
	 * never muted or given an unsubscribe link, since those belong to an account.
	 */
	to: string | OutsideRecipient
	template: T
	data: TemplateData<T>
	/** Reminders pass one so a person never gets the same reminder twice for the same thing. */
	dedupeKey?: string
	attachments?: EmailAttachment[]
	/**
	 * A one-click link that ends what this email comes from (a subscription), carried like a
	 * reminder's: in the footer and as List-Unsubscribe.
	 */
	unsubscribeUrl?: string
}

/** Someone without an account; their zone, when unknown, is UTC. */
export type OutsideRecipient = { email: string; name: string; timeZone?: string }

async function accountHolder(tx: Transaction, userId: string) {
	const [recipient] = await tx
		.select({ id: users.id, email: users.email, name: users.name, timeZone: users.timeZone })
		.from(users)
		.where(eq(users.id, userId))
	if (!recipient) throw new Error(`queueEmail: no user ${userId}`)
	return recipient
}

/**
 * Writes one email to the outbox inside `tx` and enqueues its send job there too: the email exists
 * only if the change that causes it commits. Returns the row id, or null when nothing was queued
 * (a muted reminder category, or a dedupe key already used).
 *
 *     await queueEmail(tx, { to: bundle.menteeId, template: 'purchase_receipt', data: { ... } })
 */
export async function queueEmail<T extends TemplateName>(tx: Transaction, input: QueueEmailInput<T>): Promise<string | null> {
	const recipient =
		typeof input.to === 'string' ? await accountHolder(tx, input.to) : { id: null, email: input.to.email, name: input.to.name, timeZone: input.to.timeZone ?? 'UTC' }

	const { category } = templates[input.template]
	// Muting and unsubscribing belong to an account: someone without one gets only the emails their links need.
	const reminder = category !== 'transactional' && recipient.id !== null
	if (reminder && (await isMuted(tx, recipient.id!, category))) return null
	// A cheap look first, so a cron run that finds everything already sent renders nothing; the
	// unique index below still decides when two runs race.
	if (input.dedupeKey) {
		const [seen] = await tx.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.dedupeKey, input.dedupeKey))
		if (seen) return null
	}

	const unsubscribe = input.unsubscribeUrl ?? (reminder ? unsubscribeUrl(recipient.id!, category) : null)
	const base: EmailBase = { recipientName: recipient.name, timeZone: recipient.timeZone, appUrl: getEnv().APP_URL, unsubscribeUrl: unsubscribe, hasAccount: recipient.id !== null }
	const rendered = await renderEmail(input.template, { ...(input.data as object), ...base } as TemplateData<T> & EmailBase)
	// RFC 8058 one-click unsubscribe: mail providers POST to the link without opening a page.
	const headers: Record<string, string> = unsubscribe
		? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
		: {}

	const [row] = await tx
		.insert(emailOutbox)
		.values({
			userId: recipient.id,
			toAddress: recipient.email,
			template: input.template,
			category,
			data: input.data as Record<string, unknown>,
			...rendered,
			attachments: input.attachments ?? [],
			headers,
			dedupeKey: input.dedupeKey ?? null,
		})
		.onConflictDoNothing({ target: emailOutbox.dedupeKey })
		.returning({ id: emailOutbox.id })
	if (!row) return null
	await enqueue(tx, sendEmail, { emailId: row.id })
	return row.id
}
