import { Link, useFetcher } from '@remix-run/react'
import { z } from 'zod'
import { type PaidBookingState } from '~/services/paid-booking.server'
import { SlotStartSchema } from '~/utils/validation'
import { formatRange } from '~/utils/format-time'
import { SubmitButton } from './forms'
import { SlotPicker, type BookingView, type Step } from './slot-picker'
import { VerifyEmailNotice } from './verify-email-notice'

/**
 * Booking a paid session from a mentor's public page, for a mentee holding a bundle with credit
 * left: the mentor's paid slots in the viewer's zone, picked from the same month calendar as
 * intros, and the booking, which reserves one credit at once (no review by the mentor).
 */

export const PaidBookingSchema = z.object({
	start: SlotStartSchema,
})

/** The booking route's answer: the session booked and the credits of its bundle now, or why not. */
export type PaidBookingAnswer =
	| { ok: true; booked: { id: string; start: string; end: string; available: number; creditsTotal: number; creditsReserved: number } }
	| { ok: false; error: { code: string; message: string; fields?: Record<string, string[]> } }

type Props = {
	mentor: { slug: string; name: string }
	state: Omit<PaidBookingState, 'slots'>
	/** Paid slot starts, epoch ms, in order; each lasts the bundle's session length. */
	starts: number[]
	view: BookingView
	primary: boolean
	onStepChange?: (step: Step) => void
}

export function PaidBooking({ mentor, state, starts, view, primary, onStepChange }: Props) {
	const fetcher = useFetcher<PaidBookingAnswer>()
	const answer = fetcher.state === 'idle' ? fetcher.data : undefined
	return (
		<section aria-labelledby="paid-booking" className="h-fit space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-brand-100">
			<div>
				<h2 id="paid-booking" className="text-lg font-semibold">
					Book a paid session
				</h2>
				<p className="mt-1 text-sm text-slate-700">
					Your bundle has {state.bundle.available} of {state.bundle.creditsTotal} sessions left ({state.bundle.sessionMinutes} minutes each). Booking one
					uses a credit.{' '}
					<Link to={`/bundles/${state.bundle.id}`} className="font-semibold underline">
						Bundle details
					</Link>
				</p>
			</div>
			{answer?.ok ? (
				<p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
					Session booked with {mentor.name} for {formatRange(answer.booked.start, answer.booked.end, view.zone)}. 1 credit reserved: {answer.booked.available} of{' '}
					{answer.booked.creditsTotal} sessions left on your bundle.{' '}
					<Link to="/sessions?role=mentee" className="font-semibold underline">
						See my sessions
					</Link>
				</p>
			) : null}
			{answer && !answer.ok ? (
				<p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
					{answer.error.message}
				</p>
			) : null}
			{!state.emailVerified ? (
				<VerifyEmailNotice email={null} action="book a session" />
			) : starts.length === 0 ? (
				<p className="text-slate-700">{mentor.name} has no paid slots open in the next weeks.</p>
			) : (
				<SlotPicker
					// A session booked starts the picking again, from the calendar.
					key={answer?.ok ? answer.booked.id : 'picking'}
					kind="paid"
					primary={primary}
					noun="session"
					starts={starts}
					minutes={state.bundle.sessionMinutes}
					view={view}
					canConfirm
					onStepChange={onStepChange}
					confirm={(slot) => (
						<fetcher.Form method="post" action={`/mentors/${mentor.slug}/book-paid`} aria-label={`Paid session for ${slot.label}`} className="space-y-3">
							<input type="hidden" name="start" value={slot.start} />
							<SubmitButton pending={fetcher.state !== 'idle'}>Book session (uses 1 credit)</SubmitButton>
							<p className="text-xs text-slate-600">Paid sessions are booked at once; you can cancel up to 24 hours before the start and get the credit back.</p>
						</fetcher.Form>
					)}
				/>
			)}
		</section>
	)
}
