/**
 * The booking rules of PRODUCT.md, as pure functions: `now` and data in, a verdict out. Services
 * call them inside their transactions; the database enforces what it can on top (no overlap, no
 * credit over-use).
 */
import { DateTime } from 'luxon'
import { z } from 'zod'
import type { IntroDecision, SessionStatus, SessionType } from '../../db/schema/bookings'
import type { ErrorCode } from '../utils/errors'

export type Refusal = { ok: false; code: ErrorCode; message: string; fields?: Record<string, string[]> }
export type Verdict = { ok: true } | Refusal

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const allowed: Verdict = { ok: true }
/** A refusal about one input names its field, so forms and the API put the message beside it. */
const refuse = (code: ErrorCode, message: string, field?: string): Refusal =>
	field ? { ok: false, code, message, fields: { [field]: [message] } } : { ok: false, code, message }

export const INTRO_MINUTES = 20
export const INTRO_MIN_LEAD_MINUTES = 48 * 60
export const INTRO_MAX_LEAD_MINUTES = 14 * 24 * 60
export const PAID_DEFAULT_MIN_LEAD_MINUTES = 24 * 60
export const PAID_DEFAULT_MAX_LEAD_MINUTES = 60 * 24 * 60
export const INTRO_QUOTA_PER_MONTH = 3
export const CANCELLATION_NOTICE_MS = DAY

/** Live sessions hold their time in both calendars (and in the exclusion constraints). */
export const LIVE_STATUSES = ['pending', 'scheduled', 'awaiting_confirmation'] as const satisfies readonly SessionStatus[]

/** "pending, scheduled, awaiting-confirmation, completed and no-show intros count; rejected, expired and cancelled ones do not" */
export const QUOTA_STATUSES = [
	'pending',
	'scheduled',
	'awaiting_confirmation',
	'completed',
	'no_show_mentee',
	'no_show_mentor',
] as const satisfies readonly SessionStatus[]

export const IntroFormSchema = z.object({
	helpWith: z.string({ required_error: 'Tell the mentor what you want help with.' }).trim().min(1, 'Tell the mentor what you want help with.').max(2000, 'Use at most 2000 characters.'),
	background: z.string().trim().max(2000, 'Use at most 2000 characters.').default(''),
	goals: z.string({ required_error: 'Tell the mentor what you hope to achieve.' }).trim().min(1, 'Tell the mentor what you hope to achieve.').max(2000, 'Use at most 2000 characters.'),
})

/**
 * "Only mentees book intros", and paid sessions are bought and booked by mentees too: an admin
 * account, or a mentor who is not also a mentee, books nothing.
 */
export function checkBooker(booker: { isMentee: boolean; emailVerifiedAt: Date | null }): Verdict {
	if (!booker.isMentee) return refuse('not_allowed', 'Only mentees book sessions, and this account is not a mentee account.')
	if (!booker.emailVerifiedAt) {
		return refuse('email_not_verified', 'Confirm your email address before booking: follow the link we emailed you, or ask for a new one from your dashboard.')
	}
	return allowed
}

/** A booking window in minutes ahead of the booking moment; both edges are bookable. */
export type LeadWindow = { minLeadMinutes: number; maxLeadMinutes: number }

export const INTRO_WINDOW: LeadWindow = { minLeadMinutes: INTRO_MIN_LEAD_MINUTES, maxLeadMinutes: INTRO_MAX_LEAD_MINUTES }

export function checkBookingWindow(start: Date, now: Date, window: LeadWindow, what = 'Sessions'): Verdict {
	const lead = start.getTime() - now.getTime()
	if (lead < window.minLeadMinutes * MINUTE) {
		return refuse('too_soon', `${what} must be booked at least ${describeMinutes(window.minLeadMinutes)} ahead.`)
	}
	if (lead > window.maxLeadMinutes * MINUTE) {
		return refuse('too_far', `${what} can be booked at most ${describeMinutes(window.maxLeadMinutes)} ahead.`)
	}
	return allowed
}

