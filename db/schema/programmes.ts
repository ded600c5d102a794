import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './users'

export const MATCHING_MODES = ['self', 'admin', 'facilitator'] as const
export const REGISTRATION_ROLES = ['mentor', 'mentee'] as const
export const REGISTRATION_STATUSES = [
	'application',
	'searching',
	'awaiting_manager_validation',
	'in_progress',
	'awaiting_confirmation',
	'completed',
	'declined',
	'withdrawn',
] as const
/** Statuses a registration never leaves. */
export const FINAL_REGISTRATION_STATUSES = ['completed', 'declined', 'withdrawn'] as const

/** What a programme's report can show (PRODUCT.md "Reports and exports"); each programme picks its own. */
export const REPORT_METRICS = [
	'registrations',
	'matching',
	'relationships',
	'sessions',
	'no_shows',
	'goals',
	'assignments',
	'contact',
	'feedback',
	'participation',
] as const
export type ReportMetric = (typeof REPORT_METRICS)[number]

export type MatchingMode = (typeof MATCHING_MODES)[number]
export type RegistrationRole = (typeof REGISTRATION_ROLES)[number]
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

/** Who may register: each list left empty admits everyone on that count; a filled one must match. */
export type Audience = { roles: RegistrationRole[]; departments: string[]; locations: string[]; emailDomains: string[] }
/** The programme's matching weights; any left out take the code's defaults. */
export type MatchingWeights = { subjects?: number; background?: number; timeZone?: number; seniority?: number }

export const matchingMode = pgEnum('matching_mode', MATCHING_MODES)
export const registrationRole = pgEnum('registration_role', REGISTRATION_ROLES)
export const registrationStatus = pgEnum('registration_status', REGISTRATION_STATUSES)

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))

/** A mentoring programme: its audience, how it matches, and its content. */
export const programmes = pgTable(
	'programmes',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		slug: text('slug').notNull().unique(),
		name: text('name').notNull(),
		/** Markdown. */
		description: text('description').notNull().default(''),
		audience: jsonb('audience')
			.$type<Audience>()
			.notNull()
			.default({ roles: [], departments: [], locations: [], emailDomains: [] }),
		/** Mentees per mentor: 1 is one-to-one, more is a group. */
		groupSize: integer('group_size').notNull().default(1),
		matchingMode: matchingMode('matching_mode').notNull(),
		managerValidation: boolean('manager_validation').notNull().default(false),
		lapseDays: integer('lapse_days').notNull().default(45),
		/** The IANA zone the programme's dates are told in (its CSV exports): where it is run from. */
		timeZone: text('time_zone').notNull().default('UTC'),
		weights: jsonb('weights').$type<MatchingWeights>(),
		/** The metrics its report shows, in this order; null shows the defaults (app/rules/programme-report.ts). */
		reportMetrics: text('report_metrics').array().$type<ReportMetric[]>(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		check('programmes_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
		check('programmes_group_size_range', sql`${t.groupSize} >= 1`),
		check('programmes_lapse_days_range', sql`${t.lapseDays} >= 1`),
		check('programmes_report_metrics', sql`${t.reportMetrics} is null or ${t.reportMetrics} <@ array[${inList(REPORT_METRICS)}]::text[]`),
	],
)

export const programmeCoordinators = pgTable(
	'programme_coordinators',
	{
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => programmes.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('programme_coordinators_unique').on(t.programmeId, t.userId),
		index('programme_coordinators_user_idx').on(t.userId),
	],
)

/**
 * A person's registration for a programme as mentor or mentee, moving through the journey of
 * app/rules/registration-journey.ts. One open registration per programme, person and role;
 * declined, withdrawn and completed ones stay as history and a new one may follow.
 */
export const registrations = pgTable(
	'registrations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => programmes.id),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		role: registrationRole('role').notNull(),
		status: registrationStatus('status').notNull().default('application'),
		/** Mentors only: how many mentees at once in this programme; null takes the dossier's capacity. */
		capacity: integer('capacity'),
		managerEmail: text('manager_email'),
		partnerEmail: text('partner_email'),
		motivation: text('motivation').notNull().default(''),
		declineReason: text('decline_reason'),
		validatedAt: timestamp('validated_at', { withTimezone: true }),
		statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		uniqueIndex('registrations_open_unique')
			.on(t.programmeId, t.userId, t.role)
			.where(sql`${t.status} not in (${inList(FINAL_REGISTRATION_STATUSES)})`),
		index('registrations_programme_status_idx').on(t.programmeId, t.status),
		index('registrations_user_idx').on(t.userId),
		check('registrations_capacity_for_mentors', sql`${t.capacity} is null or (${t.role} = 'mentor' and ${t.capacity} between 1 and 50)`),
		check('registrations_declined_has_reason', sql`${t.status} <> 'declined' or length(btrim(coalesce(${t.declineReason}, ''))) > 0`),
		check('registrations_motivation_length', sql`length(${t.motivation}) <= 4000`),
	],
)

