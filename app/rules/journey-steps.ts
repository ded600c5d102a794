/**
 * The registration journey as a participant reads it on the programme's page, pure: the steps in
 * order, where they stand, what they do next, and which of their own steps the journey table
 * (registration-journey.ts) allows now.
 *
 * application → searching → awaiting manager validation (only where the programme asks) → in
 * progress → awaiting confirmation → completed. A declined or withdrawn registration is shown
 * stopped at the step it had reached.
 */
import type { MatchingMode, RegistrationRole, RegistrationStatus } from '../../db/schema/programmes'
import { JOURNEY } from './registration-journey'

export type JourneyStepKey = 'application' | 'searching' | 'awaiting_manager_validation' | 'in_progress' | 'awaiting_confirmation' | 'completed'

export type JourneyStep = {
	key: JourneyStepKey
	label: string
	/** done: passed; current: where they stand; stopped: where a declined or withdrawn registration ended; upcoming: still ahead. */
	state: 'done' | 'current' | 'stopped' | 'upcoming'
}

const LABELS: Record<JourneyStepKey, string> = {
	application: 'Application',
	searching: 'Searching',
	awaiting_manager_validation: 'Awaiting manager validation',
	in_progress: 'In progress',
	awaiting_confirmation: 'Awaiting confirmation',
	completed: 'Completed',
}

export function stepKeys(managerValidation: boolean): JourneyStepKey[] {
	return ['application', 'searching', ...(managerValidation ? (['awaiting_manager_validation'] as const) : []), 'in_progress', 'awaiting_confirmation', 'completed']
}

/**
 * What the registration had reached when it stopped. A decline only comes from the application; a
 * withdrawal may come from anywhere, and the row keeps only whether it was validated and whether it
 * had engagement dates, so that is what it shows.
 */
export function stoppedAt(input: { status: RegistrationStatus; validated: boolean; engaged: boolean }): JourneyStepKey {
	if (input.status === 'declined' || !input.validated) return 'application'
	return input.engaged ? 'in_progress' : 'searching'
}

export function journeySteps(input: { status: RegistrationStatus; managerValidation: boolean; validated: boolean; engaged: boolean }): JourneyStep[] {
	const keys = stepKeys(input.managerValidation)
	const stopped = input.status === 'declined' || input.status === 'withdrawn'
	// A registration in awaiting_manager_validation always has the step, even if the programme stopped asking since.
	if (input.status === 'awaiting_manager_validation' && !keys.includes('awaiting_manager_validation')) keys.splice(2, 0, 'awaiting_manager_validation')
	const at = stopped ? stoppedAt(input) : (input.status as JourneyStepKey)
	const index = keys.indexOf(at)
	return keys.map((key, i) => ({
		key,
		label: LABELS[key],
		state: i < index ? 'done' : i === index ? (stopped ? 'stopped' : 'current') : 'upcoming',
	}))
}

/** What the participant does next, in a sentence per status. */
export function nextStepSentence(input: { status: RegistrationStatus; role: RegistrationRole; matchingMode: MatchingMode; declineReason?: string }): string {
	switch (input.status) {
		case 'application':
			return 'A coordinator reviews your registration and may contact you; you are emailed once it is validated.'
		case 'searching':
			if (input.matchingMode === 'self') {
				return input.role === 'mentee'
					? 'Choose a mentor from your recommendations below and request them. Found a match already? Add your engagement dates.'
					: 'Mentees of this programme choose their mentors: you are emailed when one asks for you. Found a match already? Add your engagement dates.'
			}
			return 'The coordinators are finding your match; you are emailed when one is proposed. Found a match already? Add your engagement dates.'
		case 'awaiting_manager_validation':
			return 'Your manager has been emailed to approve your engagement; nothing to do until they answer.'
		case 'in_progress':
			return 'Mentoring is under way: keep your engagement dates up to date, and say when your mission has ended.'
		case 'awaiting_confirmation':
			return "Confirm your participation below (or your partner organisation's contact confirms it)."
		case 'completed':
			return 'Your participation is confirmed. Thank you for taking part.'
		case 'declined':
			return `A coordinator declined this registration${input.declineReason ? `: “${input.declineReason}”` : ''}. You may register again.`
		case 'withdrawn':
			return 'You withdrew from this programme. You may register again.'
	}
}

export type ParticipantStep = 'withdraw' | 'end' | 'confirm'

/** The participant's own steps the journey table allows from this status, in the order the page offers them. */
export function participantSteps(status: RegistrationStatus): ParticipantStep[] {
	return (['confirm', 'end', 'withdraw'] as const).filter((action) => JOURNEY[action].from.includes(status) && JOURNEY[action].by.includes('participant'))
}

const STATUS_LABELS: Record<RegistrationStatus, string> = { ...LABELS, declined: 'Declined', withdrawn: 'Withdrawn' }

/** A registration's status in the words the pages use. */
export const statusLabel = (status: RegistrationStatus) => STATUS_LABELS[status]
