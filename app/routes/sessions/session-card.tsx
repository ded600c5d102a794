import { type ReactNode } from 'react'
import { MeetingLocationText } from '~/components/meeting-location'
import { type SessionItem } from '~/services/my-sessions.server'
import { formatRange } from '~/utils/format-time'
import { AgendaForm } from './action-forms'
import { describeCredits } from '~/rules/wording'

export const STATUS_LABELS: Record<SessionItem['status'], string> = {
	pending: 'Invitation pending',
	scheduled: 'Scheduled',
	rejected: 'Declined',
	expired: 'Expired',
	cancelled: 'Cancelled',
	awaiting_confirmation: 'Awaiting confirmation',
	completed: 'Completed',
	no_show_mentee: 'Mentee did not show',
	no_show_mentor: 'Mentor did not show',
}

const STATUS_TONE: Partial<Record<SessionItem['status'], string>> = {
	pending: 'bg-amber-50 text-amber-900 ring-amber-200',
	scheduled: 'bg-brand-50 text-brand-700 ring-brand-100',
	awaiting_confirmation: 'bg-amber-50 text-amber-900 ring-amber-200',
	completed: 'bg-green-50 text-green-900 ring-green-200',
	rejected: 'bg-red-50 text-red-800 ring-red-200',
}

export function StatusBadge({ status }: { status: SessionItem['status'] }) {
	return (
		<span className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${STATUS_TONE[status] ?? 'bg-slate-100 text-slate-700 ring-slate-200'}`}>
			{STATUS_LABELS[status]}
		</span>
	)
}

/** One session as a card: who, when (in the viewer's zone), its state and what was said; actions below. */
export function SessionCard({
	session,
	side,
	zone,
	children,
	message,
}: {
	session: SessionItem
	/** Whose page this is: the card names the other party. */
	side: 'mentor' | 'mentee'
	zone: string
	children?: ReactNode
	message?: { ok: boolean; text: string } | null
}) {
	const other = side === 'mentor' ? session.mentee.name : session.mentor.name
	const title = `${session.type === 'intro' ? 'Intro' : 'Paid session'} with ${other}`
	return (
		<li id={`session-${session.id}`} aria-label={title} className="scroll-mt-4 space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
			<div className="flex flex-wrap items-start justify-between gap-2">
				<div>
					<h3 className="font-semibold">{title}</h3>
					<p className="text-sm text-slate-700">{formatRange(session.start, session.end, zone)}</p>
				</div>
				<StatusBadge status={session.status} />
			</div>
			{session.meetingLocation ? (
				<p className="text-sm">
					<span className="font-medium text-slate-600">Where: </span>
					<MeetingLocationText value={session.meetingLocation} />
					{side === 'mentor' && session.meetingLocationSource === 'calendar' ? <span className="text-slate-600"> (your calendar’s default)</span> : null}
				</p>
			) : side === 'mentor' && (session.status === 'pending' || session.status === 'scheduled') ? (
				<p className="text-sm text-slate-600">Where: not set yet. Set it for this session below, or a default on your availability settings.</p>
			) : null}
			{session.introForm ? (
				<dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
					<dt className="font-medium text-slate-600">Wants help with</dt>
					<dd className="whitespace-pre-line">{session.introForm.helpWith}</dd>
					{session.introForm.background ? (
						<>
							<dt className="font-medium text-slate-600">Background</dt>
							<dd className="whitespace-pre-line">{session.introForm.background}</dd>
						</>
					) : null}
					<dt className="font-medium text-slate-600">Goals</dt>
					<dd className="whitespace-pre-line">{session.introForm.goals}</dd>
				</dl>
			) : null}
			{session.status === 'rejected' && session.rejectionReason ? (
				<p className="rounded-md bg-red-50 p-2 text-sm text-red-900">
					<span className="font-semibold">Reason given: </span>
					{session.rejectionReason}
				</p>
			) : null}
			{session.status === 'cancelled' ? (
				<p className="text-sm text-slate-700">
					Cancelled by {session.cancelledBy === side ? 'you' : (session.cancelledBy ?? 'someone')}
					{session.cancellationReason ? `: ${session.cancellationReason}` : '.'}
				</p>
			) : null}
			{session.introDecision ? (
				<p className="text-sm text-slate-700">
					{session.introDecision === 'approve_continuation' ? 'Continuation approved.' : 'Continuation declined.'}
				</p>
			) : null}
			{session.bundle ? (
				<p className="text-sm text-slate-700">
					From the bundle of {session.bundle.creditsTotal} × {session.bundle.sessionMinutes} min:{' '}
					{describeCredits({ consumed: session.bundle.creditsConsumed, reserved: session.bundle.creditsReserved, available: session.bundle.available })}.
				</p>
			) : null}
			{session.agenda ? (
				<div className="text-sm">
					<p className="font-medium text-slate-600">Agenda</p>
					<p className="whitespace-pre-line">{session.agenda}</p>
				</div>
			) : null}
			{message ? (
				<p role={message.ok ? 'status' : 'alert'} className={`rounded-md p-2 text-sm ${message.ok ? 'bg-green-50 text-green-900' : 'border border-red-300 bg-red-50 text-red-800'}`}>
					{message.text}
				</p>
			) : null}
			{children}
			{session.status === 'pending' || session.status === 'scheduled' ? <AgendaForm sessionId={session.id} agenda={session.agenda} /> : null}
		</li>
	)
}
