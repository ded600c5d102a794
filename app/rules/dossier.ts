import { z } from 'zod'
import { NameSchema, TimeZoneSchema } from '../utils/validation'

/**
 * The profile form (account + dossiers): one schema, used by the browser while typing and by
 * the server on submit. Dossier fields follow PRODUCT.md: subjects from the shared list, background
 * (industry, role, department, location, languages, years of experience, work history) and, for
 * mentors, capacity.
 */

/** Optional free text: empty means "not given", stored as ''. */
function optionalText(max: number, label: string) {
	return z
		.string()
		.trim()
		.max(max, `${label} has at most ${max} characters.`)
		.optional()
		.transform((value) => value ?? '')
}

export const MAX_LANGUAGES = 10
export const MAX_SUBJECTS = 10

/** "English, german ,English" → ["English", "german"]: trimmed, empties dropped, first spelling kept. */
export function parseLanguages(input: string): string[] {
	const seen = new Set<string>()
	const languages: string[] = []
	for (const part of input.split(',')) {
		const language = part.trim().replace(/\s+/g, ' ')
		if (!language || seen.has(language.toLowerCase())) continue
		seen.add(language.toLowerCase())
		languages.push(language)
	}
	return languages
}

const LanguagesSchema = z
	.string()
	.max(500, 'Keep the list of languages under 500 characters.')
	.optional()
	.transform((value) => parseLanguages(value ?? ''))
	.pipe(
		z
			.array(z.string().max(40, 'A language name has at most 40 characters.'))
			.max(MAX_LANGUAGES, `List at most ${MAX_LANGUAGES} languages.`),
	)

const SubjectsSchema = z
	.array(z.string().trim().min(1).max(60), { invalid_type_error: 'Choose subjects from the list.' })
	.max(MAX_SUBJECTS, `Choose at most ${MAX_SUBJECTS} subjects.`)
	.default([])
	.transform((slugs) => [...new Set(slugs)])

const YearsSchema = z
	.number({ required_error: 'Enter your years of experience (0 is fine).', invalid_type_error: 'Enter a whole number of years.' })
	.int('Enter a whole number of years.')
	.min(0, 'Years of experience cannot be negative.')
	.max(70, 'Years of experience is at most 70.')

const background = {
	industry: optionalText(100, 'Industry'),
	role: optionalText(100, 'Role'),
	department: optionalText(100, 'Department'),
	location: optionalText(100, 'Location'),
	languages: LanguagesSchema,
	yearsExperience: YearsSchema,
	workHistory: optionalText(2000, 'Work history'),
}

export const MentorDossierSchema = z.object({
	headline: optionalText(120, 'A headline'),
	bio: optionalText(2000, 'A bio'),
	subjects: SubjectsSchema,
	...background,
	// Matching treats a shared language as a hard requirement, so a mentor without one can never match.
	languages: LanguagesSchema.refine((list) => list.length > 0, 'Add at least one language you mentor in.'),
	capacity: z
		.number({ required_error: 'Enter how many mentees you can take at once.', invalid_type_error: 'Enter a whole number.' })
		.int('Enter a whole number.')
		.min(0, 'Capacity cannot be negative.')
		.max(50, 'Capacity is at most 50 mentees.'),
})
export type MentorDossierInput = z.infer<typeof MentorDossierSchema>

export const MenteeDossierSchema = z.object({
	headline: optionalText(120, 'A headline'),
	bio: optionalText(2000, 'A bio'),
	goals: optionalText(2000, 'Goals'),
	subjects: SubjectsSchema,
	...background,
})
export type MenteeDossierInput = z.infer<typeof MenteeDossierSchema>

/** A dossier section is part of the form only for the roles the person has; anything else sent is ignored. */
const ignored = z.unknown().transform(() => undefined)

export function profileSchemaFor(roles: { isMentor: boolean; isMentee: boolean }) {
	return z.object({
		name: NameSchema,
		timeZone: TimeZoneSchema,
		mentor: roles.isMentor ? MentorDossierSchema : ignored,
		mentee: roles.isMentee ? MenteeDossierSchema : ignored,
	})
}

export type ProfileInput = {
	name: string
	timeZone: string
	mentor?: MentorDossierInput
	mentee?: MenteeDossierInput
}

/**
 * A mentor appears in the directory once mentees can judge and match them: a headline says what
 * they offer, and a language is needed for any match. Their page works by its link before that.
 */
export function isListedInDirectory(dossier: { headline: string; languages: string[] }): boolean {
	return dossier.headline.trim() !== '' && dossier.languages.length > 0
}
