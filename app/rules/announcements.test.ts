import { describe, expect, test } from 'vitest'
import { AnnouncementSchema, OPEN_REGISTRATION_STATUSES, audienceOf, describeAudience, reaches } from './announcements'

describe('announcement audience', () => {
	test('the open statuses are every status but completed, declined and withdrawn', () => {
		expect(OPEN_REGISTRATION_STATUSES).toEqual(['application', 'searching', 'awaiting_manager_validation', 'in_progress', 'awaiting_confirmation'])
	})

	test('every open status chosen is stored as the empty list, meaning all; a narrower choice as itself', () => {
		expect(audienceOf({ to: 'both', statuses: [...OPEN_REGISTRATION_STATUSES] })).toEqual({ roles: [], statuses: [] })
		expect(audienceOf({ to: 'mentees', statuses: ['searching'] })).toEqual({ roles: ['mentee'], statuses: ['searching'] })
	})

	test('it reaches the chosen roles in the chosen statuses, and never a finished registration', () => {
		const toSearchingMentees = { roles: ['mentee' as const], statuses: ['searching' as const] }
		expect(reaches(toSearchingMentees, { role: 'mentee', status: 'searching' })).toBe(true)
		expect(reaches(toSearchingMentees, { role: 'mentor', status: 'searching' })).toBe(false)
		expect(reaches(toSearchingMentees, { role: 'mentee', status: 'in_progress' })).toBe(false)
		for (const status of ['completed', 'declined', 'withdrawn'] as const) expect(reaches({ roles: [], statuses: [] }, { role: 'mentee', status })).toBe(false)
		expect(reaches({ roles: [], statuses: [] }, { role: 'mentor', status: 'awaiting_confirmation' })).toBe(true)
		expect(describeAudience(toSearchingMentees)).toBe('mentees in searching')
		expect(describeAudience({ roles: [], statuses: [] })).toBe('mentors and mentees still in the programme')
	})

	test('the schema keeps the body as written, refuses finished statuses and an empty choice', () => {
		const body = '  # Hi <b>there</b>\n'
		expect(AnnouncementSchema.parse({ title: ' Hi ', body })).toMatchObject({ title: 'Hi', body, to: 'both', statuses: OPEN_REGISTRATION_STATUSES })
		expect(AnnouncementSchema.safeParse({ title: 'Hi', body, statuses: ['withdrawn'] }).success).toBe(false)
		expect(AnnouncementSchema.safeParse({ title: 'Hi', body, statuses: [] }).success).toBe(false)
		expect(AnnouncementSchema.safeParse({ title: 'Hi', body: '   ' }).success).toBe(false)
	})
})
