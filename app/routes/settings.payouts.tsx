import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { createOnboardingLink, getConnectStatus } from '~/services/connect.server'
import { requireMentor } from '~/utils/session.server'
import { describeStripeRequirements } from '~/utils/stripe-requirements'

/** Stripe Connect onboarding: where the mentor's payouts go, and what Stripe still needs before they can. */

export const meta: MetaFunction = () => [{ title: 'Payout settings · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireMentor(request, context)
	return { status: await getConnectStatus(user.id) }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireMentor(request, context)
	return redirect(await createOnboardingLink(user.id))
}

export default function PayoutSettings() {
	const { status } = useLoaderData<typeof loader>()
	const ready = status.transfersActive
	return (
		<section aria-labelledby="connect" className="space-y-3 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
			<h2 id="connect" className="text-lg font-semibold">
				Payouts with Stripe
			</h2>
			<p role="status" className={ready ? 'font-medium text-green-800' : 'font-medium text-amber-800'}>
				{ready
					? 'Your Stripe account can receive payouts.'
					: status.connected
						? 'Stripe needs more details before you can receive payouts. Payouts for sessions you confirm wait until then.'
						: 'Connect a Stripe account to receive payouts. Payouts for sessions you confirm wait until you do.'}
			</p>
			{!ready && status.requirementsDue.length > 0 ? (
				<div>
					<p className="text-sm font-medium text-slate-700">Still missing:</p>
					<ul className="list-inside list-disc text-sm text-slate-700">
						{describeStripeRequirements(status.requirementsDue).map((r) => (
							<li key={r}>{r}</li>
						))}
					</ul>
				</div>
			) : null}
			<Form method="post">
				<button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
					{ready ? 'Update payout details at Stripe' : status.connected ? 'Continue Stripe setup' : 'Set up payouts with Stripe'}
				</button>
			</Form>
			<Link to="/payouts" className="inline-block text-brand-700 underline">
				See your payouts
			</Link>
		</section>
	)
}
