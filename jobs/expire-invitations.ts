import { z } from 'zod'
import { expireUnreviewedInvitations } from '../app/services/booking.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/** "one not reviewed by its start time expires"; a second run finds nothing left to expire. */
export const expireInvitations = defineJob({
	name: 'expire-invitations',
	payload: z.object({}).passthrough(),
	cron: '* * * * *',
	async run() {
		await expireUnreviewedInvitations(now())
	},
})
