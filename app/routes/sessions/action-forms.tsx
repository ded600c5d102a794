import { Form, useNavigation } from '@remix-run/react'
import { type ReactNode } from 'react'
import { ErrorList, inputClass } from '~/components/forms'
import { FEEDBACK_COMMENT_MAX_LENGTH, FEEDBACK_RATINGS, RATING_LABELS } from '~/rules/feedback'
import { MEETING_LOCATION_MAX_LENGTH } from '~/rules/meeting-location'
import { FIT_ANSWERS, FIT_LABELS } from '~/rules/relationship-fit'
import { type FitQuestion } from '~/services/relationship-fit.server'
import { type SessionItem } from '~/services/my-sessions.server'
import { formatClock, formatDay } from '~/utils/format-time'

/**
 * The changes a person makes to a session from "My sessions". Each is a small post to the page's
 * action, which calls one booking service; refusals come back beside the session they concern.
 */

type FieldErrors = Record<string, string[]> | undefined

const primary = 'rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60'
const danger = 'rounded-md border border-red-700 px-4 py-2 text-sm font-semibold text-red-700 hover:bg-red-50 disabled:opacity-60'

function SessionForm({ intent, sessionId, children, className }: { intent: string; sessionId: string; children: ReactNode; className?: string }) {
	return (
		<Form method="post" preventScrollReset className={className}>
			<input type="hidden" name="intent" value={intent} />
			<input type="hidden" name="sessionId" value={sessionId} />
			{children}
		</Form>
	)
}

/** A labelled textarea with its hint and, when refused, its messages: the note most session forms carry. */
function NoteField({ id, name, label, hint, errors, maxLength = 2000 }: { id: string; name: string; label: string; hint: ReactNode; errors?: string[]; maxLength?: number }) {
	return (
		<>
			<label htmlFor={id} className="block text-sm font-medium text-slate-800">
				{label}
			</label>
			<textarea
				id={id}
				name={name}
				rows={2}
				maxLength={maxLength}
				aria-invalid={errors ? true : undefined}
				aria-describedby={`${id}-hint${errors ? ` ${id}-error` : ''}`}
				className={inputClass}
			/>
			<p id={`${id}-hint`} className="text-xs text-slate-600">
				{hint}
			</p>
			<ErrorList id={`${id}-error`} errors={errors} />
		</>
	)
}

function useBusy(sessionId: string, intent: string) {
	const navigation = useNavigation()
	return navigation.state === 'submitting' && navigation.formData?.get('sessionId') === sessionId && navigation.formData?.get('intent') === intent
}

export function AcceptForm({ sessionId }: { sessionId: string }) {
	const busy = useBusy(sessionId, 'accept')
	return (
		<SessionForm intent="accept" sessionId={sessionId}>
			<button type="submit" disabled={busy} className={primary}>
				Accept invitation
			</button>
		</SessionForm>
	)
}

export function RejectForm({ sessionId, errors }: { sessionId: string; errors: FieldErrors }) {
	const busy = useBusy(sessionId, 'reject')
	const id = `reject-reason-${sessionId}`
	return (
		<SessionForm intent="reject" sessionId={sessionId} className="space-y-2">
			<NoteField id={id} name="reason" label="Reason for declining" hint="The mentee sees this reason." errors={errors?.reason} />
			<button type="submit" disabled={busy} className={danger}>
				Decline invitation
			</button>
		</SessionForm>
	)
}

/** The cancel form while cancelling is open; once it is too late, the reason instead of a form that would be refused. */
export function CancelControl({ session, errors }: { session: Pick<SessionItem, 'id' | 'cancellation'>; errors: FieldErrors }) {
	if (!session.cancellation) return null
	if (!session.cancellation.open) return <p className="text-sm text-slate-600">{session.cancellation.reason}</p>
	return <CancelForm sessionId={session.id} errors={errors} />
}

