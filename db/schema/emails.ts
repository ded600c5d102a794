import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './users'

export const EMAIL_STATUSES = ['queued', 'sent', 'failed'] as const
/** Reminder categories a person may mute; everything else is transactional and always sent. */
export const REMINDER_CATEGORIES = ['session_reminder', 'confirm_reminder', 'schedule_reminder', 'admin_alert', 'programme_reminder'] as const
export const EMAIL_CATEGORIES = ['transactional', ...REMINDER_CATEGORIES] as const

export type EmailStatus = (typeof EMAIL_STATUSES)[number]
export type ReminderCategory = (typeof REMINDER_CATEGORIES)[number]
export type EmailCategory = (typeof EMAIL_CATEGORIES)[number]
/** An attachment as Resend takes it; calendar files are text, so no base64 round trip. */
export type EmailAttachment = { filename: string; contentType: string; content: string }

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

/**
 * The email outbox: a row is written in the transaction of the change that causes it, already
 * rendered, so what the send job hands Resend (and retries, under the row id as idempotency key)
 * is byte for byte what the local mailbox shows.
 */
export const emailOutbox = pgTable(
	'email_outbox',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** The recipient's account; null for people without one (a manager, a partner contact). */
		userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
		toAddress: text('to_address').notNull(),
		template: text('template').notNull(),
		category: text('category', { enum: EMAIL_CATEGORIES }).notNull(),
		data: jsonb('data').$type<Record<string, unknown>>().notNull(),
		subject: text('subject').notNull(),
		html: text('html').notNull(),
		text: text('text').notNull(),
		attachments: jsonb('attachments').$type<EmailAttachment[]>().notNull().default([]),
		headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
		status: text('status', { enum: EMAIL_STATUSES }).notNull().default('queued'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		providerId: text('provider_id'),
		/** "A person never gets the same reminder twice for the same thing": one row per key, ever. */
		dedupeKey: text('dedupe_key'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
	},
	(t) => [
		uniqueIndex('email_outbox_dedupe_key_unique').on(t.dedupeKey),
		index('email_outbox_user_created_idx').on(t.userId, t.createdAt),
		index('email_outbox_queued_idx').on(t.createdAt).where(sql`${t.status} = 'queued'`),
		check('email_outbox_status', sql`${t.status} in (${inList(EMAIL_STATUSES)})`),
		check('email_outbox_category', sql`${t.category} in (${inList(EMAIL_CATEGORIES)})`),
		check('email_outbox_sent_has_provider_id', sql`${t.status} <> 'sent' or ${t.providerId} is not null`),
	],
)

/** Reminder categories a person muted (one row each); transactional emails cannot be muted. */
export const emailMutes = pgTable(
	'email_mutes',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		category: text('category', { enum: REMINDER_CATEGORIES }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.category] }),
		check('email_mutes_category', sql`${t.category} in (${inList(REMINDER_CATEGORIES)})`),
	],
)

/**
 * A person's private calendar feed: only a SHA-256 hash of the URL's token is kept, so a leaked
 * table does not leak anyone's calendar. One feed per person; a new one replaces (revokes) the old.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	tokenHash: text('token_hash').notNull().unique(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
