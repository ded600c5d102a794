/**
 * The primary process of `npm start` forks the web and worker processes (server/child.ts) with
 * Node's cluster module: web processes share PORT and the cluster hands each new connection to the
 * next of them in turn. A process that fails before it is ready stops everything (a port in use, a
 * bad configuration: starting it again would fail again); one that dies later is started again.
 */
import cluster, { type Worker } from 'node:cluster'
import { fileURLToPath } from 'node:url'

export type Role = 'web' | 'worker'

const RESTART_DELAY_MS = 1000
const STOP_TIMEOUT_MS = 20_000

export type Supervisor = {
	/** Resolves once every process said it is ready; rejects when one stopped before. */
	ready: Promise<void>
	/** Stops every process gracefully (SIGTERM), killing what is still running after 20 s. */
	stop: () => Promise<void>
}

export function superviseProcesses(options: {
	counts: Record<Role, number>
	/** Variables each process gets on top of the primary's, read at each fork. */
	env: () => Record<string, string>
	log: (line: string) => void
}): Supervisor {
	cluster.setupPrimary({ exec: fileURLToPath(new URL('./child.ts', import.meta.url)) })
	const alive = new Map<Worker, { name: string; ready: boolean }>()
	const expected = options.counts.web + options.counts.worker
	let readyCount = 0
	let stopping = false
	let settle: { resolve: () => void; reject: (error: Error) => void }
	const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))

	const fork = (role: Role, name: string) => {
		const child = cluster.fork({ ...options.env(), MENTORA_PROCESS: role, MENTORA_PROCESS_NAME: name })
		const entry = { name, ready: false }
		alive.set(child, entry)
		child.on('message', (message: { ready?: boolean }) => {
			if (!message?.ready || entry.ready) return
			entry.ready = true
			if (++readyCount === expected) settle.resolve()
		})
		child.on('exit', (code, signal) => {
			alive.delete(child)
			if (stopping) return
			if (!entry.ready) return settle.reject(new Error(`${name} stopped before it was ready (${signal ?? `exit code ${code}`})`))
			options.log(`[mentora] ${name} stopped (${signal ?? `exit code ${code}`}); starting it again`)
			setTimeout(() => {
				if (!stopping) fork(role, name)
			}, RESTART_DELAY_MS)
		})
	}

	for (let i = 1; i <= options.counts.web; i++) fork('web', `web-${i}`)
	for (let i = 1; i <= options.counts.worker; i++) fork('worker', `worker-${i}`)
	if (expected === 0) settle!.resolve()

	return {
		ready,
		async stop() {
			stopping = true
			await Promise.all(
				[...alive.keys()].map(
					(child) =>
						new Promise<void>((resolve) => {
							if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve()
							const kill = setTimeout(() => child.process.kill('SIGKILL'), STOP_TIMEOUT_MS)
							child.once('exit', () => {
								clearTimeout(kill)
								resolve()
							})
							child.process.kill('SIGTERM')
						}),
				),
			)
		},
	}
}
