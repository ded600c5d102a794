/**
 * Programme rules of PRODUCT.md "Programmes and registrations", pure: what a programme and a
 * registration may hold (one schema each, shared by the API and any page), and who is in a
 * programme's audience.
 */
import { z } from 'zod'
import { REPORT_METRICS, type Audience, type RegistrationRole } from '../../db/schema/programmes'
import { TimeZoneSchema } from '../utils/validation'
import { MAX_MATCH_WEIGHT } from './matching'
import { DECLINE_REASON_MAX_LENGTH } from './registration-journey'
import type { Verdict } from './booking-rules'

export const PROGRAMME_NAME_MAX_LENGTH = 200
export const PROGRAMME_DESCRIPTION_MAX_LENGTH = 20_000
export const PROGRAMME_SLUG_MAX_LENGTH = 60
export const MAX_GROUP_SIZE = 50
export const MAX_LAPSE_DAYS = 365
export const DEFAULT_LAPSE_DAYS = 45
export const MOTIVATION_MAX_LENGTH = 4000
export const MAX_REGISTRATION_CAPACITY = 50
/** Entries of one audience list; an audience is a short list of names, not a directory. */
const AUDIENCE_LIST_MAX = 100

/** Slugs that would stand where a page's own path is, e.g. /admin/programmes/new. */
export const RESERVED_PROGRAMME_SLUGS: readonly string[] = ['new', 'edit', 'admin', 'api', 'index', 'settings', 'registrations', 'matching', 'announcements']

const SLUG_SHAPE = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** Whether a text could be a programme's slug; one that could not names no programme, and is not looked up. */
export const isProgrammeSlugShaped = (text: string) => text.length <= PROGRAMME_SLUG_MAX_LENGTH && SLUG_SHAPE.test(text)

const Slug = z
	.string({ required_error: 'Give the programme a slug.' })
	.trim()
	.max(PROGRAMME_SLUG_MAX_LENGTH, `Use at most ${PROGRAMME_SLUG_MAX_LENGTH} characters.`)
	.regex(SLUG_SHAPE, 'Use lowercase letters, digits and single hyphens, e.g. leadership-2027.')
	.refine((slug) => !RESERVED_PROGRAMME_SLUGS.includes(slug), 'That word names a page of Mentora; choose another slug.')

const Words = z.array(z.string().trim().min(1, 'An entry cannot be empty.').max(200, 'Use at most 200 characters.')).max(AUDIENCE_LIST_MAX, `List at most ${AUDIENCE_LIST_MAX} entries.`)

const EmailDomain = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$/, 'Use a domain such as example.org, without the @.')

export const AudienceSchema = z.object({
	roles: z.array(z.enum(['mentor', 'mentee'], { errorMap: () => ({ message: 'A role is mentor or mentee.' }) })).max(2).default([]),
	departments: Words.default([]),
	locations: Words.default([]),
	emailDomains: z.array(EmailDomain).max(AUDIENCE_LIST_MAX, `List at most ${AUDIENCE_LIST_MAX} entries.`).default([]),
})

const Weight = z
	.number({ invalid_type_error: 'A weight is a number.' })
	.int('A weight is a whole number.')
	.min(0, 'A weight is at least 0.')
	.max(MAX_MATCH_WEIGHT, `A weight is at most ${MAX_MATCH_WEIGHT}.`)

export const WeightsSchema = z.object({ subjects: Weight.optional(), background: Weight.optional(), timeZone: Weight.optional(), seniority: Weight.optional() })

const programmeFields = {
	name: z
		.string({ required_error: 'Give the programme a name.' })
		.trim()
		.min(1, 'Give the programme a name.')
		.max(PROGRAMME_NAME_MAX_LENGTH, `Use at most ${PROGRAMME_NAME_MAX_LENGTH} characters.`),
	description: z.string().max(PROGRAMME_DESCRIPTION_MAX_LENGTH, `Use at most ${PROGRAMME_DESCRIPTION_MAX_LENGTH} characters.`),
	audience: AudienceSchema,
	groupSize: z.number().int('The group size is a whole number.').min(1, 'A group holds at least one mentee.').max(MAX_GROUP_SIZE, `A group holds at most ${MAX_GROUP_SIZE} mentees.`),
	matchingMode: z.enum(['self', 'admin', 'facilitator'], { errorMap: () => ({ message: 'The matching mode is self, admin or facilitator.' }) }),
	managerValidation: z.boolean({ invalid_type_error: 'Say true or false.' }),
	lapseDays: z.number().int('Lapse days are a whole number.').min(1, 'At least 1 day.').max(MAX_LAPSE_DAYS, `At most ${MAX_LAPSE_DAYS} days.`),
	weights: WeightsSchema.nullable(),
	timeZone: TimeZoneSchema,
	/** The metrics its report shows; null shows the defaults. */
	reportMetrics: z
		.array(z.enum(REPORT_METRICS, { errorMap: () => ({ message: `A metric is one of ${REPORT_METRICS.join(', ')}.` }) }))
		.min(1, 'Choose at least one metric to report.')
		.transform((metrics) => REPORT_METRICS.filter((m) => metrics.includes(m)))
		.nullable(),
}

