import { describe, expect, test } from 'vitest'
import { REGISTRATION_STATUSES } from '../../db/schema/programmes'
import { journeySteps, nextStepSentence, participantSteps } from './journey-steps'

const current = (steps: ReturnType<typeof journeySteps>) => steps.filter((s) => s.state === 'current' || s.state === 'stopped').map((s) => s.key)

describe('journeySteps', () => {
	test('the manager validation step is drawn only where the programme asks for it', () => {
		expect(journeySteps({ status: 'searching', managerValidation: false, validated: true, engaged: false }).map((s) => s.key)).toEqual([
			'application',
			'searching',
			'in_progress',
			'awaiting_confirmation',
			'completed',
		])
		expect(journeySteps({ status: 'searching', managerValidation: true, validated: true, engaged: false }).map((s) => s.key)).toContain('awaiting_manager_validation')
	})

	test.each(['application', 'searching', 'awaiting_manager_validation', 'in_progress', 'awaiting_confirmation', 'completed'] as const)(
		'a registration in %s stands on that step, with the steps before it done',
		(status) => {
			const steps = journeySteps({ status, managerValidation: true, validated: status !== 'application', engaged: false })
			expect(current(steps)).toEqual([status])
			const index = steps.findIndex((s) => s.key === status)
			expect(steps.slice(0, index).every((s) => s.state === 'done')).toBe(true)
			expect(steps.slice(index + 1).every((s) => s.state === 'upcoming')).toBe(true)
		},
	)

	test('a declined or withdrawn registration is stopped where it was', () => {
		expect(current(journeySteps({ status: 'declined', managerValidation: false, validated: false, engaged: false }))).toEqual(['application'])
		expect(current(journeySteps({ status: 'withdrawn', managerValidation: false, validated: true, engaged: false }))).toEqual(['searching'])
		expect(current(journeySteps({ status: 'withdrawn', managerValidation: false, validated: true, engaged: true }))).toEqual(['in_progress'])
		expect(journeySteps({ status: 'declined', managerValidation: false, validated: false, engaged: false })[0]!.state).toBe('stopped')
	})
})

test('every status has a sentence, and a decline quotes its reason', () => {
	for (const status of REGISTRATION_STATUSES) expect(nextStepSentence({ status, role: 'mentee', matchingMode: 'self' }).length).toBeGreaterThan(10)
	expect(nextStepSentence({ status: 'declined', role: 'mentee', matchingMode: 'admin', declineReason: 'Full this year' })).toContain('Full this year')
})

test('the participant is offered exactly the steps the journey table allows them', () => {
	expect(participantSteps('application')).toEqual(['withdraw'])
	expect(participantSteps('in_progress')).toEqual(['end', 'withdraw'])
	expect(participantSteps('awaiting_confirmation')).toEqual(['confirm', 'withdraw'])
	expect(participantSteps('completed')).toEqual([])
	expect(participantSteps('withdrawn')).toEqual([])
})
