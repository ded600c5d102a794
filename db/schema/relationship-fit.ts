import { sql } from 'drizzle-orm'
import { check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { relationships } from './bookings'
import { programmes } from './programmes'
import { users } from './users'

export const FIT_ANSWERS = ['good_fit', 'still_deciding', 'not_a_good_fit'] as const
export type FitAnswer = (typeof FIT_ANSWERS)[number]

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

/**
 * "Is this a good fit?", asked of each side of a programme relationship after its first completed
 * session. One answer per person per relationship, changed in place while the relationship is
 * live; the trigger in migration 0021 admits only the relationship's two people, only for a
 * programme relationship, only while it is live and only once a session of the pair since it began
 * is completed.
 */
export const relationshipFit = pgTable(
	'relationship_fit',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		relationshipId: uuid('relationship_id')
			.notNull()
			.references(() => relationships.id, { onDelete: 'cascade' }),
		raterId: uuid('rater_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		answer: text('answer', { enum: FIT_ANSWERS }).notNull(),
		answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('relationship_fit_one_per_rater').on(t.relationshipId, t.raterId),
		index('relationship_fit_not_a_good_fit_idx').on(t.relationshipId).where(sql`${t.answer} = 'not_a_good_fit'`),
		check('relationship_fit_answer', sql`${t.answer} in (${inList(FIT_ANSWERS)})`),
	],
)

/**
 * A coordinator's (or a coordinating admin's) subscription to a programme's weekly report email.
 * `lastSentWeek` is the ISO week (`2027-W11`, in the subscriber's zone) of the last digest queued:
 * the send claims the week by updating it, so two workers at once queue one email; the outbox's
 * unique dedupe key per subscriber, programme and week holds it too.
 */
export const reportDigestSubscriptions = pgTable(
	'report_digest_subscriptions',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => programmes.id, { onDelete: 'cascade' }),
		lastSentWeek: text('last_sent_week'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.programmeId] }),
		index('report_digest_subscriptions_programme_idx').on(t.programmeId),
		check('report_digest_subscriptions_week_format', sql`${t.lastSentWeek} is null or ${t.lastSentWeek} ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$'`),
	],
)
