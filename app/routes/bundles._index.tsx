import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { availableCredits, formatMoney } from '~/rules/money'
import { listMenteeBundles } from '~/services/bundles.server'
import { requireUser } from '~/utils/session.server'
import { bundleStatusLabel, CREDIT_LABELS, plural } from '~/rules/wording'

/** A mentee's bundles: what each holds (credits total, booked, used, left), where it stands, and what was refunded. */

export const meta: MetaFunction = () => [{ title: 'My bundles · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const bundles = await listMenteeBundles(user.id)
	return {
		bundles: bundles.map((b) => ({
			id: b.id,
			status: b.status,
			mentorName: b.mentorName,
			mentorSlug: b.mentorSlug,
			title: `${b.creditsTotal} × ${b.sessionMinutes} min with ${b.mentorName}`,
			price: formatMoney(b.priceCents, b.currency),
			creditsTotal: b.creditsTotal,
			creditsReserved: b.creditsReserved,
			creditsConsumed: b.creditsConsumed,
			creditsRefunded: b.creditsRefunded,
			// Only an active bundle can be booked from; an expired or refunded one has nothing left to use.
			available: b.status === 'active' ? availableCredits(b) : 0,
			refunded: b.amountRefunded > 0 ? formatMoney(b.amountRefunded, b.currency) : null,
		})),
	}
}


export default function MyBundles() {
	const { bundles } = useLoaderData<typeof loader>()
	return (
		<section className="space-y-4">
			<h1 className="text-2xl font-bold tracking-tight">My bundles</h1>
			{bundles.length === 0 ? (
				<p className="rounded-xl bg-white p-4 text-slate-700 ring-1 ring-slate-200">
					No bundles yet. After a free intro, a mentor who approves continuing lets you buy a bundle of sessions on their profile.{' '}
					<Link to="/mentors" className="font-semibold text-brand-700 underline">
						Find a mentor
					</Link>
				</p>
			) : (
				<ul className="space-y-3">
					{bundles.map((b) => (
						<li key={b.id} aria-label={`Bundle with ${b.mentorName}`} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
							<div className="flex flex-wrap items-baseline justify-between gap-2">
								<Link to={`/bundles/${b.id}`} className="font-semibold text-brand-700 underline">
									{b.title}
								</Link>
								<span className="text-sm font-medium text-slate-800">{bundleStatusLabel(b)}</span>
							</div>
							<dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-5">
								{[
									['Sessions', b.creditsTotal],
									[CREDIT_LABELS.reserved, b.creditsReserved],
									[CREDIT_LABELS.consumed, b.creditsConsumed],
									[CREDIT_LABELS.available, b.available],
									['Paid', b.price],
								].map(([label, value]) => (
									<div key={label}>
										<dt className="text-slate-600">{label}</dt>
										<dd className="font-medium">{value}</dd>
									</div>
								))}
							</dl>
							{b.refunded ? (
								<p className="mt-2 text-sm text-slate-700">
									Refunded {b.refunded} for {plural(b.creditsRefunded, 'unused session', 'unused sessions')}.
								</p>
							) : null}
						</li>
					))}
				</ul>
			)}
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
