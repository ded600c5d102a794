import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { assignCohort, type Assignment, type AssignmentInput } from '../app/rules/assignment'

/**
 * Solves a cohort assignment in a worker thread, so the job's thread stays free to write the
 * progress the solver reports while it runs (a 10,000 × 1,000 run takes seconds of CPU).
 *
 * Both sides live here: `solveInWorker` on the job's side, and the thread's side, which runs when
 * this module is loaded by ./assignment-thread.mjs inside a worker. That small ES module registers
 * tsx first, since a worker starts without the loader of the thread that made it (under tsx, under
 * vitest, or from `npm start` alike); it lives in jobs/ because only the job runs it, never the
 * web app's build.
 *
 * What crosses: the input without its functions. The audience test is a function, so the job's
 * side applies it to everyone first and sends who is outside; progress comes back as messages.
 */

type Side = 'mentee' | 'mentor'
type Sent = Omit<AssignmentInput, 'onProgress' | 'constraints'> & {
	relationships: NonNullable<AssignmentInput['constraints']>['relationships']
	outside: Record<Side, string[]>
}
type Message = { kind: 'progress'; fraction: number } | { kind: 'done'; assignment: Assignment } | { kind: 'failed'; message: string }

const MARK = 'mentora-assignment'

/** assignCohort in a worker thread: the same answer, with onProgress called as the thread reports it. */
export function solveInWorker(input: AssignmentInput): Promise<Assignment> {
	const { onProgress, constraints, ...rest } = input
	const outsideOf = (people: readonly { id: string }[], side: Side) =>
		constraints?.inAudience ? people.filter((p) => !constraints.inAudience!(p as never, side)).map((p) => p.id) : []
	const sent: Sent = {
		...rest,
		relationships: constraints?.relationships,
		outside: { mentee: outsideOf(input.mentees, 'mentee'), mentor: outsideOf(input.mentors, 'mentor') },
	}
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./assignment-thread.mjs', import.meta.url), { workerData: { [MARK]: sent } })
		let settled = false
		const finish = (error: Error | null, assignment?: Assignment) => {
			if (settled) return
			settled = true
			void worker.terminate()
			if (error) reject(error)
			else resolve(assignment!)
		}
		worker.on('message', (message: Message) => {
			if (message.kind === 'progress') onProgress?.(message.fraction)
			else if (message.kind === 'done') finish(null, message.assignment)
			else finish(new Error(message.message))
		})
		worker.on('error', (error) => finish(error))
		worker.on('exit', (code) => finish(new Error(`The assignment worker stopped (exit code ${code}) before it answered.`)))
	})
}

if (!isMainThread && parentPort && workerData && MARK in workerData) {
	const port = parentPort
	const sent = workerData[MARK] as Sent
	const outside = { mentee: new Set(sent.outside.mentee), mentor: new Set(sent.outside.mentor) }
	try {
		const assignment = assignCohort({
			...sent,
			constraints: { relationships: sent.relationships, inAudience: (person, side) => !outside[side].has(person.id) },
			onProgress: (fraction) => port.postMessage({ kind: 'progress', fraction } satisfies Message),
		})
		port.postMessage({ kind: 'done', assignment } satisfies Message)
	} catch (error) {
		port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies Message)
	}
}
