import { z } from 'zod'
import { markEndedSessionsAwaitingConfirmation } from '../app/services/booking.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/** "scheduled → awaiting_confirmation (by itself, once the end time passes)"; a second run finds nothing left to move. */
export const markEndedSessions = defineJob({
	name: 'mark-ended-sessions',
	payload: z.object({}).passthrough(),
	cron: '* * * * *',
	async run() {
		await markEndedSessionsAwaitingConfirmation(now())
	},
})
