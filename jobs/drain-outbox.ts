import { inArray } from 'drizzle-orm'
import { z } from 'zod'
import { getDb } from '../db/client'
import { emailOutbox } from '../db/schema'
import { staleQueuedEmails } from '../app/services/email-delivery.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'
import { enqueue } from './queue.server'
import { sendEmail } from './send-email'

/**
 * The outbox's safety net: a queued row whose send job was lost gets a new one. Sending twice is
 * harmless (row lock, idempotency key), so several workers may run this at once.
 */
export const drainOutbox = defineJob({
	name: 'drain-outbox',
	payload: z.object({}).passthrough(),
	cron: '*/10 * * * *',
	async run() {
		const at = now()
		const ids = await staleQueuedEmails(at)
		if (ids.length === 0) return
		await getDb().transaction(async (tx) => {
			// Touched now, so the next run leaves them to the job enqueued here for another hour.
			await tx.update(emailOutbox).set({ updatedAt: at }).where(inArray(emailOutbox.id, ids))
			for (const emailId of ids) await enqueue(tx, sendEmail, { emailId })
		})
	},
})
