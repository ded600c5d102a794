import { type RegistrationStatus } from '../../../db/schema/programmes'
import { type JourneyStep, type ParticipantStep } from '~/rules/journey-steps'

/** What the programme page's action answers, shown beside the form it belongs to. */

export const INTENTS = ['register', 'withdraw', 'end', 'confirm', 'add_period', 'end_period', 'request'] as const
export type Intent = (typeof INTENTS)[number]

export type Answer = {
	ok: boolean
	intent: Intent | null
	message: string
	fields: Record<string, string[]>
	/** The form the answer belongs to, so the page shows it there. */
	registrationId?: string
	periodId?: string
	mentorId?: string
	role?: string
	code?: string
	/** What a refused registration form held, so it comes back filled in without JavaScript. */
	values?: Record<string, string>
}

export type RegistrationItem = {
	id: string
	role: 'mentor' | 'mentee'
	status: RegistrationStatus
	capacity?: number
	periods: { id: string; start: string; end: string | null }[]
	declineReason?: string
	createdAt: string
	steps: JourneyStep[]
	next: string
	actions: ParticipantStep[]
	periodsOpen: boolean
}
