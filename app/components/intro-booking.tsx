import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, Link, useFetcher } from '@remix-run/react'
import { useState } from 'react'
import { IntroFormSchema } from '~/rules/booking-rules'
import { type IntroBookingState } from '~/services/intro-booking.server'
import { describeMonth, formatClock, formatRange, groupByLocalDay } from '~/utils/format-time'
import { SlotStartSchema } from '~/utils/validation'
import { FormError, SubmitButton, TextareaField, inputClass } from './forms'
import { TimeZonePicker } from './time-zone-picker'
import { VerifyEmailNotice } from './verify-email-notice'

/**
 * Booking a free intro from a mentor's public page: the next two weeks of slots in the viewer's
 * zone, the slot picked, the intro form, and the booking. When the booking service would refuse,
 * the box says why before anyone types a word.
 */

export const IntroBookingSchema = IntroFormSchema.extend({
	start: SlotStartSchema,
})

type Props = {
	mentor: { slug: string; name: string }
	state: IntroBookingState
	zone: string
	zoneLabel: string
	zones: string[]
}

export function IntroBooking({ mentor, state, zone, zoneLabel, zones }: Props) {
	const [picked, setPicked] = useState<string | null>(null)
	const slot = state.slots.find((s) => s.start === picked) ?? null
	const canBook = state.blocker === null
	const loginHref = `/login?${new URLSearchParams({ redirectTo: `/mentors/${mentor.slug}` })}`
	return (
		<section aria-labelledby="intro" className="h-fit space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-brand-100">
			<div>
				<h2 id="intro" className="text-lg font-semibold">
					Free 20-minute intro
				</h2>
				<p className="mt-1 text-sm text-slate-700">See whether you click before you commit to anything.</p>
			</div>
			<Form method="get" className="flex items-end gap-2" preventScrollReset>
				<div className="min-w-0 flex-1">
					<label htmlFor="intro-tz" className="block text-xs font-medium text-slate-700">
						Times shown in
					</label>
					<TimeZonePicker
						id="intro-tz"
						name="tz"
						zones={zones}
						defaultValue={zone}
						className={`${inputClass} mt-0.5`}
						onChange={(e) => e.currentTarget.form?.requestSubmit()}
					/>
				</div>
				<button type="submit" className="rounded-md border border-slate-400 px-3 py-2 text-sm font-medium">
					Change
				</button>
			</Form>
			<p className="text-sm text-slate-600">Times in {zoneLabel}.</p>

			<Blocker state={state} mentorName={mentor.name} loginHref={loginHref} zone={zone} />

			{state.slots.length === 0 && state.blocker?.reason !== 'quota_used' ? (
				<p className="text-slate-700">Intro slots appear here once this mentor publishes availability.</p>
			) : null}
			{state.slots.length > 0 ? (
				<SlotPicker slots={state.slots} zone={zone} picked={picked} onPick={canBook ? setPicked : null} />
			) : null}
			{canBook && state.fullMonths.length > 0 ? (
				<p className="text-sm text-slate-700">
					Slots in {state.fullMonths.map(describeMonth).join(' and ')} are hidden: you have used your 3 intros for that month.
				</p>
			) : null}
			{canBook && slot ? <IntroForm key={slot.start} mentor={mentor} slot={slot} zone={zone} zoneLabel={zoneLabel} /> : null}
		</section>
	)
}

