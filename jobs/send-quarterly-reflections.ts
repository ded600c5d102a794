import { z } from 'zod'
import { sendQuarterlyReflections } from '../app/services/journey-emails.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/**
 * The quarterly reflection to participants in progress, in the first week of January, April, July
 * and October (each morning, so a missed run is caught up); once per registration and quarter by
 * the dedupe key, however many runs or workers.
 */
export const quarterlyReflectionsJob = defineJob({
	name: 'send-quarterly-reflections',
	payload: z.object({}).passthrough(),
	cron: '0 9 1-7 1,4,7,10 *',
	async run() {
		await sendQuarterlyReflections(now())
	},
})
