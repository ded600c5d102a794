import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formatMoney } from '~/rules/money'
import { getTestCheckout, payTestCheckout } from '~/services/stripe-dev.server'
import { readFormData } from '~/utils/form.server'

/**
 * Stands in for Stripe's hosted Checkout page when Mentora runs without Stripe keys. Paying makes
 * the emulator send `checkout.session.completed` to /webhooks/stripe, signed as Stripe signs it;
 * the bundle turns active from that webhook, not from this page's redirect.
 */

export const meta: MetaFunction = () => [{ title: 'Test checkout · Mentora' }]

/** A test Checkout Session's id as the emulator makes them; anything else never reaches the emulator. */
const CheckoutIdSchema = z.string().regex(/^cs_test_[A-Za-z0-9]{1,64}$/)

function checkoutId(params: LoaderFunctionArgs['params']): string {
	const parsed = CheckoutIdSchema.safeParse(params.id)
	if (!parsed.success) throw new Response('No such Checkout Session.', { status: 404, statusText: 'Not Found' })
	return parsed.data
}

export async function loader({ params }: LoaderFunctionArgs) {
	const session = await getTestCheckout(checkoutId(params))
	const summary = (session as unknown as { line_items_summary?: { description: string }[] }).line_items_summary ?? []
	return {
		id: session.id,
		status: session.status,
		amount: formatMoney(session.amount_total ?? 0, session.currency ?? 'eur'),
		description: summary.map((i) => i.description).join(', '),
		email: session.customer_email,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const id = checkoutId(params)
	const intent = (await readFormData(request)).get('intent')
	const session = await getTestCheckout(id)
	if (intent === 'cancel') return redirect(session.cancel_url ?? '/')
	const error = await payTestCheckout(session.id, intent === 'decline' ? 'declined' : 'paid')
	if (error) return data({ error }, { status: 402 })
	return redirect((session.success_url ?? '/').replace('{CHECKOUT_SESSION_ID}', session.id))
}

export default function TestCheckout() {
	const session = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	return (
		<section className="mx-auto max-w-md space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
			<p className="rounded bg-amber-100 px-2 py-1 text-sm font-medium text-amber-900">Test mode: no real money moves.</p>
			<h1 className="text-2xl font-bold">Pay {session.amount}</h1>
			<p className="text-slate-700">{session.description}</p>
			{session.email ? <p className="text-sm text-slate-600">Receipt to {session.email}</p> : null}
			{session.status !== 'open' ? (
				<p role="alert">This checkout is {session.status}.</p>
			) : (
				<Form method="post" className="flex flex-wrap gap-2">
					<button name="intent" value="pay" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
						Pay {session.amount}
					</button>
					<button name="intent" value="decline" className="rounded-md border border-slate-400 px-4 py-2 font-semibold">
						Use a card that is declined
					</button>
					<button name="intent" value="cancel" className="rounded-md px-4 py-2 font-semibold text-slate-700 underline">
						Back to Mentora
					</button>
				</Form>
			)}
			{answer?.error ? (
				<p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
					{answer.error}
				</p>
			) : null}
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
