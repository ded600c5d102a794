import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { programmes } from './programmes'
import { users } from './users'

export const SESSION_TYPES = ['intro', 'paid'] as const
export const SESSION_STATUSES = [
	'pending',
	'scheduled',
	'rejected',
	'expired',
	'cancelled',
	'awaiting_confirmation',
	'completed',
	'no_show_mentee',
	'no_show_mentor',
] as const
export const INTRO_DECISIONS = ['approve_continuation', 'reject'] as const
/** An admin's decision on a disputed no-show: the mentor's outcome stands, or the mentee is believed (the mentor did not show). */
export const DISPUTE_DECISIONS = ['upheld', 'overturned'] as const
export const BUNDLE_STATUSES = ['pending', 'active', 'refunded', 'expired', 'payment_failed'] as const
export const RELATIONSHIP_STATUSES = ['pending', 'confirmed', 'declined', 'ended'] as const
export const RELATIONSHIP_ORIGINS = ['intro', 'admin', 'programme'] as const

export type SessionType = (typeof SESSION_TYPES)[number]
export type SessionStatus = (typeof SESSION_STATUSES)[number]
export type IntroDecision = (typeof INTRO_DECISIONS)[number]
export type DisputeDecision = (typeof DISPUTE_DECISIONS)[number]

/** What a mentee tells the mentor when asking for an intro. */
export type IntroForm = { helpWith: string; background: string; goals: string }

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

/**
 * What a mentor sells: N sessions of M minutes for a price. Retired offers stay (bundles point at
 * them) but are no longer shown or sold. The price always splits evenly into sessions, so the
 * per-session price refunds and payouts use is exact.
 */
export const bundleOffers = pgTable(
	'bundle_offers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		mentorId: uuid('mentor_id')
			.notNull()
			.references(() => users.id),
		sessionsCount: integer('sessions_count').notNull(),
		sessionMinutes: integer('session_minutes').notNull(),
		priceCents: integer('price_cents').notNull(),
		currency: text('currency').notNull(),
		validityMonths: integer('validity_months'),
		retiredAt: timestamp('retired_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		index('bundle_offers_mentor_idx').on(t.mentorId),
		check('bundle_offers_sessions_range', sql`${t.sessionsCount} between 1 and 50`),
		check('bundle_offers_session_minutes_range', sql`${t.sessionMinutes} between 10 and 480`),
		check('bundle_offers_price_positive', sql`${t.priceCents} > 0`),
		check('bundle_offers_price_splits_evenly', sql`${t.priceCents} % ${t.sessionsCount} = 0`),
		check('bundle_offers_currency_format', sql`${t.currency} ~ '^[a-z]{3}$'`),
		check('bundle_offers_validity_months_range', sql`${t.validityMonths} is null or ${t.validityMonths} between 1 and 36`),
	],
)

/**
 * A prepaid bundle of sessions with one mentor. Credits: total, reserved (booked, not yet
 * confirmed), consumed, refunded; the checks make over-use impossible whatever the code does.
 * Bought through Stripe Checkout: it turns active only from a verified webhook; `price_cents` is
 * what was charged and `amount_refunded` never exceeds it. The offer's terms are copied, so
 * editing or retiring the offer never changes a bundle already bought.
 */
