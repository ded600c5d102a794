/**
 * The journey of a programme registration (PRODUCT.md "Programmes and registrations"), pure: which
 * step may happen from which status, and who may take it.
 *
 *   application ── validate (coordinator, once) ──▶ searching
 *   application ── decline (coordinator, with a reason) ──▶ declined
 *   searching ── match found ──▶ in_progress, or awaiting_manager_validation where the programme asks
 *   awaiting_manager_validation ── manager approves ──▶ in_progress; rejects ──▶ searching
 *   in_progress ── end (the participant: "the mission ended") ──▶ awaiting_confirmation
 *   awaiting_confirmation ── confirm (the participant, or the partner's contact) ──▶ completed
 *   any status but completed, declined, withdrawn ── withdraw (the participant) ──▶ withdrawn
 *   in_progress, awaiting_manager_validation ── match ended (the programme relationship ended) ──▶ searching
 *
 * A manager's rejection sends the participant back to searching rather than ending the
 * registration: it refuses that engagement, not the person's place in the programme.
 *
 * "Ending it (lapsed, or the mentor cannot continue) puts the mentee back to `searching`": when the
 * programme relationship that engaged someone ends, and no other live one of the programme keeps
 * them engaged, the system takes the match-ended step for them.
 */
import type { RegistrationStatus } from '../../db/schema/programmes'
import type { Refusal, Verdict } from './booking-rules'

export type JourneyAction = 'validate' | 'decline' | 'withdraw' | 'match_found' | 'manager_approve' | 'manager_reject' | 'end' | 'confirm' | 'match_ended'

/**
 * Who acts: a coordinator of the programme (admins act as coordinators of every programme), the
 * registered person, the manager or the partner organisation's contact through their signed
 * links, or the system (a confirmed programme match).
 */
export type JourneyActor = 'coordinator' | 'participant' | 'manager' | 'partner' | 'system'

type Step = { from: readonly RegistrationStatus[]; by: readonly JourneyActor[]; describe: string }

/** Statuses a registration never leaves (the registrations table's open-registration index uses the same list). */
export const FINAL_STATUSES: readonly RegistrationStatus[] = ['completed', 'declined', 'withdrawn']
const NON_FINAL: readonly RegistrationStatus[] = ['application', 'searching', 'awaiting_manager_validation', 'in_progress', 'awaiting_confirmation']

export const JOURNEY: Record<JourneyAction, Step> = {
	validate: { from: ['application'], by: ['coordinator'], describe: 'validated' },
	decline: { from: ['application'], by: ['coordinator'], describe: 'declined' },
	withdraw: { from: NON_FINAL, by: ['participant'], describe: 'withdrawn' },
	match_found: { from: ['searching'], by: ['participant', 'coordinator', 'system'], describe: 'matched' },
	manager_approve: { from: ['awaiting_manager_validation'], by: ['manager'], describe: 'approved by the manager' },
	manager_reject: { from: ['awaiting_manager_validation'], by: ['manager'], describe: 'rejected by the manager' },
	end: { from: ['in_progress'], by: ['participant'], describe: 'ended' },
	confirm: { from: ['awaiting_confirmation'], by: ['participant', 'partner'], describe: 'confirmed' },
	match_ended: { from: ['in_progress', 'awaiting_manager_validation'], by: ['system'], describe: 'sent back to searching' },
}

const ACTOR_NAMES: Record<JourneyActor, string> = {
	coordinator: 'a coordinator of the programme',
	participant: 'the registered person',
	manager: 'the manager',
	partner: "the partner organisation's contact",
	system: 'a confirmed or ended programme match',
}

export const DECLINE_REASON_MAX_LENGTH = 2000

export function isFinal(status: RegistrationStatus): boolean {
	return FINAL_STATUSES.includes(status)
}

function target(action: JourneyAction, managerValidation: boolean): RegistrationStatus {
	switch (action) {
		case 'validate':
		case 'manager_reject':
		case 'match_ended':
			return 'searching'
		case 'decline':
			return 'declined'
		case 'withdraw':
			return 'withdrawn'
		case 'match_found':
			return managerValidation ? 'awaiting_manager_validation' : 'in_progress'
		case 'manager_approve':
			return 'in_progress'
		case 'end':
			return 'awaiting_confirmation'
		case 'confirm':
			return 'completed'
	}
}

export type Transition = { ok: true; status: RegistrationStatus } | Refusal

/** The status after `actor` takes `action`, or why they may not: `not_allowed` for the wrong actor, `invalid_transition` from the wrong status. */
export function nextStatus(input: { status: RegistrationStatus; action: JourneyAction; actor: JourneyActor; managerValidation: boolean }): Transition {
	const step = JOURNEY[input.action]
	if (!step.by.includes(input.actor)) {
		const who = step.by.map((a) => ACTOR_NAMES[a]).join(' or ')
		return { ok: false, code: 'not_allowed', message: `Only ${who} may do this.` }
	}
	if (!step.from.includes(input.status)) {
		return {
			ok: false,
			code: 'invalid_transition',
			message: `This registration is ${input.status.replaceAll('_', ' ')}: it cannot be ${step.describe} now.`,
		}
	}
	return { ok: true, status: target(input.action, input.managerValidation) }
}

/**
 * "Once validated, adding engagement dates needs no coordinator action": the participant adds
 * periods from validation until the registration is final. Dates added while searching mean the
 * match was found, so they take the match-found step.
 */
export function checkPeriodsOpen(status: RegistrationStatus): Verdict {
	if (status === 'application') {
		return { ok: false, code: 'periods_not_open', message: 'Engagement dates can be added once the coordinator has validated the registration.' }
	}
	if (isFinal(status)) {
		return { ok: false, code: 'periods_not_open', message: `This registration is ${status}: no more engagement dates can be added.` }
	}
	return { ok: true }
}

/** The step adding a period takes, if any. */
export function actionOnPeriodAdded(status: RegistrationStatus): JourneyAction | null {
	return status === 'searching' ? 'match_found' : null
}
