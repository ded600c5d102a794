import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { completeTestOnboarding, getTestAccountLink } from '~/services/stripe-dev.server'
import { readFormData } from '~/utils/form.server'

/** Stands in for Stripe's hosted Express onboarding without Stripe keys: finish it, or leave for later. */

export const meta: MetaFunction = () => [{ title: 'Test Stripe onboarding · Mentora' }]

/** An account link's id as the emulator makes them; anything else (`../stats`) never reaches its control API. */
const AccountLinkIdSchema = z.string().regex(/^acctlink_[A-Za-z0-9]{1,64}$/)

function accountLinkId(params: LoaderFunctionArgs['params']): string {
	const parsed = AccountLinkIdSchema.safeParse(params.id)
	if (!parsed.success) throw new Response('No such onboarding link.', { status: 404, statusText: 'Not Found' })
	return parsed.data
}

export async function loader({ params }: LoaderFunctionArgs) {
	const link = await getTestAccountLink(accountLinkId(params))
	return { account: link.account }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const link = await getTestAccountLink(accountLinkId(params))
	if ((await readFormData(request)).get('intent') === 'complete') await completeTestOnboarding(link.account)
	return redirect(link.return_url)
}

export default function TestOnboarding() {
	const { account } = useLoaderData<typeof loader>()
	return (
		<section className="mx-auto max-w-md space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
			<p className="rounded bg-amber-100 px-2 py-1 text-sm font-medium text-amber-900">Test mode: no real account is created.</p>
			<h1 className="text-2xl font-bold">Set up payouts with Stripe</h1>
			<p className="text-slate-700">Account {account}. Stripe would ask for your bank account, identity and the terms of service here.</p>
			<Form method="post" className="flex flex-wrap gap-2">
				<button name="intent" value="complete" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
					Submit details
				</button>
				<button name="intent" value="later" className="rounded-md border border-slate-400 px-4 py-2 font-semibold">
					Finish later
				</button>
			</Form>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
