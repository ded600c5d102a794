/**
 * What one Mentora process runs: the web server or the job worker. `npm start` forks
 * WEB_CONCURRENCY of the one and WORKER_CONCURRENCY of the other (server/start.ts); `npm run dev`
 * runs one of each inside its own process, for Vite's hot reload.
 */
import { type Server } from 'node:http'

export type Running = { stop: () => Promise<void> }

/**
 * The web server on PORT, keeping mentors' schedules between requests (mentor-schedule-cache).
 * Forked processes share the port: the cluster spreads connections over them.
 */
export async function startWeb(options: { dev: boolean; servedBy: string }): Promise<Running> {
	const [{ getEnv }, { createApp }, scheduleCache] = await Promise.all([
		import('../app/utils/env.server'),
		import('./app'),
		import('../app/services/mentor-schedule-cache.server'),
	])
	const { app, closeVite } = await createApp({ dev: options.dev, servedBy: options.servedBy })
	await scheduleCache.startMentorScheduleCache()
	const server = await new Promise<Server>((resolve, reject) => {
		const listening = app.listen(getEnv().PORT, () => resolve(listening))
		listening.once('error', reject)
	})
	return {
		async stop() {
			await new Promise((resolve) => server.close(resolve))
			await scheduleCache.stopMentorScheduleCache()
			await closeVite()
		},
	}
}

/** The job worker: every queue, handler and schedule (pg-boss shares the work between workers). */
export async function startJobWorker(log?: (line: string) => void): Promise<Running> {
	const { startWorker } = await import('../jobs/worker')
	return startWorker(log)
}

/** What every process closes last: its database pools. */
export async function closeConnections(): Promise<void> {
	const [{ closeDb }, { closeRequestBudgets }] = await Promise.all([import('../db/client'), import('../app/services/request-budget.server')])
	await closeDb()
	await closeRequestBudgets()
}
