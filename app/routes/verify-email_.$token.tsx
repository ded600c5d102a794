import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { SubmitButton } from '~/components/forms'
import { readVerificationLink, verifyEmail } from '~/services/email-verification.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { withToast } from '~/utils/flash.server'
import { getUser } from '~/utils/session.server'

/**
 * /verify-email/<token>: the page the sign-up email links to. Opening it only reads the link (mail
 * scanners follow links); pressing its button confirms the address, signed in or not.
 */

export const meta: MetaFunction = () => [{ title: 'Confirm your email address · Mentora' }, { name: 'robots', content: 'noindex' }]

export async function loader({ params }: LoaderFunctionArgs) {
	try {
		return { state: 'open' as const, ...(await readVerificationLink(params.token ?? '', now())) }
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ state: 'refused' as const, code: error.code, message: error.message }, { status: error.status })
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	try {
		const verified = await verifyEmail({ token: params.token ?? '', now: now() })
		const viewer = await getUser(request, context)
		const toast = { kind: 'success' as const, message: `Your email address ${verified.email} is confirmed: you can book sessions now.` }
		return redirect(viewer?.id === verified.userId ? '/dashboard' : '/login', { headers: withToast(toast) })
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ state: 'refused' as const, code: error.code, message: error.message }, { status: error.status })
	}
}

export default function VerifyEmailPage() {
	const link = useLoaderData<typeof loader>()
	const navigation = useNavigation()
	if (link.state === 'refused') {
		return (
			<div className="mx-auto max-w-md">
				<h1 className="text-2xl font-bold tracking-tight">This link cannot be used</h1>
				<p role="alert" data-code={link.code} className="mt-4 rounded-xl bg-white p-6 text-slate-700 shadow-sm ring-1 ring-slate-200">
					{link.message}
				</p>
				<p className="mt-4">
					<Link to="/dashboard" className="font-semibold text-brand-700 underline">
						Go to my dashboard
					</Link>
				</p>
			</div>
		)
	}
	return (
		<div className="mx-auto max-w-md">
			<h1 className="text-2xl font-bold tracking-tight">Confirm your email address</h1>
			{link.verified ? (
				<p role="status" className="mt-4 rounded-xl bg-white p-6 text-slate-700 shadow-sm ring-1 ring-slate-200">
					<span className="font-medium break-all">{link.email}</span> is already confirmed.{' '}
					<Link to="/dashboard" className="font-semibold text-brand-700 underline">
						Go to my dashboard
					</Link>
				</p>
			) : (
				<Form method="post" className="mt-4 space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
					<p className="text-slate-700">
						Confirm that <span className="font-medium break-all">{link.email}</span> is your address. Then you can book sessions with mentors.
					</p>
					<SubmitButton pending={navigation.state === 'submitting'}>Confirm my address</SubmitButton>
				</Form>
			)}
		</div>
	)
}
