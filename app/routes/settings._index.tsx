import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CalendarFeed, EmailPreferences } from '~/components/email-settings'
import { describeTimeZone } from '~/rules/time-zones'
import { deleteAllSessions } from '~/services/auth-sessions.server'
import { calendarFeedCreatedAt, createCalendarFeed, revokeCalendarFeed } from '~/services/calendar-feed.server'
import { isReminderCategory, mutedCategories, REMINDER_LABELS, saveMutedCategories } from '~/services/email-preferences.server'
import { now } from '~/utils/clock.server'
import { clearedSessionCookie, requireUser } from '~/utils/session.server'
import { readFormData } from '~/utils/form.server'

export const meta: MetaFunction = () => [{ title: 'Account settings · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const roles = [user.isMentee && 'Mentee', user.isMentor && 'Mentor', user.isAdmin && 'Admin'].filter(Boolean) as string[]
	return {
		name: user.name,
		email: user.email,
		roles,
		timeZone: describeTimeZone(user.timeZone, now()),
		reminders: await reminderOptions(user.id, user.isAdmin),
		feedCreatedAt: (await calendarFeedCreatedAt(user.id))?.toISOString() ?? null,
	}
}

/** Admin alerts only concern admins; everyone else sees the reminders they can get. */
async function reminderOptions(userId: string, isAdmin: boolean) {
	const muted = await mutedCategories(userId)
	return Object.entries(REMINDER_LABELS)
		.filter(([category]) => isAdmin || category !== 'admin_alert')
		.map(([category, label]) => ({ category, label, muted: muted.some((m) => m === category) }))
}

/** "Log out everywhere": every session of this person ends, this browser's included. */
export async function action({ request }: ActionFunctionArgs) {
	// No context: the sessions are about to go, so none is renewed on the way out.
	const user = await requireUser(request)
	const form = await readFormData(request)
	const intent = form.get('intent')
	if (intent === 'email-preferences') {
		const wanted = form.getAll('reminders')
		const shown = (await reminderOptions(user.id, user.isAdmin)).map((o) => o.category)
		await saveMutedCategories(user.id, shown.filter(isReminderCategory).filter((c) => !wanted.includes(c)))
		return { saved: true, feed: null }
	}
	if (intent === 'calendar-feed-create') return { saved: false, feed: await createCalendarFeed(user.id, now()) }
	if (intent === 'calendar-feed-revoke') {
		await revokeCalendarFeed(user.id)
		return { saved: false, feed: null }
	}
	await deleteAllSessions(user.id)
	return redirect('/login', { headers: { 'Set-Cookie': clearedSessionCookie() } })
}

export default function AccountSettings() {
	const { name, email, roles, timeZone, reminders, feedCreatedAt } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
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
<EmailPreferences options={reminders} saved={Boolean(actionData?.saved)} />
			<CalendarFeed feed={{ createdAt: feedCreatedAt, created: actionData?.feed ?? null }} />
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
