import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { Avatar } from '~/components/avatar'
import { SubjectList } from '~/components/subject-list'
import { inputClass } from '~/components/forms'
import { describeTimeZone } from '~/rules/time-zones'
import { formatMoney } from '~/rules/money'
import { listDirectoryLanguages, listMentors, listSubjects } from '~/services/profiles.server'
import { now } from '~/utils/clock.server'
import { getHints } from '~/utils/client-hints'
import { formatClock, formatDay } from '~/utils/format-time'
import { getUser } from '~/utils/session.server'

export const meta: MetaFunction = () => [
	{ title: 'Find a mentor · Mentora' },
	{ name: 'description', content: 'Search mentors by subject, language, place and price, and book a free 20-minute intro.' },
]

/** Choices of the price filter, in euros per session. */
const PRICE_CHOICES = [50, 100, 150, 250] as const

type DirectoryParams = { q: string; subject: string; language: string; price: string; available: boolean }

export async function loader({ request, context }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	const q = (params.get('q') ?? '').trim().slice(0, 100)
	const subject = (params.get('subject') ?? '').slice(0, 100)
	const language = (params.get('language') ?? '').trim().slice(0, 100)
	// Only the listed choices mean anything; anything else filters nothing.
	const price = PRICE_CHOICES.find((choice) => String(choice) === params.get('price'))
	const available = params.get('available') === 'week'
	const page = Math.min(1000, Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1))
	const at = now()
	const [subjects, languages, result, viewer] = await Promise.all([
		listSubjects(),
		listDirectoryLanguages(),
		listMentors({ q, subject, language, maxSessionCents: price === undefined ? undefined : price * 100, availableThisWeek: available, page }, at),
		getUser(request, context),
	])
	const zone = viewer?.timeZone ?? getHints(request).timeZone ?? 'UTC'
	return {
		params: { q, subject, language, price: price === undefined ? '' : String(price), available } satisfies DirectoryParams,
		subjects,
		languages,
		zone,
		...result,
		mentors: result.mentors.map((mentor) => ({
			...mentor,
			timeZone: describeTimeZone(mentor.timeZone, at),
			priceFrom: mentor.priceFrom ? formatMoney(Math.round(mentor.priceFrom.cents), mentor.priceFrom.currency) : null,
			nextIntro: mentor.nextIntro ? `${formatDay(mentor.nextIntro, zone)}, ${formatClock(mentor.nextIntro, zone)}` : null,
		})),
	}
}

function pageLink(params: DirectoryParams, page: number): string {
	const search = new URLSearchParams()
	if (params.q) search.set('q', params.q)
	if (params.subject) search.set('subject', params.subject)
	if (params.language) search.set('language', params.language)
	if (params.price) search.set('price', params.price)
	if (params.available) search.set('available', 'week')
	if (page > 1) search.set('page', String(page))
	const query = search.toString()
	return query ? `/mentors?${query}` : '/mentors'
}

/** One filter of the directory: a labelled select whose first choice filters nothing. */
function FilterSelect({ name, label, value, anyLabel, options }: { name: string; label: string; value: string; anyLabel: string; options: { value: string; label: string }[] }) {
	return (
		<div>
			<label htmlFor={name} className="block text-sm font-medium text-slate-800">
				{label}
			</label>
			<select id={name} name={name} defaultValue={value} className={`${inputClass} mt-1`}>
				<option value="">{anyLabel}</option>
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
		</div>
	)
}

