import { z } from 'zod'
import { sendSessionReminders } from '../app/services/reminders.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/** Both parties 24 hours before a scheduled session, with its agenda. Dedupe keys make a second run send nothing new. */
export const sessionReminders = defineJob({
	name: 'send-session-reminders',
	payload: z.object({}).passthrough(),
	cron: '*/5 * * * *',
	async run() {
		await sendSessionReminders(now())
	},
})
