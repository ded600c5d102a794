import { z } from 'zod'
import { deliverEmail } from '../app/services/email-delivery.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/** Sends one outbox row (enqueued by queueEmail in the transaction that wrote it). */
export const sendEmail = defineJob({
	name: 'send-email',
	payload: z.object({ emailId: z.string().uuid() }),
	// 10 s, 20 s, 40 s… about 40 minutes in all before the last attempt marks the row failed.
	queue: { retryLimit: 8, retryDelay: 10, retryBackoff: true },
	// Ten at a time, fetched again after half a second: an announcement to a programme goes out as
	// fast as Resend's request budget allows (RESEND_REQUESTS_PER_SECOND, shared by every worker).
	batchSize: 10,
	pollingIntervalSeconds: 0.5,
	async run({ emailId }) {
		await deliverEmail(emailId, now())
	},
})
