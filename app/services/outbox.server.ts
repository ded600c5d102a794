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
	/** The recipient's user id: their address, name and time zone are read inside the transaction. */
	to: string
	template: T
	data: TemplateData<T>
	/** Reminders pass one so a person never gets the same reminder twice for the same thing. */
	dedupeKey?: string
	attachments?: EmailAttachment[]
}

/**
 * Writes one email to the outbox inside `tx` and enqueues its send job there too: the email exists
 * only if the change that causes it commits. Returns the row id, or null when nothing was queued
 * (a muted reminder category, or a dedupe key already used).
 *
 *     await queueEmail(tx, { to: bundle.menteeId, template: 'purchase_receipt', data: { ... } })
 */
export async function queueEmail<T extends TemplateName>(tx: Transaction, input: QueueEmailInput<T>): Promise<string | null> {
	const [recipient] = await tx
		.select({ id: users.id, email: users.email, name: users.name, timeZone: users.timeZone })
		.from(users)
		.where(eq(users.id, input.to))
	if (!recipient) throw new Error(`queueEmail: no user ${input.to}`)

	const { category } = templates[input.template]
	const reminder = category !== 'transactional'
	if (reminder && (await isMuted(tx, recipient.id, category))) return null
	// A cheap look first, so a cron run that finds everything already sent renders nothing; the
	// unique index below still decides when two runs race.
	if (input.dedupeKey) {
		const [seen] = await tx.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.dedupeKey, input.dedupeKey))
		if (seen) return null
	}

	const unsubscribe = reminder ? unsubscribeUrl(recipient.id, category) : null
	const base: EmailBase = { recipientName: recipient.name, timeZone: recipient.timeZone, appUrl: getEnv().APP_URL, unsubscribeUrl: unsubscribe }
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
