import { lt, sql } from 'drizzle-orm'
import { z } from 'zod'
import { getDb } from '../db/client'
import { authSessions, throttleCounters } from '../db/schema'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/**
 * Expired sessions and throttle counters are dead weight; deleting twice is harmless. Counters
 * expire on the wall clock (the limiter's own), so they are compared with the database's.
 */
export const purgeExpiredSessions = defineJob({
	name: 'purge-expired-sessions',
	payload: z.object({}).passthrough(),
	cron: '17 3 * * *',
	async run() {
		const at = now()
		const db = getDb()
		await db.delete(authSessions).where(lt(authSessions.expiresAt, at))
		await db.delete(throttleCounters).where(sql`${throttleCounters.expire} < now()`)
	},
})
