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
export async function startWorker(log: (line: string) => void = console.log): Promise<{ stop: () => Promise<void> }> {
	const boss = await getBoss({ supervise: true })
	await createQueues()
	for (const job of jobs) {
		await boss.work(job.name, { batchSize: 1 }, async ([raw]) => {
			if (!raw) return
			await job.run(job.payload.parse(raw.data))
		})
		if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' })
	}
	log(`[worker] running ${jobs.length} job type(s)`)
	return { stop: stopBoss }
}