export default function MentorDirectory() {
	const { params, subjects, languages, zone, mentors, total, page, pageCount } = useLoaderData<typeof loader>()
	const { q, subject, language, price, available } = params
	const navigation = useNavigation()
	const searching = navigation.state === 'loading' && navigation.location.pathname === '/mentors'
	const subjectName = subjects.find((s) => s.slug === subject)?.name
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-bold tracking-tight">Find a mentor</h1>
				<p className="mt-1 text-slate-700">Every mentor offers a free 20-minute intro to see whether you click.</p>
			</div>
			<Form method="get" role="search" aria-label="Mentors" className="grid gap-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-[1fr_12rem_10rem_10rem] lg:items-end">
				<div>
					<label htmlFor="q" className="block text-sm font-medium text-slate-800">
						Search
					</label>
					<input id="q" name="q" type="search" defaultValue={q} placeholder="Subject, language, city, name…" className={`${inputClass} mt-1`} />
				</div>
				<FilterSelect name="subject" label="Subject" value={subject} anyLabel="All subjects" options={subjects.map((s) => ({ value: s.slug, label: s.name }))} />
				<FilterSelect name="language" label="Language" value={language} anyLabel="Any language" options={languages.map((name) => ({ value: name, label: name }))} />
				<FilterSelect
					name="price"
					label="Price per session"
					value={price}
					anyLabel="Any price"
					options={PRICE_CHOICES.map((choice) => ({ value: String(choice), label: `Up to €${choice}` }))}
				/>
				<label className="flex items-center gap-2 text-sm font-medium text-slate-800 lg:col-span-3">
					<input type="checkbox" name="available" value="week" defaultChecked={available} className="h-4 w-4" />
					Free intro within 7 days
				</label>
				<button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
					Search
				</button>
			</Form>

			<p role="status" className="text-sm text-slate-700">
				{searching
					? 'Searching…'
					: `${total} ${total === 1 ? 'mentor' : 'mentors'}${subjectName ? ` in ${subjectName}` : ''}${language ? ` speaking ${language}` : ''}${price ? ` from €${price} or less a session` : ''}${available ? ' with a free intro within 7 days' : ''}${q ? ` matching “${q}”` : ''}`}
			</p>

			{mentors.length > 0 ? <p className="-mt-4 text-sm text-slate-600">Intro times are in {zone.replaceAll('_', ' ')}.</p> : null}

			{mentors.length === 0 ? (
				<div className="rounded-xl bg-white p-6 text-center ring-1 ring-slate-200">
					<p className="font-medium">No mentors match these filters.</p>
					<Link to="/mentors" className="mt-2 inline-block text-brand-700 underline">
						Show all mentors
					</Link>
				</div>
			) : (
				<ul aria-label="Mentors" className="grid gap-4 sm:grid-cols-2">
					{mentors.map((mentor) => (
						<li key={mentor.slug} className="relative flex flex-col gap-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 focus-within:ring-2 focus-within:ring-brand-600 hover:ring-brand-600">
							<div className="flex items-start gap-4">
								<Avatar person={mentor} size={64} />
								<div className="min-w-0">
									<h2 className="text-lg font-semibold">
										<Link to={`/mentors/${mentor.slug}`} className="after:absolute after:inset-0 focus-visible:outline-none">
											{mentor.name}
										</Link>
									</h2>
									<p className="text-slate-700">{mentor.headline}</p>
								</div>
							</div>
							<SubjectList subjects={mentor.subjects} label={`Subjects of ${mentor.name}`} />
							<dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm text-slate-700">
								<dt className="font-medium text-slate-600">Languages</dt>
								<dd>{mentor.languages.join(', ')}</dd>
								{mentor.location ? (
									<>
										<dt className="font-medium text-slate-600">Location</dt>
										<dd>{mentor.location}</dd>
									</>
								) : null}
								<dt className="font-medium text-slate-600">Time zone</dt>
								<dd>{mentor.timeZone}</dd>
								<dt className="font-medium text-slate-600">Price</dt>
								<dd>{mentor.priceFrom ? `From ${mentor.priceFrom} a session` : 'No bundles offered yet'}</dd>
								<dt className="font-medium text-slate-600">Next intro</dt>
								<dd>{mentor.nextIntro ? <time>{mentor.nextIntro}</time> : 'None free in the next 14 days'}</dd>
							</dl>
						</li>
					))}
				</ul>
			)}

			{pageCount > 1 ? (
				<nav aria-label="Pages" className="flex items-center justify-between">
					{page > 1 ? (
						<Link to={pageLink(params, page - 1)} className="font-semibold text-brand-700 underline">
							Previous page
						</Link>
					) : (
						<span />
					)}
					<span className="text-sm text-slate-700">
						Page {page} of {pageCount}
					</span>
					{page < pageCount ? (
						<Link to={pageLink(params, page + 1)} className="font-semibold text-brand-700 underline">
							Next page
						</Link>
					) : (
						<span />
					)}
				</nav>
			) : null}
		</div>
	)
}