/** "start ≥ 48 hours after the booking moment, and ≤ 14 days after it" */
export function checkIntroWindow(start: Date, now: Date): Verdict {
	return checkBookingWindow(start, now, INTRO_WINDOW, 'Intro sessions')
}

/** The month an intro counts against: the month of its start in the mentee's time zone, 'YYYY-MM'. */
export function quotaMonth(start: Date, menteeTimeZone: string): string {
	const local = DateTime.fromJSDate(start, { zone: menteeTimeZone })
	if (!local.isValid) throw new Error(`invalid time zone ${menteeTimeZone}`)
	return local.toFormat('yyyy-MM')
}

/** `counted` is how many quota-counting intros the mentee already has in that month. */
export function checkIntroQuota(counted: number): Verdict {
	if (counted >= INTRO_QUOTA_PER_MONTH) {
		return refuse('intro_quota_exceeded', `You can book at most ${INTRO_QUOTA_PER_MONTH} intro sessions per month. Choose a date in another month.`)
	}
	return allowed
}

/** What a mentee already has with a mentor, beyond intros. */
export type ExistingTies = { activeBundles: number; liveRelationships: number }

/**
 * An intro is where a mentee and a mentor first meet. A mentee who already holds a bundle from
 * this mentor, or a pending or confirmed relationship with them, books paid sessions instead.
 */
export function checkNotAlreadyRelated(ties: ExistingTies): Verdict {
	if (ties.activeBundles > 0) {
		return refuse('already_related', 'You already hold a bundle with this mentor: book a paid session with it instead of another intro.')
	}
	if (ties.liveRelationships > 0) {
		return refuse('already_related', 'You already work with this mentor: buy a bundle of sessions instead of booking another intro.')
	}
	return allowed
}

/** One intro in progress with a mentor at a time: a second one would only ask the same question. */
export function checkNoIntroInProgress(liveIntrosWithMentor: number): Verdict {
	if (liveIntrosWithMentor > 0) {
		return refuse('already_pending_intro', 'You already have an intro with this mentor in progress.')
	}
	return allowed
}

export type TimeRange = { start: Date; end: Date }
export type BufferedRange = TimeRange & { bufferMinutes: number }

/**
 * "overlaps none of the mentor's live sessions plus buffer": two sessions need the larger of
 * their calendars' buffers between them.
 */
export function checkClearOfSessions(candidate: BufferedRange, sessions: BufferedRange[]): Verdict {
	const clash = sessions.some((s) => {
		const gap = Math.max(candidate.bufferMinutes, s.bufferMinutes) * MINUTE
		return candidate.start.getTime() < s.end.getTime() + gap && s.start.getTime() < candidate.end.getTime() + gap
	})
	return clash ? refuse('slot_unavailable', 'That time is no longer available. Choose another slot.') : allowed
}

/** Who is acting on a session, from the session's point of view. */
export type Actor = 'mentor' | 'mentee' | 'admin' | 'other'

export function actorOf(session: { mentorId: string; menteeId: string }, user: { id: string; isAdmin: boolean }): Actor {
	if (user.id === session.mentorId) return 'mentor'
	if (user.id === session.menteeId) return 'mentee'
	return user.isAdmin ? 'admin' : 'other'
}

export type SessionAction = 'accept' | 'reject' | 'cancel' | 'confirm'

/** The mentor reviews and confirms (an admin may confirm too); either side cancels, an admin may override. */
export const ACTORS: Record<SessionAction, readonly Actor[]> = {
	accept: ['mentor'],
	reject: ['mentor'],
	cancel: ['mentee', 'mentor', 'admin'],
	confirm: ['mentor', 'admin'],
}

export function checkActor(action: SessionAction, actor: Actor): Verdict {
	return ACTORS[action].includes(actor) ? allowed : refuse('not_allowed', 'Only a participant with the right role may do that to this session.')
}

/** The session lifecycle of PRODUCT.md; a status not listed as a key is final. */
export const TRANSITIONS: Partial<Record<SessionStatus, readonly SessionStatus[]>> = {
	pending: ['scheduled', 'rejected', 'expired', 'cancelled'],
	scheduled: ['cancelled', 'awaiting_confirmation'],
	awaiting_confirmation: ['completed', 'no_show_mentee', 'no_show_mentor'],
}

