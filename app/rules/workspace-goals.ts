/**
 * Goals and learning assignments of a relationship's workspace (PRODUCT.md "Relationship
 * workspace"), pure: "the mentee sets goals (title, why, target date), both update status and
 * progress (0–100)"; "the mentor suggests or assigns an item (title, link or description, due
 * date); the mentee marks it done with a note; overdue ones are marked and reminded once".
 */
import { DateTime } from 'luxon'
import { z } from 'zod'
import { daySchema } from '../utils/validation'
import { GOAL_STATUSES, LEARNING_ASSIGNMENT_KINDS, type GoalStatus } from '../../db/schema/workspace'

export const TITLE_MAX_LENGTH = 200
export const GOAL_WHY_MAX_LENGTH = 2000
export const ASSIGNMENT_DESCRIPTION_MAX_LENGTH = 4000
export const ASSIGNMENT_NOTE_MAX_LENGTH = 2000
export const URL_MAX_LENGTH = 2000

const MIN_DAY = '2000-01-01'
const MAX_DAY = '9999-12-31'

const Day = daySchema({ from: MIN_DAY, to: MAX_DAY })

const Title = z
	.string({ required_error: 'Give it a title.', invalid_type_error: 'The title is text.' })
	.trim()
	.min(1, 'Give it a title.')
	.max(TITLE_MAX_LENGTH, `Use at most ${TITLE_MAX_LENGTH} characters.`)

/** Optional text: blank is none. */
const optionalText = (max: number, what: string) =>
	z
		.string({ invalid_type_error: `${what} is text.` })
		.trim()
		.max(max, `Use at most ${max} characters.`)
		.nullish()
		.transform((value) => (value ? value : null))

/** Only http and https links: a `javascript:` or `data:` link would run or carry content in the workspace. */
const Link = z
	.string({ invalid_type_error: 'The link is text.' })
	.trim()
	.max(URL_MAX_LENGTH, `Use at most ${URL_MAX_LENGTH} characters.`)
	.refine((value) => value === '' || isWebLink(value), 'Give a link starting with http:// or https://.')
	.nullish()
	.transform((value) => (value ? value : null))

export function isWebLink(value: string): boolean {
	try {
		const url = new URL(value)
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && /^https?:\/\//i.test(value)
	} catch {
		return false
	}
}

export const GoalCreateSchema = z.object({
	title: Title,
	why: optionalText(GOAL_WHY_MAX_LENGTH, 'Why'),
	targetDate: Day.nullish().transform((value) => value ?? null),
})
export type GoalCreateInput = z.infer<typeof GoalCreateSchema>

const STATUS_MESSAGE = `Choose one of ${GOAL_STATUSES.join(', ')}.`

/** Each field left out stays as it is; `targetDate: null` clears the date. */
export const GoalUpdateSchema = z
	.object({
		status: z.enum(GOAL_STATUSES, { errorMap: () => ({ message: STATUS_MESSAGE }) }).optional(),
		progress: z
			.number({ invalid_type_error: 'Progress is a whole number from 0 to 100.' })
			.int('Progress is a whole number from 0 to 100.')
			.min(0, 'Progress is a whole number from 0 to 100.')
			.max(100, 'Progress is a whole number from 0 to 100.')
			.optional(),
		title: Title.optional(),
		targetDate: Day.nullable().optional(),
	})
	.refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: 'Change at least one of status, progress, title or targetDate.' })
export type GoalUpdateInput = z.infer<typeof GoalUpdateSchema>

export const AssignmentCreateSchema = z.object({
	kind: z.enum(LEARNING_ASSIGNMENT_KINDS, { errorMap: () => ({ message: 'Choose suggested or assigned.' }) }),
	title: Title,
	description: optionalText(ASSIGNMENT_DESCRIPTION_MAX_LENGTH, 'The description'),
	url: Link,
	dueDate: Day.nullish().transform((value) => value ?? null),
})
export type AssignmentCreateInput = z.infer<typeof AssignmentCreateSchema>

/** `done: true` marks it done (with a note); `done: false` reopens it and clears both. */
export const AssignmentUpdateSchema = z.object({
	done: z.boolean({ required_error: 'Say whether it is done (true or false).', invalid_type_error: 'Say whether it is done (true or false).' }),
	note: optionalText(ASSIGNMENT_NOTE_MAX_LENGTH, 'The note'),
})
export type AssignmentUpdateInput = z.infer<typeof AssignmentUpdateSchema>

export type GoalState = { status: GoalStatus; progress: number; achievedAt: Date | null }

/**
 * A goal after a change of status or progress. Achieving it sets progress to 100 and stamps when
 * (kept if it was already achieved); any other status clears that stamp, so a reopened goal is no
 * longer counted as reached. Progress given beside `achieved` is overridden: an achieved goal is
 * whole.
 */
export function changeGoal(current: GoalState, patch: { status?: GoalStatus; progress?: number }, now: Date): GoalState {
	const status = patch.status ?? current.status
	if (status === 'achieved') return { status, progress: 100, achievedAt: current.status === 'achieved' ? current.achievedAt : now }
	return { status, progress: patch.progress ?? current.progress, achievedAt: null }
}

/** Today's date, `YYYY-MM-DD`, in `zone`. */
export function dayIn(zone: string, now: Date): string {
	const local = DateTime.fromJSDate(now, { zone })
	return (local.isValid ? local : DateTime.fromJSDate(now, { zone: 'UTC' })).toISODate()!
}

/**
 * "Overdue ones are marked": its due date has passed in the mentee's zone (the whole due day is
 * theirs to finish it) and it is not done.
 */
export function isOverdue(assignment: { dueDate: string | null; doneAt: Date | null }, menteeZone: string, now: Date): boolean {
	return assignment.dueDate !== null && assignment.doneAt === null && assignment.dueDate < dayIn(menteeZone, now)
}

/** The outbox key of an assignment's one overdue reminder. */
export const overdueReminderKey = (assignmentId: string) => `assignment-overdue:${assignmentId}`
