import { z } from 'zod'
import { sendPayoutReleasedEmail } from '../app/services/payouts.server'
import { defineJob } from './define'

/** Queues the "payout released" email; rendering it is CPU work kept apart from the transfers' pace. */
export const notifyPayoutReleasedJob = defineJob({
	name: 'notify-payout-released',
	payload: z.object({ payoutId: z.string().uuid() }),
	batchSize: 10,
	async run({ payoutId }) {
		await sendPayoutReleasedEmail(payoutId)
	},
})
