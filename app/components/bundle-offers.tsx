import { Link, useFetcher } from '@remix-run/react'
import { formatMoney } from '~/rules/money'
import { type OfferSection } from '~/services/bundle-purchase.server'

/**
 * A mentor's bundle offers on their public page, each with its per-session price, and a Buy
 * button that goes to Stripe Checkout. Buying is open once the mentor approved continuing after
 * an intro; until then the section says so.
 */
export function BundleOffers({ mentor, section }: { mentor: { slug: string; name: string }; section: OfferSection }) {
	const fetcher = useFetcher<{ error?: { code: string; message: string } }>()
	if (section.offers.length === 0 && section.bundles.length === 0) return null
	const note = (blocker: NonNullable<OfferSection['blocker']>) =>
		blocker === 'login' ? 'Log in to buy a bundle.' : blocker === 'self' ? 'These are your offers as mentees see them.' : section.blockerMessage
	return (
		<section aria-labelledby="bundles" className="h-fit space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
			<h2 id="bundles" className="text-lg font-semibold">
				Session bundles
			</h2>
			{section.bundles.map((b) => (
				<p key={b.id} className="rounded-md bg-brand-50 p-3 text-sm text-brand-900">
					Your bundle: {b.available} of {b.creditsTotal} sessions left.{' '}
					<Link to={`/bundles/${b.id}`} className="font-semibold underline">
						Details
					</Link>
				</p>
			))}
			<ul className="space-y-3">
				{section.offers.map((o) => (
					<li key={o.id} className="rounded-lg border border-slate-200 p-3">
						<p className="font-semibold">
							{o.sessionsCount} × {o.sessionMinutes} min for {formatMoney(o.priceCents, o.currency)}
						</p>
						<p className="text-sm text-slate-700">
							{formatMoney(o.perSessionCents, o.currency)} per session{o.validityMonths ? `, valid ${o.validityMonths} months` : ''}
						</p>
						{section.blocker === null ? (
							<fetcher.Form method="post" action={`/mentors/${mentor.slug}/buy`} className="mt-2">
								<input type="hidden" name="offerId" value={o.id} />
								<button
									type="submit"
									disabled={fetcher.state !== 'idle'}
									aria-label={`Buy ${o.sessionsCount} × ${o.sessionMinutes} min for ${formatMoney(o.priceCents, o.currency)}`}
									className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
								>
									Buy
								</button>
							</fetcher.Form>
						) : null}
					</li>
				))}
			</ul>
			{section.blocker ? <p className="text-sm text-slate-700">{note(section.blocker)}</p> : null}
			{fetcher.data?.error ? (
				<p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
					{fetcher.data.error.message}
				</p>
			) : null}
		</section>
	)
}