function CancelForm({ sessionId, errors }: { sessionId: string; errors: FieldErrors }) {
	const busy = useBusy(sessionId, 'cancel')
	const id = `cancel-reason-${sessionId}`
	return (
		<details className="rounded-md bg-slate-50 p-2">
			<summary className="cursor-pointer text-sm font-medium text-slate-800">Cancel this session…</summary>
			<SessionForm intent="cancel" sessionId={sessionId} className="mt-2 space-y-2">
				<p className="text-xs text-slate-600">Sessions can be cancelled up to 24 hours before they start.</p>
				<label htmlFor={id} className="block text-sm font-medium text-slate-800">
					Reason for cancelling (optional)
				</label>
				<input id={id} name="reason" maxLength={2000} className={inputClass} />
				<ErrorList errors={errors?.reason} />
				<button type="submit" disabled={busy} className={danger}>
					Cancel session
				</button>
			</SessionForm>
		</details>
	)
}

const OUTCOMES = [
	['completed', 'Completed'],
	['no_show_mentee', 'Mentee did not show'],
	['no_show_mentor', 'I could not attend (mentor no-show)'],
] as const

const DECISIONS = [
	['approve_continuation', 'Approve continuation: offer paid sessions'],
	['reject', 'Do not continue'],
] as const

export function ConfirmForm({ sessionId, isIntro, fit, errors }: { sessionId: string; isIntro: boolean; fit: FitQuestion | null; errors: FieldErrors }) {
	const busy = useBusy(sessionId, 'confirm')
	return (
		<SessionForm intent="confirm" sessionId={sessionId} className="space-y-3">
			<fieldset>
				<legend className="text-sm font-medium text-slate-800">What happened?</legend>
				<div className="mt-1 flex flex-col gap-1 sm:flex-row sm:gap-4">
					{OUTCOMES.map(([value, label]) => (
						<label key={value} className="flex items-center gap-2 text-sm">
							<input type="radio" name="outcome" value={value} required defaultChecked={value === 'completed'} className="accent-brand-600" />
							{label}
						</label>
					))}
				</div>
				<ErrorList errors={errors?.outcome} />
			</fieldset>
			{isIntro ? (
				<fieldset>
					<legend className="text-sm font-medium text-slate-800">Continue mentoring this mentee?</legend>
					<div className="mt-1 flex flex-col gap-1 sm:flex-row sm:gap-4">
						{DECISIONS.map(([value, label]) => (
							<label key={value} className="flex items-center gap-2 text-sm">
								<input type="radio" name="decision" value={value} required className="accent-brand-600" />
								{label}
							</label>
						))}
					</div>
					<ErrorList errors={errors?.decision} />
				</fieldset>
			) : null}
			<details className="rounded-md bg-slate-50 p-2" open={errors?.rating || errors?.comment ? true : undefined}>
				<summary className="cursor-pointer text-sm font-medium text-slate-800">Rate the session too (optional)</summary>
				<div className="mt-2 space-y-2">
					<RatingFields id={`confirm-feedback-${sessionId}`} errors={errors} required={false} legend="If it took place, how was it?" />
				</div>
			</details>
			{fit ? (
				<>
					<input type="hidden" name="relationshipId" value={fit.relationshipId} />
					<FitFields id={`confirm-fit-${sessionId}`} name="fit" fit={fit} errors={errors?.fit} required={false} />
				</>
			) : null}
			<button type="submit" disabled={busy} className={primary}>
				Confirm session
			</button>
		</SessionForm>
	)
}

/** Either party writes what they want to cover; the 24-hour reminder carries it to both. */
export function AgendaForm({ sessionId, agenda }: { sessionId: string; agenda: string | null }) {
	const busy = useBusy(sessionId, 'agenda')
	const id = `agenda-${sessionId}`
	return (
		<details className="rounded-md bg-slate-50 p-2">
			<summary className="cursor-pointer text-sm font-medium text-slate-800">{agenda ? 'Edit the agenda…' : 'Add an agenda…'}</summary>
			<SessionForm intent="agenda" sessionId={sessionId} className="mt-2 space-y-2">
				<label htmlFor={id} className="block text-sm font-medium text-slate-800">
					Agenda
				</label>
				<textarea id={id} name="agenda" rows={3} maxLength={2000} defaultValue={agenda ?? ''} aria-describedby={`${id}-hint`} className={inputClass} />
				<p id={`${id}-hint`} className="text-xs text-slate-600">
					Both of you see it, and the reminder a day ahead includes it. Leave it empty to remove it.
				</p>
				<button type="submit" disabled={busy} className={primary}>
					Save agenda
				</button>
			</SessionForm>
		</details>
	)
}

