import { z } from 'zod'
import { sendFoundYourMatch } from '../app/services/journey-emails.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/**
 * The monthly "have you found your match?" to searching participants. It runs each morning of the
 * month's first week, so a worker that was down on the 1st still sends it; the dedupe key per
 * registration and month makes every later run (and a second worker) send nothing new.
 */
export const foundYourMatchJob = defineJob({
	name: 'send-found-your-match',
	payload: z.object({}).passthrough(),
	cron: '0 9 1-7 * *',
	async run() {
		await sendFoundYourMatch(now())
	},
})