export function checkTransition(from: SessionStatus, to: SessionStatus): Verdict {
	if (TRANSITIONS[from]?.includes(to)) return allowed
	const status = describeStatus(from)
	return refuse('invalid_transition', `${/^[aeiou]/i.test(status) ? 'An' : 'A'} ${status} session cannot become ${describeStatus(to)}.`)
}

/** A scheduled session whose end has passed is awaiting confirmation, whether or not the job has run yet. */
export function effectiveStatus(session: { status: SessionStatus; endsAt: Date }, now: Date): SessionStatus {
	return session.status === 'scheduled' && session.endsAt.getTime() <= now.getTime() ? 'awaiting_confirmation' : session.status
}

/** An invitation not reviewed by its start time expires; it can no longer be accepted. */
export function checkInvitationOpen(startsAt: Date, now: Date): Verdict {
	if (now.getTime() >= startsAt.getTime()) return refuse('invalid_transition', 'This invitation expired: its start time has passed.')
	return allowed
}

/**
 * "by mentee or mentor at least 24 hours before the start; later is refused (an admin may
 * override, with a reason)". Exactly 24 hours before is still allowed.
 */
export function checkCancellation(input: { startsAt: Date; now: Date; actor: Actor; reason?: string | null }): Verdict {
	const who = checkActor('cancel', input.actor)
	if (!who.ok) return who
	const hasReason = Boolean(input.reason?.trim())
	if (input.actor === 'admin') {
		return hasReason ? allowed : refuse('validation_failed', 'An admin cancelling a session must give a reason.')
	}
	if (input.startsAt.getTime() - input.now.getTime() < CANCELLATION_NOTICE_MS) {
		return refuse('cancellation_window_closed', 'Sessions can be cancelled up to 24 hours before they start. It is too late to cancel this one.')
	}
	return allowed
}

/** Whether the mentor or the mentee may still cancel a session, as pages offer it: null when its status has nothing to cancel. */
export type Cancellation = { open: true } | { open: false; reason: string }

export function cancellationFor(session: { status: SessionStatus; startsAt: Date }, now: Date): Cancellation | null {
	if (session.status !== 'pending' && session.status !== 'scheduled') return null
	const verdict = checkCancellation({ startsAt: session.startsAt, now, actor: 'mentee' })
	return verdict.ok ? { open: true } : { open: false, reason: verdict.message }
}

export type Outcome = 'completed' | 'no_show_mentee' | 'no_show_mentor'

/** An intro's confirmation carries the mentor's decision; a paid session's does not. */
export function checkConfirmation(type: SessionType, decision: IntroDecision | null | undefined): Verdict {
	if (type === 'intro' && !decision) return refuse('validation_failed', 'Decide whether to continue mentoring this mentee.', 'decision')
	if (type === 'paid' && decision) return refuse('validation_failed', 'Only intro sessions take a continuation decision.', 'decision')
	return allowed
}

/**
 * What happens to a paid session's reserved credit: consumed when the session took place (or the
 * mentee did not show), returned when the mentor did not show or the session was cancelled.
 */
export function creditEffect(status: 'cancelled' | Outcome): 'consume' | 'return' {
	return status === 'completed' || status === 'no_show_mentee' ? 'consume' : 'return'
}

function describeMinutes(minutes: number): string {
	// "48 hours" reads better than "2 days"; longer spans read in days.
	if (minutes % (24 * 60) === 0 && minutes >= 3 * 24 * 60) return plural(minutes / (24 * 60), 'day')
	if (minutes % 60 === 0) return plural(minutes / 60, 'hour')
	return plural(minutes, 'minute')
}

function plural(n: number, unit: string): string {
	return `${n} ${unit}${n === 1 ? '' : 's'}`
}

function describeStatus(status: SessionStatus): string {
	return status.replaceAll('_', ' ')
}