/**
 * "the mentee is told and may dispute within 48 hours": the mentee's form while the window is open;
 * for both sides, where a dispute stands once there is one.
 */
export function DisputeControl({ session, side, zone, errors }: { session: Pick<SessionItem, 'id' | 'dispute'>; side: 'mentor' | 'mentee'; zone: string; errors: FieldErrors }) {
	const busy = useBusy(session.id, 'dispute')
	const dispute = session.dispute
	if (!dispute) return null
	if (dispute.state === 'disputed') {
		return <p className="text-sm text-slate-700">{side === 'mentee' ? 'You disputed this outcome' : 'The mentee disputes this outcome'}: the payout waits for an admin’s decision.</p>
	}
	if (dispute.state === 'decided') {
		return (
			<p className="text-sm text-slate-700">
				{dispute.decision === 'upheld' ? 'An admin decided the dispute: the outcome stands.' : 'An admin decided the dispute: the mentor did not show, the credit was returned.'}
			</p>
		)
	}
	const until = `${formatDay(dispute.until, zone)}, ${formatClock(dispute.until, zone)}`
	if (side === 'mentor') return <p className="text-sm text-slate-700">The mentee may dispute this outcome until {until}; the payout goes out after that.</p>
	const id = `dispute-note-${session.id}`
	return (
		<SessionForm intent="dispute" sessionId={session.id} className="space-y-2">
			<NoteField
				id={id}
				name="note"
				label="Not what happened? Dispute it"
				hint={`Until ${until}. The payment to the mentor waits and an admin decides; if the mentor did not show, your credit comes back.`}
				errors={errors?.note}
			/>
			<button type="submit" disabled={busy} className={danger}>
				Dispute this outcome
			</button>
		</SessionForm>
	)
}

const secondary = 'rounded-md border border-slate-400 px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60'

/**
 * The mentor says where this one session happens, or goes back to the calendar's default (an empty
 * field does the same). Open when the last attempt was refused, so its message is seen.
 */
export function LocationForm({ session, errors }: { session: Pick<SessionItem, 'id' | 'meetingLocation' | 'meetingLocationSource'>; errors: FieldErrors }) {
	const busy = useBusy(session.id, 'location')
	const id = `location-${session.id}`
	const own = session.meetingLocationSource === 'session' ? (session.meetingLocation ?? '') : ''
	const invalid = Boolean(errors?.meetingLocation)
	return (
		<details className="rounded-md bg-slate-50 p-2" open={invalid || undefined}>
			<summary className="cursor-pointer text-sm font-medium text-slate-800">
				{session.meetingLocationSource === 'session' ? 'Change where this session happens…' : 'Set where this session happens…'}
			</summary>
			<SessionForm intent="location" sessionId={session.id} className="mt-2 space-y-2">
				<label htmlFor={id} className="block text-sm font-medium text-slate-800">
					Meeting link or place for this session
				</label>
				<input
					id={id}
					name="meetingLocation"
					maxLength={MEETING_LOCATION_MAX_LENGTH}
					defaultValue={own}
					aria-invalid={invalid || undefined}
					aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
					className={inputClass}
				/>
				<p id={`${id}-hint`} className="text-xs text-slate-600">
					A link starting with https://, or a place. Leave it empty to use your calendar’s default. The mentee of a booked session is emailed the change.
				</p>
				<ErrorList id={`${id}-error`} errors={errors?.meetingLocation} />
				<button type="submit" disabled={busy} className={primary}>
					Save location
				</button>
			</SessionForm>
			{session.meetingLocationSource === 'session' ? (
				// Its own form: sending no location is what clearing the override means.
				<SessionForm intent="location" sessionId={session.id} className="mt-2">
					<button type="submit" disabled={busy} className={secondary}>
						Use the calendar’s default
					</button>
				</SessionForm>
			) : null}
		</details>
	)
}

/**
 * After a completed session each side rates it once, 1–5 with an optional comment. The other side
 * never sees it; coordinators see it without the rater's name.
 */
