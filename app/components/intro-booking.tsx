import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Link, useFetcher } from '@remix-run/react'
import { INTRO_MINUTES, IntroFormSchema } from '~/rules/booking-rules'
import { type IntroBookingState } from '~/services/intro-booking.server'
import { describeMonth, formatRange } from '~/utils/format-time'
import { SlotStartSchema } from '~/utils/validation'
import { FormError, SubmitButton, TextareaField } from './forms'
import { SlotPicker, type BookingView, type PickedSlot, type Step } from './slot-picker'
import { VerifyEmailNotice } from './verify-email-notice'

/**
 * Booking a free intro from a mentor's public page: the next two weeks of slots in the viewer's
 * zone, picked from a month calendar, then the intro form and the booking. When the booking
 * service would refuse, the box says why before anyone types a word, and the times are shown only
 * to look at.
 */

export const IntroBookingSchema = IntroFormSchema.extend({
	start: SlotStartSchema,
})

type Props = {
	mentor: { slug: string; name: string }
	state: Omit<IntroBookingState, 'slots'>
	/** Intro slot starts, epoch ms, in order. */
	starts: number[]
	view: BookingView
	primary: boolean
	onStepChange?: (step: Step) => void
}

export function IntroBooking({ mentor, state, starts, view, primary, onStepChange }: Props) {
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

			<Blocker state={state} mentorName={mentor.name} loginHref={loginHref} zone={view.zone} />

			{starts.length === 0 && state.blocker?.reason !== 'quota_used' ? (
				<p className="text-slate-700">Intro slots appear here once this mentor publishes availability.</p>
			) : null}
			{starts.length > 0 ? (
				<SlotPicker
					kind="intro"
					primary={primary}
					noun="intro"
					starts={starts}
					minutes={INTRO_MINUTES}
					view={view}
					canConfirm={canBook}
					onStepChange={onStepChange}
					confirm={(slot) => <IntroForm key={slot.start} mentor={mentor} slot={slot} />}
				/>
			) : null}
			{canBook && state.fullMonths.length > 0 ? (
				<p className="text-sm text-slate-700">
					Slots in {state.fullMonths.map(describeMonth).join(' and ')} are hidden: you have used your 3 intros for that month.
				</p>
			) : null}
		</section>
	)
}

function Blocker({ state, mentorName, loginHref, zone }: { state: Omit<IntroBookingState, 'slots'>; mentorName: string; loginHref: string; zone: string }) {
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

function IntroForm({ mentor, slot }: { mentor: { slug: string; name: string }; slot: PickedSlot }) {
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
		<fetcher.Form method="post" aria-label={`Intro request for ${slot.label}`} action={`/mentors/${mentor.slug}/book`} {...getFormProps(form)} className="space-y-4">
			<input type="hidden" name="start" value={slot.start} />
			<FormError id={form.errorId} errors={form.errors} />
			<TextareaField field={fields.helpWith} label="What do you want help with?" hint="Up to 2000 characters." rows={3} />
			<TextareaField field={fields.background} label="Your background (optional)" hint="Where you are now, up to 2000 characters." rows={3} />
			<TextareaField field={fields.goals} label="What do you hope to achieve?" hint="Up to 2000 characters." rows={3} />
			<SubmitButton pending={fetcher.state !== 'idle'}>Request intro</SubmitButton>
			<p className="text-xs text-slate-600">{mentor.name} accepts or declines before the intro starts; you will get an email either way.</p>
		</fetcher.Form>
	)
}
