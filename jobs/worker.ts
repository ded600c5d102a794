import { jobs } from './index'
import { getBoss, stopBoss } from './queue.server'

/** Creates every job's queue (pg-boss refuses jobs for a queue that does not exist). */
export async function createQueues(): Promise<void> {
	const boss = await getBoss()
	for (const job of jobs) {
		await boss.createQueue(job.name, { name: job.name, retryLimit: 5, retryBackoff: true, ...job.queue })
	}
}

/** Starts the worker: creates each job's queue, subscribes a handler and installs its schedule. */
export async function startWorker(
	log: (line: string) => void = console.log,
	options: { maintenanceIntervalSeconds?: number } = {},
): Promise<{ stop: () => Promise<void> }> {
	const boss = await getBoss({ supervise: true, ...options })
	await createQueues()
	for (const job of jobs) {
		for (let loop = 0; loop < (job.concurrency ?? 1); loop++) {
			const polling = job.pollingIntervalSeconds ? { pollingIntervalSeconds: job.pollingIntervalSeconds } : {}
			await boss.work(job.name, { batchSize: job.batchSize ?? 1, ...polling }, async (batch) => {
				// pg-boss completes the whole batch when this returns; a job that failed is failed first
				// (and retried on its own), which the completion then leaves alone.
				const results = await Promise.allSettled(batch.map((raw) => job.run(job.payload.parse(raw.data))))
				const failed = batch.filter((_, i) => results[i]!.status === 'rejected')
				if (batch.length === 1 && failed.length === 1) throw (results[0] as PromiseRejectedResult).reason
				for (const raw of failed) {
					const reason = (results[batch.indexOf(raw)] as PromiseRejectedResult).reason as Error
					await boss.fail(job.name, raw.id, { message: String(reason?.message ?? reason) })
				}
			})
		}
		if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' })
	}
	log(`[worker] running ${jobs.length} job type(s)`)
	return { stop: stopBoss }
}
