import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { isMailboxMode } from '~/services/email-delivery.server'
import { listMailbox } from '~/services/mailbox.server'
import { requireLocalOrAdmin } from '~/utils/session.server'

export const meta: MetaFunction = () => [{ title: 'Mailbox · Mentora (local)' }]

/**
 * Every email the app wrote, as sent; only while no Resend key is set (then nothing leaves the
 * machine), and only to the machine itself or an admin.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	if (!isMailboxMode()) throw new Response('Not found', { status: 404 })
	await requireLocalOrAdmin(request, context)
	const to = new URL(request.url).searchParams.get('to')?.trim() || null
	return { to, emails: await listMailbox({ to }) }
}

export default function Mailbox() {
	const { to, emails } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-bold tracking-tight">Mailbox</h1>
				<p className="mt-1 text-slate-700">
					No Resend key is configured, so emails stay on this machine. Here is every one Mentora wrote, newest first.
				</p>
				<Form method="get" className="mt-3 flex gap-2">
					<label htmlFor="mailbox-to" className="sr-only">
						Recipient
					</label>
					<input
						id="mailbox-to"
						name="to"
						defaultValue={to ?? ''}
						placeholder="Filter by recipient"
						className="w-72 rounded-md border border-slate-300 px-3 py-1.5"
					/>
					<button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white">
						Filter
					</button>
				</Form>
			</div>
			{emails.length === 0 ? <p className="text-slate-700">No emails{to ? ` to ${to}` : ''} yet.</p> : null}
			{emails.map((email) => (
				<article key={email.id} aria-labelledby={`email-${email.id}`} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
					<h2 id={`email-${email.id}`} className="text-lg font-semibold">
						{email.subject}
					</h2>
					<p className="text-sm text-slate-600">
						To {email.to} · {email.template} · {email.status} · {new Date(email.createdAt).toUTCString()}
					</p>
					<iframe
						title={`Email: ${email.subject}`}
						srcDoc={email.html}
						// Scripts stay off; links may open in a new tab, as they would from a mail client.
						sandbox="allow-popups allow-popups-to-escape-sandbox"
						className="mt-3 h-96 w-full rounded border border-slate-200"
					/>
					<details className="mt-2">
						<summary className="cursor-pointer text-sm font-medium text-brand-700">Plain text</summary>
						<pre className="mt-2 whitespace-pre-wrap text-sm">{email.text}</pre>
					</details>
					{email.attachments.length > 0 ? (
						<ul aria-label="Attachments" className="mt-2 text-sm">
							{email.attachments.map((a, i) => (
								<li key={a.filename}>
									<a href={`/dev/mailbox/${email.id}/${i}`} download={a.filename} className="text-brand-700 underline">
										{a.filename}
									</a>{' '}
									({a.contentType.split(';')[0]})
								</li>
							))}
						</ul>
					) : null}
				</article>
			))}
		</div>
	)
}
