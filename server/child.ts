/**
 * One process forked by `npm start` (server/supervisor.ts): MENTORA_PROCESS says what it runs (web or
 * worker), MENTORA_PROCESS_NAME what it is called in logs and in the X-Served-By header. The primary
 * has already migrated the database and created the job queues. SIGTERM or SIGINT stops it
 * gracefully: the web server finishes its requests, the worker its jobs.
 */
import { closeConnections, startJobWorker, startWeb, type Running } from './roles'

const role = process.env.MENTORA_PROCESS
const name = process.env.MENTORA_PROCESS_NAME ?? String(role)

async function main() {
	if (role !== 'web' && role !== 'worker') throw new Error(`MENTORA_PROCESS must be web or worker, not ${role}`)
	const [{ getEnv }, { startClockAt }] = await Promise.all([import('../app/utils/env.server'), import('../app/utils/clock.server')])
	const env = getEnv()
	// The primary passes its own clock's reading at the fork, so every process tells one time.
	if (env.MENTORA_CLOCK) startClockAt(new Date(env.MENTORA_CLOCK))

	const started: { running?: Running } = {}
	let stopping = false
	const stop = async () => {
		if (stopping) return
		stopping = true
		;(globalThis as { __mentoraStopping?: boolean }).__mentoraStopping = true
		await started.running?.stop().catch((error: unknown) => console.error(`[${name}] while stopping:`, error instanceof Error ? error.message : error))
		await closeConnections().catch(() => {})
		process.exit(0)
	}
	// Ctrl-C reaches every process of the terminal and the primary sends SIGTERM too: both stop once.
	process.on('SIGTERM', () => void stop())
	process.on('SIGINT', () => void stop())
	// The primary went away without a word (killed): nothing supervises this process any more.
	process.on('disconnect', () => void stop())

	started.running = role === 'web' ? await startWeb({ dev: false, servedBy: name }) : await startJobWorker((line) => console.log(line.replace('[worker]', `[${name}]`)))
	process.send?.({ ready: true })
}

main().catch((error: unknown) => {
	console.error(`[${name}] failed to start:`, error instanceof Error ? error.message : error)
	process.exit(1)
})
