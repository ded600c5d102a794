import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		email: text('email').notNull(),
		name: text('name').notNull(),
		timeZone: text('time_zone').notNull(),
		passwordHash: text('password_hash').notNull(),
		isMentee: boolean('is_mentee').notNull().default(false),
		isMentor: boolean('is_mentor').notNull().default(false),
		isAdmin: boolean('is_admin').notNull().default(false),
		/** When the person followed the link emailed at sign-up; booking waits for it. */
		emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		// Emails are unique whatever their case: Ada@x.org and ada@x.org are one person.
		uniqueIndex('users_email_lower_unique').on(sql`lower(${t.email})`),
		check('users_email_trimmed', sql`${t.email} = btrim(${t.email})`),
	],
)

/**
 * Lucia-style sessions: the cookie holds `<id>.<secret>`; only a SHA-256 hash of the secret is
 * stored, so a leaked table cannot be replayed as cookies.
 */
export const authSessions = pgTable(
	'auth_sessions',
	{
		id: text('id').primaryKey(),
		secretHash: text('secret_hash').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	},
	(t) => [index('auth_sessions_user_id_idx').on(t.userId)],
)

/**
 * Counters of rate-limiter-flexible's Drizzle store (login and sign-up throttling), shared by every
 * web process: the columns are the ones that store reads and writes.
 */
export const throttleCounters = pgTable('throttle_counters', {
	key: text('key').primaryKey(),
	points: integer('points').notNull(),
	expire: timestamp('expire', { withTimezone: true }),
})