/**
 * An engagement period of a registration: a start date and an optional end date (both inclusive;
 * none means still going). Periods of one registration never overlap: an exclusion constraint in
 * the hand-written migration 0010_engagement_period_constraints.
 */
export const engagementPeriods = pgTable(
	'engagement_periods',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		registrationId: uuid('registration_id')
			.notNull()
			.references(() => registrations.id, { onDelete: 'cascade' }),
		startDate: date('start_date').notNull(),
		endDate: date('end_date'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		index('engagement_periods_registration_idx').on(t.registrationId),
		check('engagement_periods_end_after_start', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
	],
)

/** Who an announcement goes to: each list left empty means every role or every open status. */
export type AnnouncementAudience = { roles: RegistrationRole[]; statuses: RegistrationStatus[] }

/** A programme announcement: shown on the programme's page and emailed to the participants chosen. */
export const programmeAnnouncements = pgTable(
	'programme_announcements',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		programmeId: uuid('programme_id')
			.notNull()
			.references(() => programmes.id, { onDelete: 'cascade' }),
		authorId: uuid('author_id')
			.notNull()
			.references(() => users.id),
		title: text('title').notNull(),
		/** Markdown. */
		body: text('body').notNull(),
		audience: jsonb('audience').$type<AnnouncementAudience>().notNull().default({ roles: [], statuses: [] }),
		recipientCount: integer('recipient_count').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		index('programme_announcements_programme_idx').on(t.programmeId, t.createdAt),
		check('programme_announcements_title_length', sql`length(btrim(${t.title})) between 1 and 200`),
		check('programme_announcements_body_length', sql`length(${t.body}) <= 20000`),
	],
)

export const JOURNEY_LINK_PURPOSES = ['manager_validation', 'partner_confirmation', 'reflection'] as const
export type JourneyLinkPurpose = (typeof JOURNEY_LINK_PURPOSES)[number]

/**
 * A link emailed to someone about a registration (a manager, a partner contact, or the participant
 * themself) that works without signing in. Only a SHA-256 hash of its token is kept; it expires,
 * and `used_at` makes it work once.
 */
export const journeyLinks = pgTable(
	'journey_links',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		registrationId: uuid('registration_id')
			.notNull()
			.references(() => registrations.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: JOURNEY_LINK_PURPOSES }).notNull(),
		/** The engagement period a manager is asked about, where there is one. */
		periodId: uuid('period_id').references(() => engagementPeriods.id, { onDelete: 'cascade' }),
		recipientEmail: text('recipient_email').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		/** What the link was used for ("approve", "reject", "confirm", "mission_ended", "add_dates"). */
		usedFor: text('used_for'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		index('journey_links_registration_idx').on(t.registrationId),
		check('journey_links_purpose', sql`${t.purpose} in (${inList(JOURNEY_LINK_PURPOSES)})`),
		check('journey_links_used_together', sql`(${t.usedAt} is null) = (${t.usedFor} is null)`),
	],
)
