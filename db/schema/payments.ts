import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { bundles, sessions } from './bookings'
import { users } from './users'

/**
 * `disputable`: a "mentee did not show" payout waits 48 hours for the mentee's dispute; `disputed`:
 * held for an admin's decision; `cancelled`: the admin believed the mentee, nothing is paid.
 */
export const PAYOUT_STATUSES = ['pending', 'on_hold', 'released', 'failed', 'dead', 'disputable', 'disputed', 'cancelled'] as const
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number]
export const REFUND_STATUSES = ['pending', 'succeeded'] as const

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

/** A mentor's Stripe Connect (Express) account, as the last `account.updated` described it. */
export const stripeAccounts = pgTable('stripe_accounts', {
	userId: uuid('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	accountId: text('account_id').notNull().unique(),
	detailsSubmitted: boolean('details_submitted').notNull().default(false),
	payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
	/** The `transfers` capability is `active`: only then can a transfer reach the mentor. */
	transfersActive: boolean('transfers_active').notNull().default(false),
	requirementsDue: text('requirements_due').array().notNull().default(sql`'{}'::text[]`),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * The mentor's share of one confirmed paid session, exactly once: one row per session, and the
 * row's id is the Stripe idempotency key of its transfer.
 */
export const payouts = pgTable(
	'payouts',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => sessions.id),
		bundleId: uuid('bundle_id')
			.notNull()
			.references(() => bundles.id),
		mentorId: uuid('mentor_id')
			.notNull()
			.references(() => users.id),
		amountCents: integer('amount_cents').notNull(),
		currency: text('currency').notNull(),
		status: text('status', { enum: PAYOUT_STATUSES }).notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		stripeTransferId: text('stripe_transfer_id'),
		lastError: text('last_error'),
		firstAttemptedAt: timestamp('first_attempted_at', { withTimezone: true }),
		releasedAt: timestamp('released_at', { withTimezone: true }),
		/** Until when the mentee may dispute the "did not show" outcome this payout is for. */
		disputableUntil: timestamp('disputable_until', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('payouts_session_unique').on(t.sessionId),
		uniqueIndex('payouts_transfer_unique').on(t.stripeTransferId),
		index('payouts_mentor_idx').on(t.mentorId, t.createdAt),
		index('payouts_status_idx').on(t.status),
		check('payouts_status', sql`${t.status} in (${inList(PAYOUT_STATUSES)})`),
		check('payouts_amount_positive', sql`${t.amountCents} > 0`),
		check('payouts_attempts_nonnegative', sql`${t.attempts} >= 0`),
		check('payouts_disputable_has_deadline', sql`${t.status} <> 'disputable' or ${t.disputableUntil} is not null`),
		index('payouts_disputable_idx').on(t.disputableUntil).where(sql`${t.status} = 'disputable'`),
		// Released means Stripe made the transfer, and only then.
		check('payouts_released_iff_transfer', sql`(${t.status} = 'released') = (${t.stripeTransferId} is not null)`),
	],
)

/** An admin's refund of a bundle (whole, or its unused credits); its id is the Stripe idempotency key. */
export const refunds = pgTable(
	'refunds',
	{
		id: uuid('id').primaryKey(),
		bundleId: uuid('bundle_id')
			.notNull()
			.references(() => bundles.id),
		amountCents: integer('amount_cents').notNull(),
		credits: integer('credits').notNull(),
		reason: text('reason').notNull(),
		adminId: uuid('admin_id')
			.notNull()
			.references(() => users.id),
		status: text('status', { enum: REFUND_STATUSES }).notNull().default('pending'),
		idempotencyKey: text('idempotency_key').notNull().unique(),
		stripeRefundId: text('stripe_refund_id').unique(),
		cancelledSessions: integer('cancelled_sessions').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		index('refunds_bundle_idx').on(t.bundleId),
		check('refunds_amount_positive', sql`${t.amountCents} > 0`),
		check('refunds_credits_nonnegative', sql`${t.credits} >= 0`),
		check('refunds_reason_given', sql`length(btrim(${t.reason})) > 0`),
		check('refunds_status', sql`${t.status} in (${inList(REFUND_STATUSES)})`),
	],
)

/** Each Stripe event is processed once: its id is recorded in the transaction that does its work. */
/**
 * A request budget every process draws on (app/services/request-budget.server.ts): for the Stripe
 * account, `next_at` is when the next request may go, on the database's clock.
 */
export const requestBudgets = pgTable('request_budgets', {
	key: text('key').primaryKey(),
	nextAt: timestamp('next_at', { withTimezone: true, precision: 6 }).notNull(),
})

export const processedStripeEvents = pgTable('processed_stripe_events', {
	eventId: text('event_id').primaryKey(),
	type: text('type').notNull(),
	processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Every admin action, who did it, to what, and why. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		actorId: uuid('actor_id')
			.notNull()
			.references(() => users.id),
		action: text('action').notNull(),
		subjectType: text('subject_type').notNull(),
		subjectId: text('subject_id').notNull(),
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [index('audit_log_subject_idx').on(t.subjectType, t.subjectId), index('audit_log_created_idx').on(t.createdAt)],
)
