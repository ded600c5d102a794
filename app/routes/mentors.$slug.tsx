import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useState } from 'react'
import { Avatar } from '~/components/avatar'
import { BookingZone } from '~/components/booking-zone'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { BundleOffers } from '~/components/bundle-offers'
import { IntroBooking } from '~/components/intro-booking'
import { PaidBooking } from '~/components/paid-booking'
import { type Step } from '~/components/slot-picker'
import { SubjectList } from '~/components/subject-list'
import { firstDayOfWeek, localDateOf, preferredLocale } from '~/rules/month-calendar'
import { describeTimeZone, listTimeZones, localTime } from '~/rules/time-zones'
import { getOfferSection } from '~/services/bundle-purchase.server'
import { getIntroBookingState } from '~/services/intro-booking.server'
import { getPaidBookingState } from '~/services/paid-booking.server'
import { getMentorBySlug } from '~/services/profiles.server'
import { now } from '~/utils/clock.server'
import { getHints } from '~/utils/client-hints'
import { getUser } from '~/utils/session.server'
import { TimeZoneSchema } from '~/utils/validation'

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data
		? [
				{ title: `${data.mentor.name} · Mentor on Mentora` },
				{ name: 'description', content: data.mentor.headline || `${data.mentor.name} mentors on Mentora.` },
			]
		: [{ title: 'Mentor not found · Mentora' }]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const [mentor, viewer] = await Promise.all([getMentorBySlug(params.slug ?? ''), getUser(request, context)])
	if (!mentor) throw new Response('We could not find a mentor at this address.', { status: 404, statusText: 'Not Found' })
	const at = now()
	// Booking times show in ?tz= when valid, else the viewer's own zone (setting, then browser).
	const tz = TimeZoneSchema.safeParse(new URL(request.url).searchParams.get('tz'))
	const bookingZone = tz.success ? tz.data : (viewer?.timeZone ?? getHints(request).timeZone ?? 'UTC')
	// Independent reads: side by side, not one after another.
	const [introBooking, bundleOffers, paidBooking] = await Promise.all([
		getIntroBookingState({ mentorSlug: mentor.slug, viewer, now: at }),
		getOfferSection({ id: mentor.userId, name: mentor.name }, viewer),
		getPaidBookingState({ mentorSlug: mentor.slug, mentorId: mentor.userId, viewer, now: at }),
	])
	const locale = preferredLocale(request.headers.get('accept-language'))
	// Slots go to the page as epoch ms, each calendar's length once: the browser formats the few it shows.
	const startsOf = (slots: { start: string }[]) => slots.map((slot) => Date.parse(slot.start))
	const { slots: introSlots, ...introState } = introBooking
	return {
		bundleOffers,
		paidBooking: paidBooking
			? { bundle: paidBooking.bundle, available: paidBooking.available, emailVerified: paidBooking.emailVerified, starts: startsOf(paidBooking.slots) }
			: null,
		introBooking: { state: introState, starts: startsOf(introSlots) },
		booking: {
			view: { zone: bookingZone, zoneLabel: describeTimeZone(bookingZone, at), locale, weekStart: firstDayOfWeek(locale), today: localDateOf(at.getTime(), bookingZone) },
			zones: listTimeZones(bookingZone),
		},
		mentor: {
			id: mentor.userId,
			photoVersion: mentor.photoVersion,
			slug: mentor.slug,
			name: mentor.name,
			headline: mentor.headline,
			bio: mentor.bio,
			subjects: mentor.subjects,
			industry: mentor.industry,
			role: mentor.role,
			department: mentor.department,
			location: mentor.location,
			languages: mentor.languages,
			yearsExperience: mentor.yearsExperience,
			workHistory: mentor.workHistory,
			timeZone: describeTimeZone(mentor.timeZone, at),
			localTime: localTime(mentor.timeZone, at),
		},
		viewer: viewer ? { isSelf: viewer.id === mentor.userId } : null,
	}
}

