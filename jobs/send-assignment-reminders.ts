import { z } from 'zod'
import { sendOverdueAssignmentReminders } from '../app/services/learning-assignments.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/**
 * The mentee, once per overdue learning assignment. Hourly, since "overdue" begins at midnight in
 * each mentee's own zone; each assignment is stamped when its reminder is queued, so later runs and
 * a second worker send nothing new.
 */
export const assignmentRemindersJob = defineJob({
	name: 'send-assignment-reminders',
	payload: z.object({}).passthrough(),
	cron: '23 * * * *',
	async run() {
		await sendOverdueAssignmentReminders(now())
	},
})
