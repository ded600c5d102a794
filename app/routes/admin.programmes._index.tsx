import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { OPEN_REGISTRATION_STATUSES } from '~/rules/announcements'
import { listAdministeredProgrammes } from '~/services/programmes.server'
import { requireUser } from '~/utils/session.server'
import { REGISTRATION_STATUSES } from '../../db/schema/programmes'

/** The programmes whose admin work the viewer does: every one for an admin, theirs for a coordinator. */

export const meta: MetaFunction = () => [{ title: 'Programmes · Admin · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const programmes = await listAdministeredProgrammes(user)
	if (!user.isAdmin && programmes.length === 0) throw new Response('Only admins and programme coordinators can see this page.', { status: 403, statusText: 'Forbidden' })
	return { isAdmin: user.isAdmin, programmes }
}

const MODE_LABELS = { self: 'Self matching', admin: 'Cohort assignment', facilitator: 'Facilitator proposes pairs' } as const

export default function AdminProgrammes() {
	const { isAdmin, programmes } = useLoaderData<typeof loader>()
	return (
		<section className="space-y-4">
			<div className="flex flex-wrap items-center justify-between gap-2">
				<h1 className="text-2xl font-bold tracking-tight">Programmes</h1>
				{isAdmin ? (
					<Link to="/admin/programmes/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
						New programme
					</Link>
				) : null}
			</div>
			<p className="text-sm text-slate-600">{isAdmin ? 'Every programme.' : 'The programmes you coordinate.'}</p>
			{programmes.length === 0 ? <p className="rounded-xl bg-white p-4 text-slate-700 ring-1 ring-slate-200">No programme yet.</p> : null}
			<ul aria-label="Programmes" className="space-y-3">
				{programmes.map((p) => {
					const open = OPEN_REGISTRATION_STATUSES.reduce((sum, s) => sum + (p.registrations[s] ?? 0), 0)
					const counts = REGISTRATION_STATUSES.filter((s) => (p.registrations[s] ?? 0) > 0)
					return (
						<li key={p.id} aria-label={p.name} className="space-y-1 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
							<Link to={`/admin/programmes/${encodeURIComponent(p.slug)}`} className="font-semibold text-brand-700 underline">
								{p.name}
							</Link>
							<p className="text-sm text-slate-700">
								{MODE_LABELS[p.matchingMode]} · {open === 1 ? '1 open registration' : `${open} open registrations`}
							</p>
							{counts.length > 0 ? (
								<p className="text-sm text-slate-600">{counts.map((s) => `${s.replaceAll('_', ' ')} ${p.registrations[s]}`).join(' · ')}</p>
							) : null}
						</li>
					)
				})}
			</ul>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
