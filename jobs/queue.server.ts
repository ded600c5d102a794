import PgBoss from 'pg-boss'
import { type z } from 'zod'
import { type Transaction } from '../db/client'
import { type JobDefinition } from './define'

const cache = globalThis as unknown as { __mentoraBoss?: { url: string; boss: Promise<PgBoss> } }

export const BOSS_SCHEMA = 'pgboss'

/** The process's pg-boss client, started once (creating or upgrading its schema if needed). */
export function getBoss(options: { supervise?: boolean; maintenanceIntervalSeconds?: number } = {}): Promise<PgBoss> {
	const url = process.env.DATABASE_URL
	if (!url) throw new Error('DATABASE_URL is not set')
	if (cache.__mentoraBoss?.url !== url) {
		const boss = new PgBoss({
			connectionString: url,
			schema: BOSS_SCHEMA,
			max: 4,
			supervise: options.supervise ?? false,
			schedule: options.supervise ?? false,
			...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
		})
		boss.on('error', (error) => {
			// While the process shuts down the database goes away first; that is not worth a report.
			if (!(globalThis as { __mentoraStopping?: boolean }).__mentoraStopping) console.error('[jobs]', error.message)
		})
		cache.__mentoraBoss = { url, boss: boss.start() }
	}
	return cache.__mentoraBoss.boss
}

export async function stopBoss(): Promise<void> {
	const entry = cache.__mentoraBoss
	cache.__mentoraBoss = undefined
	await (await entry?.boss)?.stop({ graceful: true, wait: true, timeout: 10_000 })
}

/**
 * Enqueues a job inside `tx`: it exists only if the change that caused it commits. pg-boss runs
 * its insert through our transaction's connection.
 */
export async function enqueue<S extends z.ZodTypeAny>(
	tx: Transaction,
	job: JobDefinition<S>,
	payload: z.input<S>,
	options: PgBoss.SendOptions = {},
): Promise<string | null> {
	const data = job.payload.parse(payload) as object
	const client = (tx as unknown as { session: { client: { unsafe: (q: string, v: unknown[]) => Promise<unknown[]> } } })
		.session.client
	const db: PgBoss.Db = {
		async executeSql(text, values) {
			const params = values.map((v) => (v === undefined ? null : v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v))
			return { rows: await client.unsafe(text, params) }
		},
	}
	return (await getBoss()).send(job.name, data, { ...options, db })
}
