import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { describeTimeZone } from '~/rules/time-zones'
import { deleteAllSessions } from '~/services/auth-sessions.server'
import { now } from '~/utils/clock.server'
import { clearedSessionCookie, requireUser } from '~/utils/session.server'

export const meta: MetaFunction = () => [{ title: 'Account settings · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const roles = [user.isMentee && 'Mentee', user.isMentor && 'Mentor', user.isAdmin && 'Admin'].filter(Boolean) as string[]
	return {
		name: user.name,
		email: user.email,
		roles,
		timeZone: describeTimeZone(user.timeZone, now()),
	}
}

/** "Log out everywhere": every session of this person ends, this browser's included. */
export async function action({ request }: ActionFunctionArgs) {
	// No context: the sessions are about to go, so none is renewed on the way out.
	const user = await requireUser(request)
	await deleteAllSessions(user.id)
	return redirect('/login', { headers: { 'Set-Cookie': clearedSessionCookie() } })
}

export default function AccountSettings() {
	const { name, email, roles, timeZone } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<section aria-labelledby="account" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
				<h2 id="account" className="text-lg font-semibold">
					Account
				</h2>
				<dl className="mt-3 grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
					<dt className="text-sm font-medium text-slate-600">Name</dt>
					<dd>{name}</dd>
					<dt className="text-sm font-medium text-slate-600">Email</dt>
					<dd className="break-all">{email}</dd>
					<dt className="text-sm font-medium text-slate-600">Roles</dt>
					<dd>{roles.join(', ') || 'None'}</dd>
					<dt className="text-sm font-medium text-slate-600">Time zone</dt>
					<dd>{timeZone}</dd>
				</dl>
				<Link to="/settings/profile" className="mt-4 inline-block font-semibold text-brand-700 underline">
					Edit name, time zone and profile
				</Link>
			</section>
			<section aria-labelledby="sessions" className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
				<h2 id="sessions" className="text-lg font-semibold">
					Sessions
				</h2>
				<p className="mt-2 text-slate-700">
					Lost a device or logged in on a shared computer? Log out of Mentora on every browser and device, this one
					included.
				</p>
				<Form method="post" className="mt-4">
					<button
						type="submit"
						className="rounded-md border border-red-700 px-4 py-2 font-semibold text-red-700 hover:bg-red-50"
					>
						Log out everywhere
					</button>
				</Form>
			</section>
		</div>
	)
}
