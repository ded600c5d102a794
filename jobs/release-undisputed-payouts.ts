import { z } from 'zod'
import { releaseUndisputedPayouts } from '../app/services/payouts.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/** A "mentee did not show" payout nobody disputed within 48 hours goes out. */
export const releaseUndisputedPayoutsJob = defineJob({
	name: 'release-undisputed-payouts',
	payload: z.object({}).passthrough(),
	cron: '*/5 * * * *',
	async run() {
		await releaseUndisputedPayouts(now())
	},
})
