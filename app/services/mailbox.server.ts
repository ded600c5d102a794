import { desc, eq, ilike } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { emailOutbox, type EmailAttachment } from '../../db/schema'

/** The local mailbox (/dev/mailbox): the outbox read back, newest first. Only without a Resend key. */

export type MailboxEmail = {
	id: string
	to: string
	template: string
	subject: string
	html: string
	text: string
	status: string
	createdAt: string
	attachments: { filename: string; contentType: string }[]
}

export async function listMailbox(filter: { to?: string | null; limit?: number } = {}): Promise<MailboxEmail[]> {
	const rows = await getDb()
		.select()
		.from(emailOutbox)
		.where(filter.to ? ilike(emailOutbox.toAddress, `%${filter.to.replace(/[%_\\]/g, '\\$&')}%`) : undefined)
		.orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
		.limit(filter.limit ?? 50)
	return rows.map((r) => ({
		id: r.id,
		to: r.toAddress,
		template: r.template,
		subject: r.subject,
		html: r.html,
		text: r.text,
		status: r.status,
		createdAt: r.createdAt.toISOString(),
		attachments: r.attachments.map(({ filename, contentType }) => ({ filename, contentType })),
	}))
}

export async function mailboxAttachment(emailId: string, index: number): Promise<EmailAttachment | null> {
	const [row] = await getDb().select({ attachments: emailOutbox.attachments }).from(emailOutbox).where(eq(emailOutbox.id, emailId))
	return row?.attachments[index] ?? null
}