export function FeedbackControl({ session, errors }: { session: Pick<SessionItem, 'id' | 'status' | 'myFeedback'>; errors: FieldErrors }) {
	const busy = useBusy(session.id, 'feedback')
	if (session.status !== 'completed') return null
	if (session.myFeedback) {
		return (
			<p className="text-sm text-slate-700">
				You rated this session {session.myFeedback.rating} of 5 ({RATING_LABELS[session.myFeedback.rating as keyof typeof RATING_LABELS]}).
			</p>
		)
	}
	const id = `feedback-${session.id}`
	return (
		<SessionForm intent="feedback" sessionId={session.id} className="space-y-2 rounded-md bg-slate-50 p-2">
			<RatingFields id={id} errors={errors} required legend="How was this session?" />
			<button type="submit" disabled={busy} className={primary}>
				Send feedback
			</button>
		</SessionForm>
	)
}

/** The 1–5 rating and the optional comment, in the feedback form and in the mentor's confirmation. */
function RatingFields({ id, errors, required, legend }: { id: string; errors: FieldErrors; required: boolean; legend: string }) {
	return (
		<>
			<fieldset aria-describedby={errors?.rating ? `${id}-rating-error` : undefined}>
				<legend className="text-sm font-medium text-slate-800">{legend}</legend>
				<div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
					{FEEDBACK_RATINGS.map((rating) => (
						<label key={rating} className="flex items-center gap-2 text-sm">
							<input type="radio" name="rating" value={rating} required={required} className="accent-brand-600" />
							{rating} · {RATING_LABELS[rating]}
						</label>
					))}
				</div>
				<ErrorList id={`${id}-rating-error`} errors={errors?.rating} />
			</fieldset>
			<NoteField
				id={`${id}-comment`}
				name="comment"
				label="Comment (optional)"
				hint="The other person never sees your rating or comment; programme coordinators see them without your name."
				errors={errors?.comment}
				maxLength={FEEDBACK_COMMENT_MAX_LENGTH}
			/>
		</>
	)
}

/**
 * "Is this a good fit?" after the first completed session of a programme relationship, to each of
 * its two people; the answer may be changed while the relationship lasts. The other person never
 * sees it; "not a good fit" asks the programme's coordinator to follow up.
 */
export function FitControl({ session, fit, side, errors }: { session: Pick<SessionItem, 'id' | 'status'>; fit: FitQuestion | null; side: 'mentor' | 'mentee'; errors: FieldErrors }) {
	const busy = useBusy(session.id, 'fit')
	if (!fit || session.status !== 'completed') return null
	return (
		<SessionForm intent="fit" sessionId={session.id} className="space-y-2 rounded-md bg-slate-50 p-2">
			<input type="hidden" name="relationshipId" value={fit.relationshipId} />
			<FitFields id={`fit-${session.id}`} name="answer" fit={fit} errors={errors?.answer} required side={side} />
			<button type="submit" disabled={busy} className={primary}>
				{fit.myAnswer ? 'Change my answer' : 'Send answer'}
			</button>
		</SessionForm>
	)
}

function FitFields({ id, name, fit, errors, required, side }: { id: string; name: string; fit: FitQuestion; errors?: string[]; required: boolean; side?: 'mentor' | 'mentee' }) {
	const other = side === 'mentor' ? 'mentee' : side === 'mentee' ? 'mentor' : 'match'
	return (
		<fieldset aria-describedby={`${id}-hint${errors ? ` ${id}-error` : ''}`}>
			<legend className="text-sm font-medium text-slate-800">
				Is this {side ? `${other} ` : ''}a good fit for you? ({fit.programmeName})
			</legend>
			<div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
				{FIT_ANSWERS.map((answer) => (
					<label key={answer} className="flex items-center gap-2 text-sm">
						<input type="radio" name={name} value={answer} required={required} defaultChecked={fit.myAnswer === answer} className="accent-brand-600" />
						{FIT_LABELS[answer]}
					</label>
				))}
			</div>
			<p id={`${id}-hint`} className="text-xs text-slate-600">
				{fit.myAnswer ? `Your answer: ${FIT_LABELS[fit.myAnswer].toLowerCase()}. You can change it while the relationship lasts. ` : ''}
				The other person does not see it; “not a good fit” asks the programme’s coordinator to follow up.
			</p>
			<ErrorList id={`${id}-error`} errors={errors} />
		</fieldset>
	)
}