export default function MentorProfile() {
	const { mentor, viewer, introBooking, bundleOffers, paidBooking, booking } = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	// The confirmation step takes the page's full width; the calendars sit in a column beside the bio.
	const [confirming, setConfirming] = useState(() => searchParams.has('start'))
	const onStepChange = (step: Step) => setConfirming(step === 'confirm')
	const introShown = introBooking.state.blocker?.reason !== 'already_related'
	// The first calendar on the page reads the URL's bare month, day and start.
	const paidPrimary = !introShown || introBooking.state.blocker !== null
	const background = [
		['Industry', mentor.industry],
		['Role', mentor.role],
		['Department', mentor.department],
		['Location', mentor.location],
		['Years of experience', mentor.yearsExperience > 0 ? String(mentor.yearsExperience) : ''],
		['Languages', mentor.languages.join(', ')],
		['Time zone', `${mentor.timeZone}, local time ${mentor.localTime}`],
	].filter(([, value]) => value)

	return (
		<article className="space-y-6">
			<header className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
				<div className="flex flex-wrap items-center gap-5">
					<Avatar person={mentor} size={112} eager />
					<div className="min-w-0">
						<p className="text-sm font-medium text-brand-700">Mentor</p>
						<h1 className="text-3xl font-bold tracking-tight">{mentor.name}</h1>
						{mentor.headline ? <p className="mt-2 text-lg text-slate-700">{mentor.headline}</p> : null}
					</div>
				</div>
				<div className="mt-4">
					<SubjectList subjects={mentor.subjects} label="Subjects" />
				</div>
				{viewer?.isSelf ? (
					<Link to="/settings/profile" className="mt-4 inline-block font-semibold text-brand-700 underline">
						Edit your profile
					</Link>
				) : null}
			</header>

			{/* The booking box comes first in the page, so a phone shows it right under the headline;
			    from `md` the grid puts it back in the right-hand column, or across the page to confirm. */}
			<div className="grid gap-6 md:grid-cols-[1fr_20rem]">
				<aside aria-label="Booking" className={`min-w-0 space-y-6 ${confirming ? 'md:col-span-2 md:row-start-1' : 'md:col-start-2 md:row-start-1'}`}>
					{paidBooking || introBooking.starts.length > 0 ? <BookingZone zone={booking.view.zone} zoneLabel={booking.view.zoneLabel} zones={booking.zones} /> : null}
					{paidBooking ? (
						<PaidBooking
							key={`paid-${booking.view.zone}`}
							mentor={{ slug: mentor.slug, name: mentor.name }}
							state={paidBooking}
							starts={paidBooking.starts}
							view={booking.view}
							primary={paidPrimary}
							onStepChange={onStepChange}
						/>
					) : null}
					{introShown ? (
						<IntroBooking
							key={`intro-${booking.view.zone}`}
							mentor={{ slug: mentor.slug, name: mentor.name }}
							state={introBooking.state}
							starts={introBooking.starts}
							view={booking.view}
							primary={!paidBooking || !paidPrimary}
							onStepChange={onStepChange}
						/>
					) : (
						// A mentee who already works with this mentor sees only the paid calendar and the bundles.
						<p className="rounded-md border border-brand-100 bg-white p-3 text-sm text-slate-700">{introBooking.state.blocker?.reason === 'already_related' ? introBooking.state.blocker.message : null}</p>
					)}
					<BundleOffers mentor={{ slug: mentor.slug, name: mentor.name }} section={bundleOffers} />
				</aside>
				<div className={`min-w-0 space-y-6 ${confirming ? 'md:col-span-2 md:row-start-2' : 'md:col-start-1 md:row-start-1'}`}>
					<section aria-labelledby="about" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
						<h2 id="about" className="text-lg font-semibold">
							About
						</h2>
						<p className="mt-2 whitespace-pre-line text-slate-800">{mentor.bio || `${mentor.name} has not written a bio yet.`}</p>
					</section>
					<section aria-labelledby="background" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
						<h2 id="background" className="text-lg font-semibold">
							Background
						</h2>
						<dl className="mt-3 grid items-baseline gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
							{background.map(([label, value]) => (
								<div key={label} className="contents">
									<dt className="text-sm font-medium text-slate-600">{label}</dt>
									<dd className="text-slate-800">{value}</dd>
								</div>
							))}
						</dl>
						{mentor.workHistory ? (
							<>
								<h3 className="mt-4 text-sm font-medium text-slate-600">Work history</h3>
								<p className="mt-1 whitespace-pre-line text-slate-800">{mentor.workHistory}</p>
							</>
						) : null}
					</section>
				</div>
			</div>
		</article>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
