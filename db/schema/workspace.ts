import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { relationships } from './bookings'
import { users } from './users'

/**
 * What a relationship's two people do together in its workspace (PRODUCT.md "Relationship
 * workspace"): messages, goals, learning assignments and tracked emails. Each row belongs to one
 * relationship and goes with it; the programme report counts them.
 */

export const GOAL_STATUSES = ['not_started', 'in_progress', 'achieved', 'dropped'] as const
export const LEARNING_ASSIGNMENT_KINDS = ['suggested', 'assigned'] as const
export type GoalStatus = (typeof GOAL_STATUSES)[number]
export type LearningAssignmentKind = (typeof LEARNING_ASSIGNMENT_KINDS)[number]

export const MESSAGE_MAX_LENGTH = 10_000

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

const relationshipId = () =>
	uuid('relationship_id')
		.notNull()
		.references(() => relationships.id, { onDelete: 'cascade' })

/** A message between the two people; a question may be answered by a later one. */
export const messages = pgTable(
	'messages',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		relationshipId: relationshipId(),
		authorId: uuid('author_id')
			.notNull()
			.references(() => users.id),
		/** Markdown, rendered safely. */
		body: text('body').notNull(),
		question: boolean('question').notNull().default(false),
		answersId: uuid('answers_id').references((): AnyPgColumn => messages.id, { onDelete: 'set null' }),
		editedAt: timestamp('edited_at', { withTimezone: true }),
		deletedAt: timestamp('deleted_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		index('messages_relationship_created_idx').on(t.relationshipId, t.createdAt, t.id),
		index('messages_created_idx').on(t.createdAt),
		check('messages_body_length', sql`length(btrim(${t.body})) between 1 and ${sql.raw(String(MESSAGE_MAX_LENGTH))}`),
	],
)

/** A mentee's goal; both people move its status and progress. */
export const goals = pgTable(
	'goals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		relationshipId: relationshipId(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		title: text('title').notNull(),
		why: text('why'),
		targetDate: date('target_date'),
		status: text('status', { enum: GOAL_STATUSES }).notNull().default('not_started'),
		progress: integer('progress').notNull().default(0),
		/** When it was last marked achieved; cleared if it is reopened. */
		achievedAt: timestamp('achieved_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		index('goals_relationship_created_idx').on(t.relationshipId, t.createdAt),
		check('goals_status', sql`${t.status} in (${inList(GOAL_STATUSES)})`),
		check('goals_progress_range', sql`${t.progress} between 0 and 100`),
		check('goals_title_length', sql`length(btrim(${t.title})) between 1 and 200`),
		check('goals_why_length', sql`${t.why} is null or length(${t.why}) <= 2000`),
		check('goals_achieved_when', sql`(${t.status} = 'achieved') = (${t.achievedAt} is not null)`),
	],
)

/** Something the mentor suggests or assigns; the mentee marks it done with a note. */
export const learningAssignments = pgTable(
	'learning_assignments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		relationshipId: relationshipId(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		kind: text('kind', { enum: LEARNING_ASSIGNMENT_KINDS }).notNull(),
		title: text('title').notNull(),
		description: text('description'),
		url: text('url'),
		dueDate: date('due_date'),
		doneAt: timestamp('done_at', { withTimezone: true }),
		doneNote: text('done_note'),
		/** When the mentee was reminded of it overdue: once. */
		remindedAt: timestamp('reminded_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		index('learning_assignments_relationship_created_idx').on(t.relationshipId, t.createdAt),
		check('learning_assignments_kind', sql`${t.kind} in (${inList(LEARNING_ASSIGNMENT_KINDS)})`),
		check('learning_assignments_title_length', sql`length(btrim(${t.title})) between 1 and 200`),
		check('learning_assignments_description_length', sql`${t.description} is null or length(${t.description}) <= 4000`),
		check('learning_assignments_url_scheme', sql`${t.url} is null or ${t.url} ~* '^https?://'`),
		check('learning_assignments_note_when_done', sql`${t.doneNote} is null or ${t.doneAt} is not null`),
	],
)

/** An email either person sent with the relationship's tracking address in To or Cc. */
export const trackedEmails = pgTable(
	'tracked_emails',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		relationshipId: relationshipId(),
		/** The RFC 5322 Message-ID: the same mail arriving twice is stored once. */
		messageId: text('message_id').notNull(),
		senderId: uuid('sender_id')
			.notNull()
			.references(() => users.id),
		fromAddress: text('from_address').notNull(),
		toAddresses: text('to_addresses').array().notNull().default(sql`'{}'::text[]`),
		ccAddresses: text('cc_addresses').array().notNull().default(sql`'{}'::text[]`),
		subject: text('subject').notNull().default(''),
		sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
		text: text('text').notNull().default(''),
		/** Sanitised before it is stored. */
		html: text('html'),
		attachmentNames: text('attachment_names').array().notNull().default(sql`'{}'::text[]`),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('tracked_emails_message_unique').on(t.relationshipId, t.messageId),
		index('tracked_emails_relationship_created_idx').on(t.relationshipId, t.createdAt),
		index('tracked_emails_created_idx').on(t.createdAt),
	],
)

/** How far each of the two people has read their workspace: what came from the other side after it is unread. */
export const relationshipReads = pgTable(
	'relationship_reads',
	{
		relationshipId: relationshipId(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [primaryKey({ columns: [t.relationshipId, t.userId] })],
)
