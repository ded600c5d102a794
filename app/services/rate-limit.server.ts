import { sql } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { rateLimits } from '../../db/schema'

export type Limit = { key: string; max: number; windowMs: number }

/** Seconds until the window of `limit` reopens, or 0 when it is still open. */
export async function retryAfterSeconds(limit: Limit, now: Date): Promise<number> {
	const [row] = await getDb()
		.select()
		.from(rateLimits)
		.where(sql`${rateLimits.key} = ${limit.key}`)
	if (!row) return 0
	const reopensAt = row.windowStart.getTime() + limit.windowMs
	if (reopensAt <= now.getTime() || row.hits < limit.max) return 0
	return Math.max(1, Math.ceil((reopensAt - now.getTime()) / 1000))
}

/** Counts one hit in a fixed window, atomically, across every web process. */
export async function recordHit(limit: Limit, now: Date): Promise<void> {
	// Raw SQL fragments get ISO strings: the postgres driver binds Date objects only through the query builder.
	const windowOpenedBefore = new Date(now.getTime() - limit.windowMs).toISOString()
	const at = now.toISOString()
	await getDb()
		.insert(rateLimits)
		.values({ key: limit.key, windowStart: now, hits: 1 })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: {
				hits: sql`case when ${rateLimits.windowStart} <= ${windowOpenedBefore}::timestamptz then 1 else ${rateLimits.hits} + 1 end`,
				windowStart: sql`case when ${rateLimits.windowStart} <= ${windowOpenedBefore}::timestamptz then ${at}::timestamptz else ${rateLimits.windowStart} end`,
			},
		})
}
