import { sql } from 'drizzle-orm'
import { check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { sessions } from './bookings'
import { users } from './users'

/**
 * One person's rating of a completed session (1–5, an optional comment). One per person per
 * session; the trigger in migration 0018 admits only the session's two people, and only once it
 * is completed. Coordinators see ratings without the rater's name; the other side never does.
 */
export const sessionFeedback = pgTable(
	'session_feedback',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => sessions.id, { onDelete: 'cascade' }),
		raterId: uuid('rater_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		rating: smallint('rating').notNull(),
		comment: text('comment'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('session_feedback_one_per_rater').on(t.sessionId, t.raterId),
		index('session_feedback_rater_idx').on(t.raterId),
		check('session_feedback_rating', sql`${t.rating} between 1 and 5`),
		check('session_feedback_comment_length', sql`${t.comment} is null or length(${t.comment}) between 1 and 2000`),
	],
)
