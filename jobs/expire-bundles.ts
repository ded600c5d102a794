import { z } from 'zod'
import { expireBundles } from '../app/services/bundles.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/** Bundles past their validity expire; a second run finds nothing left to expire. */
export const expireBundlesJob = defineJob({
	name: 'expire-bundles',
	payload: z.object({}).passthrough(),
	cron: '7 * * * *',
	async run() {
		await expireBundles(now())
	},
})
