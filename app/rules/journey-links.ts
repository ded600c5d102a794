/**
 * The signed links of the journey (PRODUCT.md "People and what they do": the manager and the
 * partner contact "act through signed, expiring links in their email"), pure: what each link is
 * for, how long it lasts, which step each of its buttons takes and by whom, and when a link is
 * no longer good. The step itself is decided by the journey table (registration-journey.ts), with
 * the link's actor, so a link can never do what the table does not allow.
 */
import type { JourneyLinkPurpose, RegistrationStatus } from '../../db/schema/programmes'
import { checkPeriodsOpen, nextStatus, type JourneyAction, type JourneyActor } from './registration-journey'

const DAY_MS = 24 * 3_600_000

/**
 * How long a link works after it is emailed. A manager is asked to answer within two weeks, while
 * the engagement is fresh; the partner contact and the participant's reflection links last a month,
 * about as long as the email stays near the top of an inbox.
 */
export const MANAGER_LINK_LIFETIME_DAYS = 14
export const PARTNER_LINK_LIFETIME_DAYS = 30
export const REFLECTION_LINK_LIFETIME_DAYS = 30

export const LINK_LIFETIME_DAYS: Record<JourneyLinkPurpose, number> = {
	manager_validation: MANAGER_LINK_LIFETIME_DAYS,
	partner_confirmation: PARTNER_LINK_LIFETIME_DAYS,
	reflection: REFLECTION_LINK_LIFETIME_DAYS,
}

export function linkExpiresAt(purpose: JourneyLinkPurpose, issuedAt: Date): Date {
	return new Date(issuedAt.getTime() + LINK_LIFETIME_DAYS[purpose] * DAY_MS)
}

/** A button on a link's page; the name is stored as what the link was used for. */
export const LINK_CHOICES = ['approve', 'reject', 'confirm', 'mission_ended', 'add_dates'] as const
export type LinkChoice = (typeof LINK_CHOICES)[number]

/** Which buttons each link offers: one manager link serves approve and reject, one reflection link both of its actions. */
export const CHOICES_BY_PURPOSE: Record<JourneyLinkPurpose, readonly LinkChoice[]> = {
	manager_validation: ['approve', 'reject'],
	partner_confirmation: ['confirm'],
	reflection: ['add_dates', 'mission_ended'],
}

/** Who acts through each purpose's link: the manager, the partner's contact, or the participant themself. */
export const LINK_ACTOR: Record<JourneyLinkPurpose, JourneyActor> = {
	manager_validation: 'manager',
	partner_confirmation: 'partner',
	reflection: 'participant',
}

/** The journey step each choice takes; adding dates is not a step of its own (it may be the match found, as on the page). */
const CHOICE_ACTION: Record<LinkChoice, JourneyAction | null> = {
	approve: 'manager_approve',
	reject: 'manager_reject',
	confirm: 'confirm',
	mission_ended: 'end',
	add_dates: null,
}

/** What a used link did, in words: "This link was already used: the engagement was approved on …". */
export const CHOICE_DONE: Record<LinkChoice, string> = {
	approve: 'the engagement was approved',
	reject: 'the engagement was rejected',
	confirm: 'the participation was confirmed',
	mission_ended: 'the mission was said to have ended',
	add_dates: 'engagement dates were added',
}

/** The link refusals and the HTTP status of each page. */
export const LINK_REFUSAL_STATUS = { link_not_found: 404, link_expired: 410, link_used: 409 } as const
export type LinkRefusalCode = keyof typeof LINK_REFUSAL_STATUS

/** The manager's optional note on a rejection. */
export const MANAGER_NOTE_MAX_LENGTH = 2000

/** A token as issued: 32 random bytes in base64url, 43 characters. Anything else is not looked up. */
export function isWellFormedToken(token: string): boolean {
	return /^[A-Za-z0-9_-]{43}$/.test(token)
}

export type LinkState = { expiresAt: Date; usedAt: Date | null; usedFor: string | null }
export type LinkCheck = { ok: true } | { ok: false; code: Exclude<LinkRefusalCode, 'link_not_found'>; message: string }

/** Used comes before expired: someone who acted on a link should read what they did, not that it is old. */
export function checkLink(link: LinkState, now: Date, describeWhen: (at: Date) => string): LinkCheck {
	if (link.usedAt) {
		const done = CHOICE_DONE[link.usedFor as LinkChoice] ?? 'it was acted on'
		return { ok: false, code: 'link_used', message: `This link was already used: ${done} on ${describeWhen(link.usedAt)}. A link works once.` }
	}
	if (link.expiresAt.getTime() <= now.getTime()) {
		return {
			ok: false,
			code: 'link_expired',
			message: `This link expired on ${describeWhen(link.expiresAt)}. Ask the participant or the programme's coordinator for a new one.`,
		}
	}
	return { ok: true }
}

export type ChoiceVerdict =
	| { ok: true; action: JourneyAction | null; actor: JourneyActor; status: RegistrationStatus }
	| { ok: false; code: 'not_allowed' | 'invalid_transition' | 'periods_not_open'; message: string }

/**
 * Whether `choice` can be taken through a link of `purpose` by a registration in `status`, and the
 * status it leads to. A choice the link does not offer is `not_allowed`.
 */
export function checkChoice(input: { purpose: JourneyLinkPurpose; choice: LinkChoice; status: RegistrationStatus; managerValidation: boolean }): ChoiceVerdict {
	const actor = LINK_ACTOR[input.purpose]
	if (!CHOICES_BY_PURPOSE[input.purpose].includes(input.choice)) {
		return { ok: false, code: 'not_allowed', message: 'This link does not offer that.' }
	}
	const action = CHOICE_ACTION[input.choice]
	if (action === null) {
		const open = checkPeriodsOpen(input.status)
		return open.ok ? { ok: true, action, actor, status: input.status } : { ok: false, code: 'periods_not_open', message: open.message }
	}
	const next = nextStatus({ status: input.status, action, actor, managerValidation: input.managerValidation })
	if (!next.ok) return { ok: false, code: next.code as 'not_allowed' | 'invalid_transition', message: next.message }
	return { ok: true, action, actor, status: next.status }
}

/** The choices of a link a registration in `status` can still take; none means the link has nothing left to do. */
export function openChoices(input: { purpose: JourneyLinkPurpose; status: RegistrationStatus; managerValidation: boolean }): LinkChoice[] {
	return CHOICES_BY_PURPOSE[input.purpose].filter((choice) => checkChoice({ ...input, choice }).ok)
}

/**
 * The periodic journey emails: "monthly 'have you found your match?'" to searching participants
 * and a "quarterly reflection" to those in progress, each once per registration and calendar
 * month or quarter (UTC), by the outbox's dedupe key. Someone who entered the status within the
 * last week is left for the next round: they have just had the email that said so.
 */
export const JOURNEY_REMINDER_GRACE_DAYS = 7

export function monthOf(now: Date): string {
	return now.toISOString().slice(0, 7)
}

/** "2027-Q1" */
export function quarterOf(now: Date): string {
	return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`
}

export const foundYourMatchKey = (registrationId: string, now: Date) => `found-your-match:${registrationId}:${monthOf(now)}`
export const quarterlyReflectionKey = (registrationId: string, now: Date) => `quarterly-reflection:${registrationId}:${quarterOf(now)}`

export function isPastGrace(statusChangedAt: Date, now: Date): boolean {
	return now.getTime() - statusChangedAt.getTime() >= JOURNEY_REMINDER_GRACE_DAYS * DAY_MS
}
