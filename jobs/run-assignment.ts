import { z } from 'zod'
import { runAssignment } from '../app/services/assignment-run.server'
import { now } from '../app/utils/clock.server'
import { defineJob } from './define'

/** Solves one cohort assignment and stores its result; a second run of a finished one does nothing. */
export const runAssignmentJob = defineJob({
	name: 'run-assignment',
	payload: z.object({ assignmentId: z.string().uuid() }),
	// A run solves in a worker thread (./assignment-worker.ts) while this one writes its progress; a
	// failure is recorded on the assignment, not retried, so one assignment is never solved twice.
	queue: { retryLimit: 0, expireInSeconds: 900 },
	async run({ assignmentId }) {
		await runAssignment(assignmentId, now())
	},
})
