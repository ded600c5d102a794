import { z } from 'zod'
import { sendConfirmReminders } from '../app/services/reminders.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/** Mentors a day after an unconfirmed session ended; admins after a week. Dedupe keys make a second run send nothing new. */
export const confirmReminders = defineJob({
	name: 'send-confirm-reminders',
	payload: z.object({}).passthrough(),
	cron: '7 * * * *',
	async run() {
		await sendConfirmReminders(now())
	},
})
