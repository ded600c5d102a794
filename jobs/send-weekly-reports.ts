import { z } from 'zod'
import { sendWeeklyReports } from '../app/services/report-digests.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/**
 * The coordinators' weekly report email, Monday 08:00 in each coordinator's zone. Every 15 minutes,
 * since zones are offset from UTC by whole quarter hours: each zone's Monday 08:00–08:59 holds four
 * runs, and the week claimed per subscription makes every later run (and a second worker) send
 * nothing new.
 */
export const weeklyReportsJob = defineJob({
	name: 'send-weekly-reports',
	payload: z.object({}).passthrough(),
	cron: '*/15 * * * *',
	async run() {
		await sendWeeklyReports(now())
	},
})