export const bundles = pgTable(
	'bundles',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		mentorId: uuid('mentor_id')
			.notNull()
			.references(() => users.id),
		menteeId: uuid('mentee_id')
			.notNull()
			.references(() => users.id),
		status: text('status', { enum: BUNDLE_STATUSES }).notNull().default('pending'),
		sessionMinutes: integer('session_minutes').notNull(),
		creditsTotal: integer('credits_total').notNull(),
		creditsReserved: integer('credits_reserved').notNull().default(0),
		creditsConsumed: integer('credits_consumed').notNull().default(0),
		creditsRefunded: integer('credits_refunded').notNull().default(0),
		offerId: uuid('offer_id').references(() => bundleOffers.id),
		priceCents: integer('price_cents').notNull().default(0),
		currency: text('currency').notNull().default('eur'),
		platformFeePercent: integer('platform_fee_percent').notNull().default(20),
		validityMonths: integer('validity_months'),
		checkoutSessionId: text('checkout_session_id'),
		paymentIntentId: text('payment_intent_id'),
		chargeId: text('charge_id'),
		amountRefunded: integer('amount_refunded').notNull().default(0),
		paidAt: timestamp('paid_at', { withTimezone: true }),
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		index('bundles_mentee_mentor_idx').on(t.menteeId, t.mentorId),
		uniqueIndex('bundles_checkout_session_unique').on(t.checkoutSessionId),
		index('bundles_charge_idx').on(t.chargeId),
		index('bundles_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'active'`),
		check('bundles_credits_refunded_nonnegative', sql`${t.creditsRefunded} >= 0`),
		check('bundles_price_nonnegative', sql`${t.priceCents} >= 0`),
		check('bundles_currency_format', sql`${t.currency} ~ '^[a-z]{3}$'`),
		check('bundles_fee_percent_range', sql`${t.platformFeePercent} between 0 and 100`),
		check('bundles_validity_months_range', sql`${t.validityMonths} is null or ${t.validityMonths} between 1 and 36`),
		// Never more refunded than was paid.
		check('bundles_refunded_within_paid', sql`${t.amountRefunded} between 0 and ${t.priceCents}`),
		check('bundles_status', sql`${t.status} in (${inList(BUNDLE_STATUSES)})`),
		check('bundles_mentor_not_mentee', sql`${t.mentorId} <> ${t.menteeId}`),
		check('bundles_session_minutes_range', sql`${t.sessionMinutes} between 10 and 480`),
		check('bundles_credits_total_positive', sql`${t.creditsTotal} > 0`),
		check('bundles_credits_reserved_nonnegative', sql`${t.creditsReserved} >= 0`),
		check('bundles_credits_consumed_nonnegative', sql`${t.creditsConsumed} >= 0`),
		check('bundles_credits_within_total', sql`${t.creditsReserved} + ${t.creditsConsumed} + ${t.creditsRefunded} <= ${t.creditsTotal}`),
	],
)

/**
 * A mentoring session (not to be confused with auth_sessions). Overlap per mentor and per mentee
 * is refused by exclusion constraints in the hand-written migration 0002_booking_constraints.
 */
