import { sql } from 'drizzle-orm'
import { check, customType, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './users'

/** The shared list of subjects mentors offer and mentees ask about. */
export const subjects = pgTable('subjects', {
	slug: text('slug').primaryKey(),
	name: text('name').notNull().unique(),
})

/** Background fields shared by both dossiers; matching compares them. */
const background = {
	industry: text('industry').notNull().default(''),
	role: text('role').notNull().default(''),
	department: text('department').notNull().default(''),
	location: text('location').notNull().default(''),
	languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
	yearsExperience: integer('years_experience').notNull().default(0),
	workHistory: text('work_history').notNull().default(''),
}

export const mentorProfiles = pgTable(
	'mentor_profiles',
	{
		userId: uuid('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull().unique(),
		headline: text('headline').notNull().default(''),
		bio: text('bio').notNull().default(''),
		...background,
		capacity: integer('capacity').notNull().default(3),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		check('mentor_profiles_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
		check('mentor_profiles_capacity_range', sql`${t.capacity} between 0 and 50`),
		check('mentor_profiles_years_range', sql`${t.yearsExperience} between 0 and 70`),
	],
)

export const menteeProfiles = pgTable(
	'mentee_profiles',
	{
		userId: uuid('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		headline: text('headline').notNull().default(''),
		bio: text('bio').notNull().default(''),
		goals: text('goals').notNull().default(''),
		...background,
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [check('mentee_profiles_years_range', sql`${t.yearsExperience} between 0 and 70`)],
)

export const mentorSubjects = pgTable(
	'mentor_subjects',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => mentorProfiles.userId, { onDelete: 'cascade' }),
		subjectSlug: text('subject_slug')
			.notNull()
			.references(() => subjects.slug),
	},
	(t) => [primaryKey({ columns: [t.userId, t.subjectSlug] })],
)

export const menteeSubjects = pgTable(
	'mentee_subjects',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => menteeProfiles.userId, { onDelete: 'cascade' }),
		subjectSlug: text('subject_slug')
			.notNull()
			.references(() => subjects.slug),
	},
	(t) => [primaryKey({ columns: [t.userId, t.subjectSlug] })],
)

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })

/**
 * A person's profile photo, already cropped to a square and resized, in the database so that every
 * web process serves it. `version` changes with each upload; photo URLs carry it and are cached for ever.
 */
export const profilePhotos = pgTable(
	'profile_photos',
	{
		userId: uuid('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		version: text('version').notNull(),
		contentType: text('content_type').notNull(),
		/** 512 × 512 for the profile page. */
		large: bytea('large').notNull(),
		/** 128 × 128 for cards, lists and the header. */
		small: bytea('small').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	},
	(t) => [
		check('profile_photos_content_type', sql`${t.contentType} in ('image/webp', 'image/jpeg')`),
		check('profile_photos_sizes', sql`octet_length(${t.large}) between 1 and 2097152 and octet_length(${t.small}) between 1 and 524288`),
	],
)
