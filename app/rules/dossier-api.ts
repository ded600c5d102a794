/**
 * The dossier as the JSON API takes it (PUT /api/v1/me/dossier): the same rules as the profile
 * page's MentorDossierSchema and MenteeDossierSchema, read from JSON instead of a form. Languages
 * come as a list rather than one comma-separated line; fields left out are "not given", as an
 * empty form field is, except a mentor's capacity, which keeps what is stored (0 would silently
 * close them to new mentees).
 */
import { z } from 'zod'
import { MAX_LANGUAGES, MenteeDossierSchema, MentorDossierSchema, type MenteeDossierInput, type MentorDossierInput } from './dossier'

export const DOSSIER_ROLES = ['mentor', 'mentee'] as const
export type DossierRole = (typeof DOSSIER_ROLES)[number]

export const DossierRoleSchema = z.object({
	role: z.enum(DOSSIER_ROLES, { errorMap: () => ({ message: 'Ask for role=mentor or role=mentee.' }) }),
})

const Languages = z
	.array(
		z
			.string({ invalid_type_error: 'A language is a name.' })
			.max(40, 'A language name has at most 40 characters.')
			.refine((name) => !name.includes(','), 'Give one language per entry, without commas.'),
		{ required_error: 'Give the languages as a list (it may be empty).', invalid_type_error: 'Give the languages as a list of names.' },
	)
	.max(MAX_LANGUAGES, `List at most ${MAX_LANGUAGES} languages.`)

const Subjects = z.array(z.string({ invalid_type_error: 'A subject is its slug.' }), {
	required_error: 'Give the subjects as a list of slugs (it may be empty).',
	invalid_type_error: 'Give the subjects as a list of slugs.',
})

const Lists = z.object({ subjects: Subjects, languages: Languages })

/**
 * The JSON body → the page's dossier input, checked by the page's own schema. Both checks run,
 * so every bad field is named at once; a list of the wrong shape is reported once, by the first.
 */
function fromJson<T>(pageSchema: z.ZodType<T, z.ZodTypeDef, unknown>, defaults: Record<string, unknown>): z.ZodType<T, z.ZodTypeDef, unknown> {
	return z.record(z.unknown(), { invalid_type_error: 'Send the dossier as a JSON object.' }).transform((body, ctx) => {
		const lists = Lists.safeParse(body)
		const badLists = new Set(lists.success ? [] : lists.error.issues.map((i) => String(i.path[0])))
		const languages = badLists.has('languages') ? '' : (body.languages as string[]).join(', ')
		const parsed = pageSchema.safeParse({ ...body, languages, yearsExperience: body.yearsExperience ?? 0, capacity: body.capacity ?? defaults.capacity })
		const issues = [...(lists.success ? [] : lists.error.issues), ...(parsed.success ? [] : parsed.error.issues.filter((i) => !badLists.has(String(i.path[0]))))]
		for (const issue of issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message })
		return parsed.success && issues.length === 0 ? parsed.data : z.NEVER
	})
}

export const mentorDossierApiSchema = (storedCapacity: number) => fromJson<MentorDossierInput>(MentorDossierSchema, { capacity: storedCapacity })

export const MenteeDossierApiSchema = fromJson<MenteeDossierInput>(MenteeDossierSchema, {})

/** A dossier as the API answers it: what is stored, subjects by slug. */
export type DossierView = {
	headline: string
	bio: string
	goals?: string
	subjects: string[]
	industry: string
	role: string
	department: string
	location: string
	languages: string[]
	yearsExperience: number
	workHistory: string
	capacity?: number
}
