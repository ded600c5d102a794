import { z } from 'zod'
import { deliverAnnouncement } from '../app/services/announcement-delivery.server'
import { defineJob } from './define'

/** Emails a programme announcement to its participants; running it again sends nobody a second copy. */
export const sendAnnouncementJob = defineJob({
	name: 'send-announcement',
	payload: z.object({ announcementId: z.string().uuid() }),
	queue: { retryLimit: 5, retryDelay: 30, retryBackoff: true },
	async run({ announcementId }) {
		await deliverAnnouncement(announcementId)
	},
})
