import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { type ReactNode } from 'react'
import { isListedInDirectory } from '~/rules/dossier'
import { countPeople, getMentorDossierState } from '~/services/profiles.server'
import { requireUser } from '~/utils/session.server'

export const meta: MetaFunction = () => [{ title: 'Dashboard · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const [dossier, counts] = await Promise.all([
		user.isMentor ? getMentorDossierState(user.id) : null,
		user.isAdmin ? countPeople() : null,
	])
	return {
		name: user.name,
		isMentee: user.isMentee,
		mentor: user.isMentor && dossier ? { slug: dossier.slug, listed: isListedInDirectory(dossier) } : null,
		counts,
	}
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
	return (
		<section aria-labelledby={id} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
			<h2 id={id} className="text-lg font-semibold">
				{title}
			</h2>
			<div className="mt-3 space-y-3 text-slate-700">{children}</div>
		</section>
	)
}

const linkButton = 'inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700'
const linkSecondary = 'inline-block rounded-md border border-brand-600 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50'

export default function Dashboard() {
	const { name, isMentee, mentor, counts } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<h1 className="text-2xl font-bold tracking-tight">Welcome, {name}</h1>
			{isMentee ? (
				<Section id="mentee" title="Your mentoring">
					<p>No sessions yet. Browse mentors and book a free 20-minute intro.</p>
					<div className="flex flex-wrap gap-3">
						<Link to="/mentors" className={linkButton}>
							Browse mentors
						</Link>
						<Link to="/sessions?role=mentee" className={linkSecondary}>
							My sessions
						</Link>
					</div>
				</Section>
			) : null}
			{mentor ? (
				<Section id="mentor" title="Mentoring others">
					{mentor.listed ? (
						<p>Your profile is listed in the mentor directory. Intro invitations from mentees will appear here.</p>
					) : (
						<p>
							Complete your dossier so mentees can find you: add a headline, the languages you mentor in and your
							subjects.
						</p>
					)}
					<div className="flex flex-wrap gap-3">
						<Link to="/settings/profile" className={mentor.listed ? linkSecondary : linkButton}>
							{mentor.listed ? 'Edit your dossier' : 'Complete your dossier'}
						</Link>
						<Link to={`/mentors/${mentor.slug}`} className={linkSecondary}>
							View your public page
						</Link>
						<Link to="/sessions?role=mentor" className={linkSecondary}>
							My sessions
						</Link>
						<Link to="/settings/availability" className={linkSecondary}>
							Availability
						</Link>
					</div>
				</Section>
			) : null}
			{counts ? (
				<Section id="admin" title="Admin overview">
					<dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
						{(
							[
								['Users', counts.users],
								['Mentors', counts.mentors],
								['Mentees', counts.mentees],
								['Admins', counts.admins],
							] as const
						).map(([label, value]) => (
							<div key={label} className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
								<dt className="text-sm text-slate-600">{label}</dt>
								<dd className="text-2xl font-bold text-slate-900">{value}</dd>
							</div>
						))}
					</dl>
					<p className="text-sm">Relationship health, refunds and reports will appear here.</p>
				</Section>
			) : null}
			{!isMentee && !mentor && !counts ? (
				<Section id="start" title="Get started">
					<p>Browse mentors to find someone who has done what you want to do.</p>
					<Link to="/mentors" className={linkButton}>
						Browse mentors
					</Link>
				</Section>
			) : null}
		</div>
	)
}
