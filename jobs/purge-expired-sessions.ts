import { lt, sql } from 'drizzle-orm'
import { z } from 'zod'
import { getDb } from '../db/client'
import { authSessions, rateLimits } from '../db/schema'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/** Expired sessions and rate-limit windows older than a day are dead weight; deleting twice is harmless. */
export const purgeExpiredSessions = defineJob({
	name: 'purge-expired-sessions',
	payload: z.object({}).passthrough(),
	cron: '17 3 * * *',
	async run() {
		const at = now()
		const db = getDb()
		await db.delete(authSessions).where(lt(authSessions.expiresAt, at))
		await db.delete(rateLimits).where(sql`${rateLimits.windowStart} < ${new Date(at.getTime() - 86_400_000).toISOString()}::timestamptz`)
	},
})