export const ProgrammeSchema = z.object({
	slug: Slug,
	name: programmeFields.name,
	description: programmeFields.description.default(''),
	audience: programmeFields.audience.default({}),
	groupSize: programmeFields.groupSize.default(1),
	matchingMode: programmeFields.matchingMode,
	managerValidation: programmeFields.managerValidation.default(false),
	lapseDays: programmeFields.lapseDays.default(DEFAULT_LAPSE_DAYS),
	weights: programmeFields.weights.optional().transform((w) => w ?? null),
	timeZone: programmeFields.timeZone.default('UTC'),
	reportMetrics: programmeFields.reportMetrics.optional().transform((m) => m ?? null),
})
export type ProgrammeInput = z.infer<typeof ProgrammeSchema>

/** Any field but the slug, which names the programme in every link and never changes. */
export const ProgrammeUpdateSchema = z
	.object({ slug: z.unknown().optional(), ...programmeFields })
	.partial()
	.superRefine((value, ctx) => {
		if (value.slug !== undefined) ctx.addIssue({ code: 'custom', path: ['slug'], message: "A programme's slug cannot change." })
	})
	.transform(({ slug: _slug, ...rest }) => rest)
export type ProgrammeUpdate = z.infer<typeof ProgrammeUpdateSchema>

export const CoordinatorsSchema = z.object({
	userIds: z.array(z.string().uuid('That is not a user id.')).max(50, 'Name at most 50 coordinators.'),
})

const OptionalEmail = z
	.string()
	.trim()
	.max(254, 'An email address has at most 254 characters.')
	.email('Enter a valid email address.')
	.nullish()
	.transform((v) => v || null)

export const RegistrationSchema = z
	.object({
		role: z.enum(['mentor', 'mentee'], { errorMap: () => ({ message: 'Register as mentor or mentee.' }) }),
		capacity: z
			.number()
			.int('The capacity is a whole number.')
			.min(1, 'Take at least one mentee.')
			.max(MAX_REGISTRATION_CAPACITY, `At most ${MAX_REGISTRATION_CAPACITY} mentees.`)
			.nullish()
			.transform((v) => v ?? null),
		managerEmail: OptionalEmail,
		partnerEmail: OptionalEmail,
		motivation: z.string().trim().max(MOTIVATION_MAX_LENGTH, `Use at most ${MOTIVATION_MAX_LENGTH} characters.`).default(''),
	})
	.superRefine((value, ctx) => {
		if (value.role === 'mentee' && value.capacity !== null) ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'Only mentors give a capacity.' })
	})
export type RegistrationInput = z.infer<typeof RegistrationSchema>

export const DeclineSchema = z.object({
	reason: z
		.string({ required_error: 'Give a reason for declining.' })
		.trim()
		.min(1, 'Give a reason for declining.')
		.max(DECLINE_REASON_MAX_LENGTH, `Use at most ${DECLINE_REASON_MAX_LENGTH} characters.`),
})

const CalendarDate = z
	.string({ required_error: 'Give a date as YYYY-MM-DD.', invalid_type_error: 'Give a date as YYYY-MM-DD.' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD.')
	.refine((value) => {
		const date = new Date(`${value}T00:00:00Z`)
		const year = Number(value.slice(0, 4))
		return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && year >= 1970 && year <= 9999
	}, 'That date does not exist (years 1970 to 9999).')

export const PeriodSchema = z
	.object({ start: CalendarDate, end: CalendarDate.nullish().transform((v) => v ?? null) })
	.superRefine((value, ctx) => {
		// ISO dates compare as strings.
		if (value.end !== null && value.end < value.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end date is on or after the start date.' })
	})

/** What the audience reads of a person for one role: their email and that role's dossier. */
export type AudienceCandidate = { email: string; department: string; location: string }

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

function domainFits(email: string, domains: string[]): boolean {
	const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase()
	// A domain admits its subdomains: example.org admits eu.example.org.
	return domains.some((d) => domain === d || domain.endsWith(`.${d}`))
}

/** Whether a person fits the audience in this role. Each list left empty admits everyone on that count. */
export function fitsAudience(audience: Audience, role: RegistrationRole, person: AudienceCandidate): boolean {
	if (audience.roles.length > 0 && !audience.roles.includes(role)) return false
	if (audience.departments.length > 0 && !audience.departments.some((d) => same(d, person.department))) return false
	if (audience.locations.length > 0 && !audience.locations.some((l) => same(l, person.location))) return false
	if (audience.emailDomains.length > 0 && !domainFits(person.email, audience.emailDomains)) return false
	return true
}

export function checkAudience(audience: Audience, role: RegistrationRole, person: AudienceCandidate): Verdict {
	return fitsAudience(audience, role, person)
		? { ok: true }
		: { ok: false, code: 'not_in_audience', message: `This programme is not open to you as ${role === 'mentor' ? 'a mentor' : 'a mentee'}.` }
}
