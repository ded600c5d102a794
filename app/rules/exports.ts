/**
 * The programme CSV exports of PRODUCT.md "Reports and exports", pure: which exports there are,
 * the filters they take (the registrations table's), their file names, and the one rule that keeps
 * a spreadsheet from running a cell: "no cell is ever run as a formula".
 */
import { DateTime } from 'luxon'
import { z } from 'zod'
import { REGISTRATION_ROLES, REGISTRATION_STATUSES, type RegistrationRole, type RegistrationStatus } from '../../db/schema/programmes'

export const PROGRAMME_EXPORTS = ['registrations', 'participation-dates', 'relationships', 'sessions'] as const
export type ProgrammeExport = (typeof PROGRAMME_EXPORTS)[number]

/** What each export is called where a person reads it (the download links). */
export const EXPORT_TITLES: Record<ProgrammeExport, string> = {
	registrations: 'Registrations follow-up',
	'participation-dates': 'Participation dates follow-up',
	relationships: 'Relationships',
	sessions: 'Sessions',
}

/** "registrations.csv" → "registrations"; anything else is no export. */
export function exportOfFile(file: string): ProgrammeExport | null {
	const name = file.endsWith('.csv') ? file.slice(0, -'.csv'.length) : ''
	return (PROGRAMME_EXPORTS as readonly string[]).includes(name) ? (name as ProgrammeExport) : null
}

/** `<programme-slug>-<export>-<YYYY-MM-DD>.csv`, the date being today's in the programme's zone. */
export function exportFileName(slug: string, name: ProgrammeExport, now: Date, zone: string): string {
	return `${slug}-${name}-${DateTime.fromJSDate(now, { zone }).toISODate()}.csv`
}

/** Registrations in these statuses have no participation dates yet: "Participation dates follow-up" leaves them out. */
export const NOT_YET_PARTICIPATING: readonly RegistrationStatus[] = ['application', 'searching']

export const EXPORT_FILTER_MAX_LENGTH = 200

export type ExportFilters = {
	department?: string
	location?: string
	role?: RegistrationRole
	statuses?: RegistrationStatus[]
	q?: string
	/** Inclusive calendar days in the programme's zone, `YYYY-MM-DD`. */
	from?: string
	to?: string
}

const Text = z
	.string()
	.trim()
	.max(EXPORT_FILTER_MAX_LENGTH, `Use at most ${EXPORT_FILTER_MAX_LENGTH} characters.`)
	// PostgreSQL refuses a NUL in any text; it can only come from crafted input.
	.refine((s) => !s.includes('\u0000'), 'Text must not contain NUL characters.')
	.transform((s) => s || undefined)

const Day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD.')
	.refine((s) => DateTime.fromISO(s, { zone: 'UTC' }).isValid && s >= '1970-01-01', 'That date does not exist.')

const ExportFiltersSchema = z
	.object({
		department: Text.optional(),
		location: Text.optional(),
		q: Text.optional(),
		role: z
			.enum(['', ...REGISTRATION_ROLES], { errorMap: () => ({ message: 'The role is mentor or mentee.' }) })
			.optional()
			.transform((r) => (r ? (r as RegistrationRole) : undefined)),
		statuses: z.array(z.enum(REGISTRATION_STATUSES, { errorMap: () => ({ message: `A status is one of ${REGISTRATION_STATUSES.join(', ')}.` }) })).optional(),
		from: z.union([z.literal(''), Day]).optional(),
		to: z.union([z.literal(''), Day]).optional(),
	})
	.refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'The end of the range comes on or after its start.' })

export type ExportFiltersResult = { ok: true; filters: ExportFilters } | { ok: false; fields: Record<string, string[]> }

/**
 * The export's query string as filters: `department`, `location`, `role`, `from`, `to`, and the
 * table's `status` (repeated or comma-separated) and `q`. An empty value is no filter, as the
 * table's GET form sends it; anything else that does not fit is refused, field by field.
 */
export function readExportFilters(params: URLSearchParams): ExportFiltersResult {
	const statuses = params
		.getAll('status')
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean)
	const raw = {
		department: params.get('department') ?? undefined,
		location: params.get('location') ?? undefined,
		q: params.get('q') ?? undefined,
		role: params.get('role') ?? undefined,
		statuses: statuses.length > 0 ? [...new Set(statuses)] : undefined,
		from: params.get('from') ?? undefined,
		to: params.get('to') ?? undefined,
	}
	const parsed = ExportFiltersSchema.safeParse(raw)
	if (!parsed.success) {
		const fields: Record<string, string[]> = {}
		for (const issue of parsed.error.issues) {
			const key = issue.path[0] === 'statuses' ? 'status' : String(issue.path[0] ?? 'query')
			const list = (fields[key] ??= [])
			if (!list.includes(issue.message)) list.push(issue.message)
		}
		return { ok: false, fields }
	}
	const { from, to, ...rest } = parsed.data
	const filters: ExportFilters = Object.fromEntries(Object.entries({ ...rest, from: from || undefined, to: to || undefined }).filter(([, v]) => v !== undefined))
	return { ok: true, filters }
}

/** The characters a spreadsheet reads as the start of a formula (OWASP's list for CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/** A cell a spreadsheet would run gets a leading single quote, which shows it as the text it is. */
export function neutraliseCell(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value
}

/** The query string that carries these filters onto an export link (the registrations page's own filters). */
export function exportSearch(filters: ExportFilters): string {
	const params = new URLSearchParams()
	for (const s of filters.statuses ?? []) params.append('status', s)
	for (const key of ['role', 'q', 'department', 'location', 'from', 'to'] as const) {
		const value = filters[key]
		if (value) params.set(key, value)
	}
	const search = params.toString()
	return search ? `?${search}` : ''
}
