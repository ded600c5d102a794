import { z } from 'zod'
import { requeueStrandedPayouts } from '../app/services/payouts.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/** The safety net under release-payout: nothing stays pending for ever, whatever happened to its job. */
export const requeueStrandedPayoutsJob = defineJob({
	name: 'requeue-stranded-payouts',
	payload: z.object({}).passthrough(),
	cron: '*/5 * * * *',
	async run() {
		await requeueStrandedPayouts(now())
	},
})
