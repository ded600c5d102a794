import { z } from 'zod'
import { sendScheduleReminders } from '../app/services/reminders.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/** The monthly "schedule a session" reminder for confirmed relationships with nothing booked. Dedupe keys make a second run send nothing new. */
export const scheduleReminders = defineJob({
	name: 'send-schedule-reminders',
	payload: z.object({}).passthrough(),
	cron: '0 14 * * *',
	async run() {
		await sendScheduleReminders(now())
	},
})
