/**
 * The programme form as the API's body: the admin pages read a plain HTML form (lists typed one
 * per line or separated by commas, numbers as text) into the shape ProgrammeSchema and
 * ProgrammeUpdateSchema take, so the page and the API are checked by the same schema.
 */
import { type z } from 'zod'
import { MATCHING_MODES } from '../../db/schema/programmes'
import { DEFAULT_REPORT_METRICS } from './programme-report'

export const WEIGHT_PARTS = ['subjects', 'background', 'timeZone', 'seniority'] as const
export const AUDIENCE_LISTS = ['departments', 'locations', 'emailDomains'] as const

/** What the form holds as typed: strings, and the roles ticked. Kept to show the form again after a refusal. */
export type ProgrammeFormValues = {
	slug: string
	name: string
	description: string
	roles: string[]
	departments: string
	locations: string
	emailDomains: string
	groupSize: string
	matchingMode: string
	managerValidation: boolean
	lapseDays: string
	timeZone: string
	weights: Record<(typeof WEIGHT_PARTS)[number], string>
	reportMetrics: string[]
}

/** "Sales, Legal\nHR" → ["Sales", "Legal", "HR"]: commas or lines, empties dropped. */
export function splitList(text: string): string[] {
	return text
		.split(/[,\n\r]+/)
		.map((entry) => entry.trim())
		.filter(Boolean)
}

const text = (form: FormData, name: string) => {
	const value = form.get(name)
	return typeof value === 'string' ? value : ''
}

export function readProgrammeForm(form: FormData): ProgrammeFormValues {
	return {
		slug: text(form, 'slug'),
		name: text(form, 'name'),
		description: text(form, 'description'),
		roles: form.getAll('audience.roles').filter((v): v is string => typeof v === 'string'),
		departments: text(form, 'audience.departments'),
		locations: text(form, 'audience.locations'),
		emailDomains: text(form, 'audience.emailDomains'),
		groupSize: text(form, 'groupSize'),
		matchingMode: text(form, 'matchingMode'),
		managerValidation: form.get('managerValidation') === 'on',
		lapseDays: text(form, 'lapseDays'),
		timeZone: text(form, 'timeZone'),
		weights: Object.fromEntries(WEIGHT_PARTS.map((part) => [part, text(form, `weights.${part}`)])) as ProgrammeFormValues['weights'],
		reportMetrics: form.getAll('reportMetrics').filter((v): v is string => typeof v === 'string'),
	}
}

/** A number as typed; left empty, the field is not given (its default, or unchanged). Anything else goes to the schema as it is, to be refused there. */
function numberOrText(value: string): number | string | undefined {
	const trimmed = value.trim()
	if (trimmed === '') return undefined
	return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed
}

/** The API's body for these values; weights all left empty mean the score's defaults (null). */
export function programmeBody(values: ProgrammeFormValues, { withSlug }: { withSlug: boolean }) {
	const weights = Object.fromEntries(WEIGHT_PARTS.flatMap((part) => (values.weights[part].trim() === '' ? [] : [[part, numberOrText(values.weights[part])]])))
	return {
		...(withSlug ? { slug: values.slug } : {}),
		name: values.name,
		description: values.description,
		audience: {
			roles: values.roles,
			departments: splitList(values.departments),
			locations: splitList(values.locations),
			emailDomains: splitList(values.emailDomains),
		},
		groupSize: numberOrText(values.groupSize),
		matchingMode: values.matchingMode || undefined,
		managerValidation: values.managerValidation,
		lapseDays: numberOrText(values.lapseDays),
		timeZone: values.timeZone.trim() || undefined,
		weights: Object.keys(weights).length > 0 ? weights : null,
		// None ticked, like the audience's roles, means the defaults.
		reportMetrics: values.reportMetrics.length > 0 ? values.reportMetrics : null,
	}
}

/** The stored programme as the form's values. */
export function programmeFormValues(p: {
	slug: string
	name: string
	description: string
	audience: { roles: string[]; departments: string[]; locations: string[]; emailDomains: string[] }
	groupSize: number
	matchingMode: string
	managerValidation: boolean
	lapseDays: number
	timeZone: string
	weights: Partial<Record<(typeof WEIGHT_PARTS)[number], number>> | null
	reportMetrics: readonly string[] | null
}): ProgrammeFormValues {
	return {
		slug: p.slug,
		name: p.name,
		description: p.description,
		roles: p.audience.roles,
		departments: p.audience.departments.join('\n'),
		locations: p.audience.locations.join('\n'),
		emailDomains: p.audience.emailDomains.join('\n'),
		groupSize: String(p.groupSize),
		matchingMode: p.matchingMode,
		managerValidation: p.managerValidation,
		lapseDays: String(p.lapseDays),
		timeZone: p.timeZone,
		weights: Object.fromEntries(WEIGHT_PARTS.map((part) => [part, p.weights?.[part] === undefined ? '' : String(p.weights[part])])) as ProgrammeFormValues['weights'],
		reportMetrics: [...(p.reportMetrics ?? DEFAULT_REPORT_METRICS)],
	}
}

export const EMPTY_PROGRAMME_FORM: ProgrammeFormValues = {
	slug: '',
	name: '',
	description: '',
	roles: [],
	departments: '',
	locations: '',
	emailDomains: '',
	groupSize: '1',
	matchingMode: MATCHING_MODES[0],
	managerValidation: false,
	lapseDays: '45',
	timeZone: 'UTC',
	weights: { subjects: '', background: '', timeZone: '', seniority: '' },
	reportMetrics: [...DEFAULT_REPORT_METRICS],
}

/**
 * zod's issues as messages per form field: an entry of a list is reported on its list
 * (`audience.departments.3` → `audience.departments`), and a number typed as anything else
 * reads as such.
 */
export function programmeFieldErrors(error: z.ZodError): Record<string, string[]> {
	const fields: Record<string, string[]> = {}
	for (const issue of error.issues) {
		const [head, next] = issue.path.map(String)
		const key = head === 'audience' || head === 'weights' ? (next ? `${head}.${next}` : head) : (head ?? '_form')
		const message = issue.code === 'invalid_type' && issue.expected === 'number' ? 'Enter a whole number.' : issue.message
		const list = (fields[key] ??= [])
		if (!list.includes(message)) list.push(message)
	}
	return fields
}
