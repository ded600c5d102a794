import { z } from 'zod'
import { releasePayout } from '../app/services/payouts.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/**
 * Transfers one payout's amount to the mentor. Several run at once (the Stripe client's token
 * bucket keeps the whole worker under Stripe's rate limit); a failure is retried with exponential
 * backoff until the payout is marked dead for an admin to retry.
 */
export const releasePayoutJob = defineJob({
	name: 'release-payout',
	payload: z.object({ payoutId: z.string().uuid() }),
	batchSize: 20,
	concurrency: 4,
	pollingIntervalSeconds: 0.5,
	queue: { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
	async run({ payoutId }) {
		await releasePayout(payoutId, now())
	},
})
