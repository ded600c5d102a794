import { z } from 'zod'
import { sendLapsedAlerts } from '../app/services/reminders.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/** Admins hear of each relationship that lapsed (no completed session in 45 days). Dedupe keys make a second run send nothing new. */
export const lapsedAlerts = defineJob({
	name: 'send-lapsed-alerts',
	payload: z.object({}).passthrough(),
	cron: '0 8 * * *',
	async run() {
		await sendLapsedAlerts(now())
	},
})
