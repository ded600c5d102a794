import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { statusLabel } from '~/rules/journey-steps'
import { MODE_LABELS, summaryOf } from '~/rules/programme-summary'
import { isFinal } from '~/rules/registration-journey'
import { listProgrammes } from '~/services/programmes.server'
import { registrationsOf } from '~/services/registrations.server'
import { requireUser } from '~/utils/session.server'

/** The programmes open to the viewer (their audience includes them), with where the viewer stands in each. */

export const meta: MetaFunction = () => [{ title: 'Programmes · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const programmes = await listProgrammes(user)
	const mine = await registrationsOf({ userId: user.id, programmeIds: programmes.map((p) => p.id) })
	return {
		programmes: programmes.map((p) => {
			// Open registrations first; otherwise the latest one, which says how the last one ended.
			const ofProgramme = mine.filter((r) => r.programme.slug === p.slug)
			const open = ofProgramme.filter((r) => !isFinal(r.status))
			const shown = open.length > 0 ? open : ofProgramme.slice(0, 1)
			return {
				slug: p.slug,
				name: p.name,
				summary: summaryOf(p.description),
				mode: MODE_LABELS[p.matchingMode],
				registrations: shown.map((r) => ({ id: r.id, role: r.role, status: r.status })),
			}
		}),
	}
}

export default function Programmes() {
	const { programmes } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-bold tracking-tight">Programmes</h1>
				<p className="text-sm text-slate-600">Mentoring programmes you may join. Open one to read about it and register as mentor or mentee.</p>
			</div>
			{programmes.length === 0 ? (
				<div className="space-y-2 rounded-xl bg-white p-6 text-slate-700 ring-1 ring-slate-200">
					<p className="font-semibold">No programme is open to you yet.</p>
					<p className="text-sm">
						Programmes choose who may join by role, department, location or email domain. Keeping your{' '}
						<Link to="/settings/profile" className="font-semibold text-brand-700 underline">
							profile
						</Link>{' '}
						up to date (department and location) lets the right ones find you. Meanwhile you can{' '}
						<Link to="/mentors" className="font-semibold text-brand-700 underline">
							find a mentor
						</Link>{' '}
						on your own.
					</p>
				</div>
			) : (
				<ul aria-label="Programmes" className="space-y-3">
					{programmes.map((p) => (
						<li key={p.slug} aria-label={p.name} className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
							<h2 className="text-lg font-semibold">
								<Link to={`/programmes/${p.slug}`} className="text-brand-700 underline">
									{p.name}
								</Link>
							</h2>
							{p.summary ? <p className="text-sm text-slate-700">{p.summary}</p> : null}
							<p className="text-sm text-slate-600">{p.mode}</p>
							{p.registrations.length > 0 ? (
								<ul aria-label={`Your registrations in ${p.name}`} className="flex flex-wrap gap-2">
									{p.registrations.map((r) => (
										<li key={r.id} className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-700 ring-1 ring-brand-200">
											As {r.role}: {statusLabel(r.status)}
										</li>
									))}
								</ul>
							) : (
								<p className="text-sm text-slate-600">You have not registered.</p>
							)}
						</li>
					))}
				</ul>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