function Blocker({ state, mentorName, loginHref, zone }: { state: IntroBookingState; mentorName: string; loginHref: string; zone: string }) {
	const box = 'rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950'
	switch (state.blocker?.reason) {
		case undefined:
			return null
		case 'logged_out':
			return (
				<Link to={loginHref} className="inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
					Log in to book a free intro
				</Link>
			)
		case 'own_profile':
			return <p className={box}>This is your own profile: these are the intro slots mentees see. You cannot book yourself.</p>
		case 'not_mentee':
			return <p className={box}>Only mentees book intros, and this account is not a mentee account: these are the slots mentees see.</p>
		case 'intro_in_progress': {
			const session = state.blocker.session
			return (
				<p className={box}>
					You already have an intro with {mentorName} ({session.status === 'pending' ? 'waiting for an answer' : 'scheduled'},{' '}
					{formatRange(session.start, session.end, zone)}). One intro with a mentor at a time.{' '}
					<Link to="/sessions?role=mentee" className="font-semibold underline">
						See my sessions
					</Link>
				</p>
			)
		}
		case 'email_unverified':
			return <VerifyEmailNotice email={null} action="book a free intro" />
		case 'already_related':
			return <p className={box}>{state.blocker.message}</p>
		case 'quota_used':
			return (
				<p className={box}>
					You have used your 3 free intros for {state.blocker.months.map(describeMonth).join(' and ')} (a month counts in your own time zone). Book
					again when the next month opens.
				</p>
			)
	}
}

function SlotPicker({ slots, zone, picked, onPick }: { slots: IntroBookingState['slots']; zone: string; picked: string | null; onPick: ((start: string) => void) | null }) {
	// Slots shown only to look at hold nothing to focus, so the list itself takes the focus: a
	// keyboard can then scroll it.
	const readOnly = onPick === null
	return (
		<div
			className="max-h-96 space-y-3 overflow-y-auto pr-1"
			{...(readOnly ? { tabIndex: 0, role: 'region', 'aria-label': 'Intro slots' } : {})}
		>
			{groupByLocalDay(slots, zone).map((day) => (
				<div key={day.date}>
					<h3 className="text-sm font-semibold text-slate-800">{day.label}</h3>
					<ul aria-label={`Intro slots on ${day.label}`} className="mt-1 flex flex-wrap gap-1.5">
						{day.items.map((s) => {
							const clock = formatClock(s.start, zone)
							return (
								<li key={s.start}>
									{onPick ? (
										<button
											type="button"
											aria-pressed={picked === s.start}
											aria-label={`${day.label}, ${clock}`}
											onClick={() => onPick(s.start)}
											className="rounded-md px-2.5 py-1 text-sm font-medium ring-1 ring-brand-100 hover:bg-brand-50 aria-pressed:bg-brand-600 aria-pressed:text-white"
										>
											{clock}
										</button>
									) : (
										<span className="rounded-md px-2.5 py-1 text-sm text-slate-700 ring-1 ring-slate-200">{clock}</span>
									)}
								</li>
							)
						})}
					</ul>
				</div>
			))}
		</div>
	)
}

function IntroForm({ mentor, slot, zone, zoneLabel }: { mentor: { slug: string; name: string }; slot: { start: string; end: string }; zone: string; zoneLabel: string }) {
	const fetcher = useFetcher<{ result: SubmissionResult<string[]> }>()
	const [form, fields] = useForm({
		id: `intro-${slot.start}`,
		lastResult: fetcher.data?.result,
		constraint: getZodConstraint(IntroBookingSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: IntroBookingSchema }),
	})
	return (
		<fetcher.Form method="post" action={`/mentors/${mentor.slug}/book`} {...getFormProps(form)} className="space-y-4 border-t border-slate-200 pt-4">
			<input type="hidden" name="start" value={slot.start} />
			<p className="text-sm">
				<span className="font-semibold">Your intro with {mentor.name}:</span> {formatRange(slot.start, slot.end, zone)} ({zoneLabel})
			</p>
			<FormError id={form.errorId} errors={form.errors} />
			<TextareaField field={fields.helpWith} label="What do you want help with?" hint="Up to 2000 characters." rows={3} />
			<TextareaField field={fields.background} label="Your background (optional)" hint="Where you are now, up to 2000 characters." rows={3} />
			<TextareaField field={fields.goals} label="What do you hope to achieve?" hint="Up to 2000 characters." rows={3} />
			<SubmitButton pending={fetcher.state !== 'idle'}>Request intro</SubmitButton>
			<p className="text-xs text-slate-600">{mentor.name} accepts or declines before the intro starts; you will get an email either way.</p>
		</fetcher.Form>
	)
}
