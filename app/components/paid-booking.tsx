import { Link, useFetcher } from '@remix-run/react'
import { useState } from 'react'
import { z } from 'zod'
import { type PaidBookingState } from '~/services/paid-booking.server'
import { SlotStartSchema } from '~/utils/validation'
import { formatClock, formatRange, groupByLocalDay } from '~/utils/format-time'
import { SubmitButton } from './forms'
import { VerifyEmailNotice } from './verify-email-notice'

/**
 * Booking a paid session from a mentor's public page, for a mentee holding a bundle with credit
 * left: the mentor's paid slots in the viewer's zone, the slot picked, and the booking, which
 * reserves one credit at once (no review by the mentor). Times follow the intro box's zone choice.
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
	state: PaidBookingState
	zone: string
	zoneLabel: string
}

export function PaidBooking({ mentor, state, zone, zoneLabel }: Props) {
	const [picked, setPicked] = useState<string | null>(null)
	const fetcher = useFetcher<PaidBookingAnswer>()
	const slot = state.slots.find((s) => s.start === picked) ?? null
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
			<p className="text-sm text-slate-600">Times in {zoneLabel}.</p>
			{answer?.ok ? (
				<p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
					Session booked with {mentor.name} for {formatRange(answer.booked.start, answer.booked.end, zone)}. 1 credit reserved: {answer.booked.available} of{' '}
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
			) : state.slots.length === 0 ? (
				<p className="text-slate-700">{mentor.name} has no paid slots open in the next weeks.</p>
			) : (
				<div className="max-h-96 space-y-3 overflow-y-auto pr-1">
					{groupByLocalDay(state.slots, zone).map((day) => (
						<div key={day.date}>
							<h3 className="text-sm font-semibold text-slate-800">{day.label}</h3>
							<ul aria-label={`Paid slots on ${day.label}`} className="mt-1 flex flex-wrap gap-1.5">
								{day.items.map((s) => {
									const clock = formatClock(s.start, zone)
									return (
										<li key={s.start}>
											<button
												type="button"
												aria-pressed={picked === s.start}
												aria-label={`${day.label}, ${clock}`}
												onClick={() => setPicked(s.start)}
												className="rounded-md px-2.5 py-1 text-sm font-medium ring-1 ring-brand-100 hover:bg-brand-50 aria-pressed:bg-brand-600 aria-pressed:text-white"
											>
												{clock}
											</button>
										</li>
									)
								})}
							</ul>
						</div>
					))}
				</div>
			)}
			{slot ? (
				<fetcher.Form method="post" action={`/mentors/${mentor.slug}/book-paid`} className="space-y-3 border-t border-slate-200 pt-4">
					<input type="hidden" name="start" value={slot.start} />
					<p className="text-sm">
						<span className="font-semibold">Your session with {mentor.name}:</span> {formatRange(slot.start, slot.end, zone)} ({zoneLabel})
					</p>
					<SubmitButton pending={fetcher.state !== 'idle'}>Book session (uses 1 credit)</SubmitButton>
					<p className="text-xs text-slate-600">Paid sessions are booked at once; you can cancel up to 24 hours before the start and get the credit back.</p>
				</fetcher.Form>
			) : null}
		</section>
	)
}
