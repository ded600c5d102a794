import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { readDigestUnsubscribeToken, readUnsubscribeToken, REMINDER_LABELS, setMuted } from '~/services/email-preferences.server'
import { digestName, unsubscribeFromDigest } from '~/services/report-digests.server'

export const meta: MetaFunction = () => [{ title: 'Unsubscribe · Mentora' }]

/** A reminder category's link mutes the category; a weekly report's link ends that one subscription. */
function readToken(token: string | undefined) {
	const reminder = token ? readUnsubscribeToken(token) : null
	if (reminder) return { kind: 'reminder' as const, ...reminder }
	const digest = token ? readDigestUnsubscribeToken(token) : null
	if (digest) return { kind: 'digest' as const, ...digest }
	throw new Response('This unsubscribe link is not valid.', { status: 404 })
}

/** Opening the link only asks: mail scanners follow links, and must not unsubscribe anyone. */
export async function loader({ params }: LoaderFunctionArgs) {
	const read = readToken(params.token)
	if (read.kind === 'reminder') return { label: REMINDER_LABELS[read.category] }
	return { label: await digestName(read.programmeId) }
}

/** The button below, and RFC 8058 one-click unsubscribe (mail providers POST here with no page). */
export async function action({ params }: ActionFunctionArgs) {
	const read = readToken(params.token)
	if (read.kind === 'reminder') await setMuted(read.userId, read.category, true)
	else await unsubscribeFromDigest(read.userId, read.programmeId)
	return { done: true }
}

export default function Unsubscribe() {
	const { label } = useLoaderData<typeof loader>()
	const done = useActionData<typeof action>()?.done
	return (
		<section className="mx-auto max-w-lg rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
			<h1 className="text-2xl font-bold tracking-tight">{done ? 'You are unsubscribed' : 'Unsubscribe'}</h1>
			{done ? (
				<p role="status" className="mt-2 text-slate-700">
					You will no longer get: {label.toLowerCase()}. Emails about your bookings and payments still arrive.
				</p>
			) : (
				<>
					<p className="mt-2 text-slate-700">Stop getting these emails: {label.toLowerCase()}?</p>
					<Form method="post" className="mt-4">
						<button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
							Unsubscribe
						</button>
					</Form>
				</>
			)}
			<p className="mt-4 text-sm text-slate-600">
				You can turn reminders back on in your{' '}
				<Link to="/settings" className="text-brand-700 underline">
					settings
				</Link>
				.
			</p>
		</section>
	)
}
