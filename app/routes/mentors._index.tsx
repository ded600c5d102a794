import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { SubjectList } from '~/components/subject-list'
import { inputClass } from '~/components/forms'
import { describeTimeZone } from '~/rules/time-zones'
import { listMentors, listSubjects } from '~/services/profiles.server'
import { now } from '~/utils/clock.server'

export const meta: MetaFunction = () => [
	{ title: 'Find a mentor · Mentora' },
	{ name: 'description', content: 'Search mentors by subject, background and language, and book a free 20-minute intro.' },
]

export async function loader({ request }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	const q = (params.get('q') ?? '').trim().slice(0, 100)
	const subject = params.get('subject') ?? ''
	const page = Math.min(1000, Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1))
	const [subjects, result] = await Promise.all([listSubjects(), listMentors({ q, subject, page })])
	const at = now()
	return {
		q,
		subject,
		subjects,
		...result,
		mentors: result.mentors.map((mentor) => ({ ...mentor, timeZone: describeTimeZone(mentor.timeZone, at) })),
	}
}

function pageLink(params: { q: string; subject: string }, page: number): string {
	const search = new URLSearchParams()
	if (params.q) search.set('q', params.q)
	if (params.subject) search.set('subject', params.subject)
	if (page > 1) search.set('page', String(page))
	const query = search.toString()
	return query ? `/mentors?${query}` : '/mentors'
}

export default function MentorDirectory() {
	const { q, subject, subjects, mentors, total, page, pageCount } = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const searching = navigation.state === 'loading' && navigation.location.pathname === '/mentors'
	const subjectName = subjects.find((s) => s.slug === subject)?.name
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-bold tracking-tight">Find a mentor</h1>
				<p className="mt-1 text-slate-700">Every mentor offers a free 20-minute intro to see whether you click.</p>
			</div>
			<Form method="get" role="search" aria-label="Mentors" className="grid gap-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-[1fr_16rem_auto] sm:items-end">
				<div>
					<label htmlFor="q" className="block text-sm font-medium text-slate-800">
						Search
					</label>
					<input id="q" name="q" type="search" defaultValue={q} placeholder="Name, headline or bio" className={`${inputClass} mt-1`} />
				</div>
				<div>
					<label htmlFor="subject" className="block text-sm font-medium text-slate-800">
						Subject
					</label>
					<select id="subject" name="subject" defaultValue={subject} className={`${inputClass} mt-1`}>
						<option value="">All subjects</option>
						{subjects.map((s) => (
							<option key={s.slug} value={s.slug}>
								{s.name}
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
					Search
				</button>
			</Form>

			<p role="status" className="text-sm text-slate-700">
				{searching
					? 'Searching…'
					: `${total} ${total === 1 ? 'mentor' : 'mentors'}${subjectName ? ` in ${subjectName}` : ''}${q ? ` matching “${q}”` : ''}`}
			</p>

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
							<div>
								<h2 className="text-lg font-semibold">
									<Link to={`/mentors/${mentor.slug}`} className="after:absolute after:inset-0 focus-visible:outline-none">
										{mentor.name}
									</Link>
								</h2>
								<p className="text-slate-700">{mentor.headline}</p>
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
							</dl>
						</li>
					))}
				</ul>
			)}

			{pageCount > 1 ? (
				<nav aria-label="Pages" className="flex items-center justify-between">
					{page > 1 ? (
						<Link to={pageLink({ q, subject }, page - 1)} className="font-semibold text-brand-700 underline">
							Previous page
						</Link>
					) : (
						<span />
					)}
					<span className="text-sm text-slate-700">
						Page {page} of {pageCount}
					</span>
					{page < pageCount ? (
						<Link to={pageLink({ q, subject }, page + 1)} className="font-semibold text-brand-700 underline">
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
