import { describe, expect, test } from 'vitest'
import { type ZodError } from 'zod'
import { fieldErrors } from '../utils/validation'
import { AssignmentCreateSchema, AssignmentUpdateSchema, changeGoal, dayIn, GoalCreateSchema, GoalUpdateSchema, isOverdue, isWebLink } from './workspace-goals'

const NOW = new Date('2027-03-06T02:30:00Z')

const fieldsOf = (result: { success: boolean; error?: ZodError }) => (result.success ? {} : fieldErrors(result.error!))

describe('goals: achieved_at and progress', () => {
	const open = { status: 'in_progress' as const, progress: 40, achievedAt: null }

	test('achieving a goal stamps when and makes it whole, whatever progress was sent beside it', () => {
		expect(changeGoal(open, { status: 'achieved', progress: 70 }, NOW)).toEqual({ status: 'achieved', progress: 100, achievedAt: NOW })
	})

	test('an achieved goal keeps the moment it was first achieved when achieved again', () => {
		const achieved = { status: 'achieved' as const, progress: 100, achievedAt: new Date('2027-01-01T00:00:00Z') }
		expect(changeGoal(achieved, { status: 'achieved' }, NOW).achievedAt).toEqual(achieved.achievedAt)
		expect(changeGoal(achieved, { progress: 20 }, NOW)).toEqual(achieved)
	})

	test('reopening an achieved goal clears its stamp and takes the progress given, or keeps 100', () => {
		const achieved = { status: 'achieved' as const, progress: 100, achievedAt: NOW }
		expect(changeGoal(achieved, { status: 'in_progress', progress: 80 }, NOW)).toEqual({ status: 'in_progress', progress: 80, achievedAt: null })
		expect(changeGoal(achieved, { status: 'dropped' }, NOW)).toEqual({ status: 'dropped', progress: 100, achievedAt: null })
	})

	test('progress alone moves progress and nothing else', () => {
		expect(changeGoal(open, { progress: 55 }, NOW)).toEqual({ ...open, progress: 55 })
	})
})

describe('overdue: the due day has passed in the mentee’s zone and it is not done', () => {
	test('the whole due day is the mentee’s: overdue from the next midnight in their zone', () => {
		// 02:30 UTC on 6 March is still 5 March in New York, already 6 March in Berlin.
		expect(dayIn('America/New_York', NOW)).toBe('2027-03-05')
		expect(isOverdue({ dueDate: '2027-03-05', doneAt: null }, 'America/New_York', NOW)).toBe(false)
		expect(isOverdue({ dueDate: '2027-03-05', doneAt: null }, 'Europe/Berlin', NOW)).toBe(true)
	})

	test('done, or without a due date, is never overdue', () => {
		expect(isOverdue({ dueDate: '2027-01-01', doneAt: NOW }, 'UTC', NOW)).toBe(false)
		expect(isOverdue({ dueDate: null, doneAt: null }, 'UTC', NOW)).toBe(false)
	})
})

describe('what a goal and an assignment take', () => {
	test('a goal needs a title of 1 to 200 characters; blank why is none; the target date must exist', () => {
		expect(GoalCreateSchema.parse({ title: '  Lead a team  ', why: ' ', targetDate: '2027-06-30' })).toEqual({ title: 'Lead a team', why: null, targetDate: '2027-06-30' })
		expect(fieldsOf(GoalCreateSchema.safeParse({ title: ' ' }))).toEqual({ title: ['Give it a title.'] })
		expect(fieldsOf(GoalCreateSchema.safeParse({ title: 'x'.repeat(201) }))).toEqual({ title: ['Use at most 200 characters.'] })
		expect(fieldsOf(GoalCreateSchema.safeParse({ title: 'A', targetDate: '2027-02-30' }))).toEqual({ targetDate: ['That date does not exist.'] })
		expect(fieldsOf(GoalCreateSchema.safeParse({ title: 'A', targetDate: '30/06/2027' }))).toEqual({ targetDate: ['Give a date as YYYY-MM-DD.'] })
	})

	test('a goal change takes known statuses and whole progress from 0 to 100, and something to change', () => {
		expect(GoalUpdateSchema.parse({ status: 'achieved', targetDate: null })).toEqual({ status: 'achieved', targetDate: null })
		expect(Object.keys(fieldsOf(GoalUpdateSchema.safeParse({ status: 'done' })))).toEqual(['status'])
		for (const progress of [-1, 101, 12.5, '50']) expect(Object.keys(fieldsOf(GoalUpdateSchema.safeParse({ progress })))).toEqual(['progress'])
		expect(GoalUpdateSchema.safeParse({}).success).toBe(false)
	})

	test('an assignment’s link is http or https only', () => {
		expect(AssignmentCreateSchema.parse({ kind: 'suggested', title: 'Read', url: 'https://example.com/book' }).url).toBe('https://example.com/book')
		for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<b>', 'ftp://example.com', 'example.com', 'https://', ' javascript://example.com/%0Aalert(1)']) {
			expect(fieldsOf(AssignmentCreateSchema.safeParse({ kind: 'assigned', title: 'Read', url }))).toEqual({ url: ['Give a link starting with http:// or https://.'] })
		}
		expect(isWebLink('http://example.com')).toBe(true)
	})

	test('an assignment is suggested or assigned, and marking it takes a boolean', () => {
		expect(Object.keys(fieldsOf(AssignmentCreateSchema.safeParse({ kind: 'required', title: 'Read' })))).toEqual(['kind'])
		expect(AssignmentUpdateSchema.parse({ done: true, note: ' Finished ' })).toEqual({ done: true, note: 'Finished' })
		expect(Object.keys(fieldsOf(AssignmentUpdateSchema.safeParse({ done: 'yes' })))).toEqual(['done'])
	})
})
