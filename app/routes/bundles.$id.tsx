import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { availableCredits, formatMoney, perSessionCents } from '~/rules/money'
import { getBundle } from '~/services/bundle-purchase.server'
import { listRefunds } from '~/services/refunds.server'
import { requireUser } from '~/utils/session.server'
import { bundleStatusLabel, CREDIT_LABELS } from '~/rules/wording'

/**
 * A bundle's receipt and balance. Back from Checkout the bundle may still be pending: it turns
 * active when Stripe's webhook says the payment succeeded, so the page looks again every 2 seconds.
 */

export const meta: MetaFunction = () => [{ title: 'Your bundle · Mentora' }]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const bundle = await getBundle(params.id ?? '')
	if (!bundle || (bundle.menteeId !== user.id && bundle.mentorId !== user.id && !user.isAdmin)) {
		throw new Response('We could not find that bundle.', { status: 404, statusText: 'Not Found' })
	}
	const refunds = await listRefunds(bundle.id)
	// Where Stripe's Checkout sent the person back: after paying, or after leaving it.
	const asked = new URL(request.url).searchParams.get('checkout')
	const checkout: 'success' | 'cancelled' | null = asked === 'success' || asked === 'cancelled' ? asked : null
	return {
		checkout,
		zone: user.timeZone,
		bundle: {
			id: bundle.id,
			status: bundle.status,
			mentorName: bundle.mentorName,
			mentorSlug: bundle.mentorSlug,
			sessionMinutes: bundle.sessionMinutes,
			creditsTotal: bundle.creditsTotal,
			creditsReserved: bundle.creditsReserved,
			creditsConsumed: bundle.creditsConsumed,
			creditsRefunded: bundle.creditsRefunded,
			available: bundle.status === 'active' ? availableCredits(bundle) : 0,
			price: formatMoney(bundle.priceCents, bundle.currency),
			perSession: formatMoney(perSessionCents(bundle), bundle.currency),
			refunded: bundle.amountRefunded > 0 ? formatMoney(bundle.amountRefunded, bundle.currency) : null,
			paidAt: bundle.paidAt?.toISOString() ?? null,
			expiresAt: bundle.expiresAt?.toISOString() ?? null,
		},
		refunds: refunds.map((r) => ({ id: r.id, amount: formatMoney(r.amountCents, bundle.currency), credits: r.credits, reason: r.reason, at: r.createdAt.toISOString() })),
	}
}


/** A date in the viewer's zone, with the zone named (a payment late in the evening is that day where the viewer lives). */
const day = (iso: string, zone: string) =>
	`${new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone })} (${zone.replaceAll('_', ' ')})`

export default function BundleReceipt() {
	const { bundle, refunds, zone, checkout } = useLoaderData<typeof loader>()
	const revalidator = useRevalidator()
	// Left at checkout, nothing will come: no need to look again.
	const abandoned = bundle.status === 'pending' && checkout === 'cancelled'
	useEffect(() => {
		if (bundle.status !== 'pending' || abandoned) return
		const timer = setInterval(() => revalidator.state === 'idle' && revalidator.revalidate(), 2000)
		return () => clearInterval(timer)
	}, [bundle.status, abandoned, revalidator])

	const rows = [
		['Bundle', `${bundle.creditsTotal} × ${bundle.sessionMinutes} minutes with ${bundle.mentorName}`],
		['Paid', `${bundle.price} (${bundle.perSession} per session)`],
		['Sessions left', String(bundle.available)],
		[CREDIT_LABELS.reserved, String(bundle.creditsReserved)],
		[CREDIT_LABELS.consumed, String(bundle.creditsConsumed)],
		...(bundle.creditsRefunded > 0 ? [['Refunded sessions', String(bundle.creditsRefunded)]] : []),
		...(bundle.refunded ? [['Refunded', bundle.refunded]] : []),
		...(bundle.paidAt ? [['Date of payment', day(bundle.paidAt, zone)]] : []),
		...(bundle.expiresAt ? [['Valid until', day(bundle.expiresAt, zone)]] : []),
		['Reference', bundle.id],
	]
	return (
		<article className="mx-auto max-w-xl space-y-6">
			<header>
				<h1 className="text-2xl font-bold tracking-tight">Your bundle with {bundle.mentorName}</h1>
				<p role="status" className="mt-1 font-medium text-brand-700">
					{/* Right after checkout the page polls until the webhook has confirmed the payment. */}
					{abandoned ? 'Not paid' : bundle.status === 'pending' ? 'Confirming your payment…' : bundleStatusLabel(bundle)}
				</p>
				<CheckoutOutcome checkout={checkout} status={bundle.status} mentorName={bundle.mentorName} mentorSlug={bundle.mentorSlug} />
			</header>
			<dl className="grid gap-x-6 gap-y-2 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:grid-cols-[max-content_1fr]">
				{rows.map(([label, value]) => (
					<div key={label} className="contents">
						<dt className="text-sm font-medium text-slate-600">{label}</dt>
						<dd className="break-all">{value}</dd>
					</div>
				))}
			</dl>
			{refunds.length > 0 ? (
				<section aria-labelledby="refunds" className="rounded-xl bg-white p-6 ring-1 ring-slate-200">
					<h2 id="refunds" className="text-lg font-semibold">
						Refunds
					</h2>
					<ul className="mt-2 space-y-1">
						{refunds.map((r) => (
							<li key={r.id}>
								{r.amount} for {r.credits} unused session{r.credits === 1 ? '' : 's'} on {day(r.at, zone)}: {r.reason}
							</li>
						))}
					</ul>
				</section>
			) : null}
			{bundle.status === 'active' && bundle.mentorSlug ? (
				<Link to={`/mentors/${bundle.mentorSlug}`} className="inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
					Book a session with {bundle.mentorName}
				</Link>
			) : null}
		</article>
	)
}

/** What happened at Stripe's Checkout, said on the page it returns to. */
function CheckoutOutcome({ checkout, status, mentorName, mentorSlug }: { checkout: 'success' | 'cancelled' | null; status: string; mentorName: string; mentorSlug: string | null }) {
	if (checkout === 'success') {
		return (
			<p className="mt-2 text-slate-700">
				{status === 'pending'
					? 'Thank you: Stripe took your payment. We are confirming it, which takes a few seconds; this page updates by itself, and a receipt is on its way by email.'
					: status === 'active'
						? `Thank you: your payment is confirmed and a receipt is on its way by email. Book your sessions with ${mentorName} whenever suits you.`
						: null}
			</p>
		)
	}
	if (checkout === 'cancelled' && status === 'pending') {
		return (
			<p className="mt-2 text-slate-700">
				You left the checkout, so nothing was charged.{' '}
				{mentorSlug ? (
					<Link to={`/mentors/${mentorSlug}`} className="font-semibold text-brand-700 underline">
						Back to {mentorName}
					</Link>
				) : null}
			</p>
		)
	}
	return null
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
