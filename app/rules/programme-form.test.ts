import { describe, expect, test } from 'vitest'
import { ProgrammeSchema, ProgrammeUpdateSchema } from './programmes'
import { DEFAULT_REPORT_METRICS } from './programme-report'
import { programmeBody, programmeFieldErrors, programmeFormValues, readProgrammeForm, splitList } from './programme-form'

const formOf = (pairs: [string, string][]) => {
	const form = new FormData()
	for (const [k, v] of pairs) form.append(k, v)
	return form
}

describe('the programme form as the API body', () => {
	test('lists split on commas and lines, empties dropped', () => {
		expect(splitList(' Sales, Legal\n\nHR ,\r\n')).toEqual(['Sales', 'Legal', 'HR'])
		expect(splitList('   ')).toEqual([])
	})

	test('a filled form reads as the body ProgrammeSchema takes; empty weights mean the defaults', () => {
		const values = readProgrammeForm(
			formOf([
				['slug', 'leadership-2027'],
				['name', 'Leadership'],
				['audience.roles', 'mentor'],
				['audience.departments', 'Sales,Legal'],
				['groupSize', '3'],
				['matchingMode', 'self'],
				['lapseDays', ''],
				['weights.subjects', ''],
				['reportMetrics', 'feedback'],
				['reportMetrics', 'registrations'],
			]),
		)
		const parsed = ProgrammeSchema.parse(programmeBody(values, { withSlug: true }))
		expect(parsed).toMatchObject({ slug: 'leadership-2027', audience: { roles: ['mentor'], departments: ['Sales', 'Legal'] }, groupSize: 3, lapseDays: 45, managerValidation: false, weights: null, timeZone: 'UTC', reportMetrics: ['registrations', 'feedback'] })
		expect(programmeBody({ ...values, weights: { ...values.weights, seniority: '0' } }, { withSlug: false })).toMatchObject({ weights: { seniority: 0 } })
		expect(programmeBody(values, { withSlug: false })).not.toHaveProperty('slug')
	})

	test('a stored programme reads back as the same form values', () => {
		const stored = { slug: 's', name: 'N', description: 'D', audience: { roles: ['mentee'], departments: ['A', 'B'], locations: [], emailDomains: ['x.org'] }, groupSize: 2, matchingMode: 'admin', managerValidation: true, lapseDays: 30, timeZone: 'Asia/Calcutta', weights: { timeZone: 10 }, reportMetrics: null }
		const values = programmeFormValues(stored)
		expect(ProgrammeUpdateSchema.parse(programmeBody(values, { withSlug: false }))).toEqual({
			name: 'N',
			description: 'D',
			audience: stored.audience,
			groupSize: 2,
			matchingMode: 'admin',
			managerValidation: true,
			lapseDays: 30,
			// A zone's old name is kept as its current one.
			timeZone: 'Asia/Kolkata',
			weights: { timeZone: 10 },
			// A programme that never chose shows the defaults, ticked on its form.
			reportMetrics: [...DEFAULT_REPORT_METRICS],
		})
	})

	test('errors land on the form field: a list entry on its list, a number typed as words as such', () => {
		const values = readProgrammeForm(formOf([['name', 'N'], ['matchingMode', 'self'], ['groupSize', 'two'], ['audience.emailDomains', 'ok.org, bad domain, worse']]))
		const result = ProgrammeUpdateSchema.safeParse(programmeBody(values, { withSlug: false }))
		expect(result.success).toBe(false)
		const fields = programmeFieldErrors(result.error!)
		expect(fields.groupSize).toEqual(['Enter a whole number.'])
		expect(fields['audience.emailDomains']).toHaveLength(1)
		// No metric ticked is the defaults; the API refuses an empty list, which would show nothing.
		expect(programmeBody(values, { withSlug: false }).reportMetrics).toBeNull()
		const empty = ProgrammeUpdateSchema.safeParse({ reportMetrics: [] })
		expect(empty.success || programmeFieldErrors(empty.error).reportMetrics).toEqual(['Choose at least one metric to report.'])
	})
})
