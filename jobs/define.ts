import { type z } from 'zod'
import type PgBoss from 'pg-boss'

/**
 * A background job: one file each in jobs/, a typed payload checked on the way in and out, and a
 * handler that is idempotent (pg-boss delivers at least once, and several workers may run).
 */
export type JobDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> = {
	name: string
	payload: S
	run: (payload: z.infer<S>) => Promise<void>
	/** A cron expression (UTC) when the job also runs on a schedule. */
	cron?: string
	queue?: Omit<PgBoss.Queue, 'name'>
	/** Jobs fetched at once by one loop, run side by side; each fails or completes on its own. */
	batchSize?: number
	/** Fetch loops per worker process. */
	concurrency?: number
	/** How long a loop rests between fetches (pg-boss's default is 2 s; it waits out the rest after a quick batch too). */
	pollingIntervalSeconds?: number
}

export function defineJob<S extends z.ZodTypeAny>(job: JobDefinition<S>): JobDefinition<S> {
	return job
}