export const sessions = pgTable(
	'sessions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		mentorId: uuid('mentor_id')
			.notNull()
			.references(() => users.id),
		menteeId: uuid('mentee_id')
			.notNull()
			.references(() => users.id),
		type: text('type', { enum: SESSION_TYPES }).notNull(),
		status: text('status', { enum: SESSION_STATUSES }).notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		bundleId: uuid('bundle_id').references(() => bundles.id),
		introForm: jsonb('intro_form').$type<IntroForm>(),
		rejectionReason: text('rejection_reason'),
		cancelledBy: uuid('cancelled_by').references(() => users.id),
		cancellationReason: text('cancellation_reason'),
		introDecision: text('intro_decision', { enum: INTRO_DECISIONS }),
		/** What the pair wants to cover, set by either of them while the session is to come; the 24-hour reminder carries it. */
		agenda: text('agenda'),
		/** Where this session happens when it is not where its calendar says (a meeting link or a place). */
		meetingLocation: text('meeting_location'),
		/** The mentee's dispute of a "mentee did not show" outcome, and the admin's decision on it. */
		disputedAt: timestamp('disputed_at', { withTimezone: true }),
		disputeNote: text('dispute_note'),
		disputeDecision: text('dispute_decision', { enum: DISPUTE_DECISIONS }),
		disputeDecidedAt: timestamp('dispute_decided_at', { withTimezone: true }),
		disputeDecidedBy: uuid('dispute_decided_by').references(() => users.id),
		/** 'YYYY-MM' of the start in the mentee's time zone: the month the intro quota counts it in. */
		quotaMonth: text('quota_month').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		index('sessions_mentor_starts_idx').on(t.mentorId, t.startsAt),
		index('sessions_mentee_starts_idx').on(t.menteeId, t.startsAt),
		// The sessions of a range, read from the index alone (it also carries the pair, status and id: migration 0022): the programme report.
		index('sessions_starts_idx').on(t.startsAt),
		index('sessions_intro_quota_idx').on(t.menteeId, t.quotaMonth).where(sql`${t.type} = 'intro'`),
		index('sessions_bundle_idx').on(t.bundleId),
		check('sessions_type', sql`${t.type} in (${inList(SESSION_TYPES)})`),
		check('sessions_status', sql`${t.status} in (${inList(SESSION_STATUSES)})`),
		check('sessions_mentor_not_mentee', sql`${t.mentorId} <> ${t.menteeId}`),
		check('sessions_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
		check('sessions_quota_month_format', sql`${t.quotaMonth} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
		// A paid session always spends a bundle's credit; an intro never does.
		check('sessions_bundle_iff_paid', sql`(${t.type} = 'paid') = (${t.bundleId} is not null)`),
		check('sessions_intro_form_iff_intro', sql`(${t.type} = 'intro') = (${t.introForm} is not null)`),
		check('sessions_intro_only_pending_for_intros', sql`${t.type} = 'intro' or ${t.status} <> 'pending'`),
		check('sessions_decision_for_intros', sql`${t.introDecision} is null or ${t.type} = 'intro'`),
		check('sessions_intro_decision', sql`${t.introDecision} is null or ${t.introDecision} in (${inList(INTRO_DECISIONS)})`),
		check('sessions_agenda_length', sql`${t.agenda} is null or length(${t.agenda}) <= 2000`),
		check('sessions_meeting_location_length', sql`${t.meetingLocation} is null or length(${t.meetingLocation}) between 1 and 500`),
		// Only a paid session's no-show is disputed, with a note, once; a decision needs a dispute and names who made it.
		check(
			'sessions_dispute_shape',
			sql`${t.disputedAt} is null or (${t.type} = 'paid' and ${t.status} in ('no_show_mentee', 'no_show_mentor') and length(btrim(${t.disputeNote})) between 1 and 2000)`,
		),
		check(
			'sessions_dispute_decision_shape',
			sql`(${t.disputeDecision} is null) = (${t.disputeDecidedAt} is null) and (${t.disputeDecision} is null or (${t.disputedAt} is not null and ${t.disputeDecidedBy} is not null and ${t.disputeDecision} in (${inList(DISPUTE_DECISIONS)})))`,
		),
		check('sessions_rejection_has_reason', sql`${t.status} <> 'rejected' or length(btrim(${t.rejectionReason})) > 0`),
	],
)

/**
 * A mentoring relationship: pending until both sides confirm. At most one live (pending or
 * confirmed) relationship per pair; ended or declined ones stay as history.
 */
export const relationships = pgTable(
	'relationships',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		mentorId: uuid('mentor_id')
			.notNull()
			.references(() => users.id),
		menteeId: uuid('mentee_id')
			.notNull()
			.references(() => users.id),
		status: text('status', { enum: RELATIONSHIP_STATUSES }).notNull().default('pending'),
		/** How it began: a mentor's intro decision, an admin's proposal, or a programme's match request. */
		origin: text('origin', { enum: RELATIONSHIP_ORIGINS }).notNull(),
		/** The programme it belongs to, if any ("A relationship may belong to a programme"). */
		programmeId: uuid('programme_id').references(() => programmes.id),
		mentorConfirmedAt: timestamp('mentor_confirmed_at', { withTimezone: true }),
		menteeConfirmedAt: timestamp('mentee_confirmed_at', { withTimezone: true }),
		/** Who declined or ended it, and their note (a decline's optional note, an admin's required reason). */
		closedBy: uuid('closed_by').references(() => users.id),
		closingNote: text('closing_note'),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		/**
		 * The private part of its tracking address, `<token>@<MENTORA_INBOUND_DOMAIN>`: mail either
		 * person sends with it in To or Cc lands in the workspace's timeline. Cleared to revoke it.
		 */
		trackingToken: text('tracking_token').default(sql`replace(gen_random_uuid()::text, '-', '')`),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('relationships_tracking_token_unique').on(t.trackingToken),
		uniqueIndex('relationships_live_pair_unique')
			.on(t.mentorId, t.menteeId)
			.where(sql`${t.status} in ('pending', 'confirmed')`),
		index('relationships_mentee_idx').on(t.menteeId),
		index('relationships_programme_idx').on(t.programmeId),
		check('relationships_status', sql`${t.status} in (${inList(RELATIONSHIP_STATUSES)})`),
		check('relationships_origin', sql`${t.origin} in (${inList(RELATIONSHIP_ORIGINS)})`),
		check('relationships_mentor_not_mentee', sql`${t.mentorId} <> ${t.menteeId}`),
		check('relationships_closing_note_length', sql`${t.closingNote} is null or length(${t.closingNote}) <= 2000`),
		// Confirmed means both sides said yes.
		check(
			'relationships_confirmed_by_both',
			sql`${t.status} <> 'confirmed' or (${t.mentorConfirmedAt} is not null and ${t.menteeConfirmedAt} is not null)`,
		),
	],
)
