import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { inputClass } from '~/components/forms'
import { TimelineEntry } from '~/components/timeline-entry'
import { trackingAddress } from '~/rules/tracking-address'
import { MessageSchema, MessageEditSchema, readTimelineQuery, TIMELINE_KINDS, type TimelineKind } from '~/rules/workspace'
import { deleteMessage, editMessage, postMessage, readAll } from '~/services/messages.server'
import { getTimeline } from '~/services/timeline.server'
import { workspaceHeader } from '~/services/workspace-page.server'
import { now } from '~/utils/clock.server'
import { getEnv } from '~/utils/env.server'
import { isDomainError } from '~/utils/errors'
import { withToast } from '~/utils/flash.server'
import { readFormData } from '~/utils/form.server'
import { requireUser } from '~/utils/session.server'
import { MESSAGE_MAX_LENGTH } from '../../db/schema/workspace'

/**
 * A relationship's workspace: its history in one timeline (newest at the bottom; older pages by
 * cursor; filtered by kind, searched), open questions at the top, and a message box. New items
 * appear live (Server-Sent Events) and the page works without JavaScript. Coordinators and admins
 * see the activity, not the bodies.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.header.title ?? 'Relationship'} · Mentora` }]

const KIND_WORDS: Record<TimelineKind, string> = {
	message: 'Messages',
	link: 'Links',
	document: 'Documents',
	goal: 'Goals',
	assignment: 'Learning',
	session: 'Sessions',
	email: 'Emails',
	status: 'Status',
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const url = new URL(request.url)
	const parsed = readTimelineQuery(url.searchParams)
	const query = parsed.ok ? parsed.query : { kinds: null, q: null, before: null, limit: 50 }
	let page
	try {
		page = await getTimeline({ viewer: user, relationshipId: params.id ?? '', query })
	} catch (error) {
		if (isDomainError(error) && error.code === 'not_found') throw new Response(error.message, { status: 404, statusText: 'Not Found' })
		throw error
	}
	const { workspace } = page
	// Opening the workspace reads what is in it.
	if (workspace.side) await readAll(workspace.relationship.id, user.id, now())
	const header = await workspaceHeader(workspace)
	return data(
		{
			zone: user.timeZone,
			me: user.id,
			header,
			side: workspace.side,
			canWrite: workspace.canWrite && (workspace.relationship.status === 'pending' || workspace.relationship.status === 'confirmed'),
			trackingAddress: workspace.side && workspace.relationship.trackingToken ? trackingAddress(workspace.relationship.trackingToken, getEnv().MENTORA_INBOUND_DOMAIN) : null,
			items: page.items,
			nextCursor: page.nextCursor,
			filters: { kinds: query.kinds ?? [], q: query.q ?? '', older: Boolean(query.before) },
			queryErrors: parsed.ok ? null : parsed.fields,
			search: url.search,
			now: now().toISOString(),
		},
		{ status: parsed.ok ? 200 : 422 },
	)
}

const ActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('message'), body: z.string().default(''), question: z.literal('on').optional(), answers: z.string().optional() }),
	z.object({ intent: z.literal('edit'), messageId: z.string(), body: z.string().default('') }),
	z.object({ intent: z.literal('delete'), messageId: z.string() }),
])

export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context)
	const id = params.id ?? ''
	const form = Object.fromEntries(await readFormData(request))
	const parsed = ActionSchema.safeParse(form)
	if (!parsed.success) return data({ ok: false as const, message: 'That is not something this page does.', fields: {} as Record<string, string[]> }, { status: 400 })
	const at = now()
	try {
		const input = parsed.data
		if (input.intent === 'message') {
			const message = MessageSchema.safeParse({ body: input.body, question: input.question === 'on', answers: input.answers || null })
			if (!message.success) return data({ ok: false as const, message: 'The message could not be sent.', fields: { body: message.error.issues.map((i) => i.message) } }, { status: 422 })
			await postMessage({ viewer: user, relationshipId: id, message: message.data, now: at })
		} else if (input.intent === 'edit') {
			const edit = MessageEditSchema.safeParse({ body: input.body })
			if (!edit.success) return data({ ok: false as const, message: 'The message was not changed.', fields: { [`edit-${input.messageId}`]: edit.error.issues.map((i) => i.message) } }, { status: 422 })
			await editMessage({ viewer: user, messageId: input.messageId, body: edit.data.body, now: at })
		} else {
			await deleteMessage({ viewer: user, messageId: input.messageId, now: at })
		}
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ ok: false as const, message: error.message, fields: error.fields ?? {} }, { status: error.status })
	}
	const done = { message: 'Message sent.', edit: 'Message changed.', delete: 'Message deleted.' }[parsed.data.intent]
	return redirect(`/relationships/${id}`, { headers: withToast({ kind: 'success', message: done }) })
}

export default function WorkspacePage() {
	const { zone, me, header, canWrite, trackingAddress, items, nextCursor, filters, queryErrors, now: renderedAt } = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state !== 'idle'
	const revalidator = useRevalidator()
	const composer = useRef<HTMLFormElement>(null)
	const sending = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'message'
	const refused = Boolean(answer && !answer.ok)
	// A message sent is cleared from the box; one refused stays to be corrected.
	useEffect(() => {
		if (!sending && !refused) composer.current?.reset()
	}, [sending, refused])
	const id = header.id

	// Live: any change notified for this relationship reloads the page's data (not on an older page).
	useEffect(() => {
		if (filters.older) return
		const source = new EventSource(`/api/v1/relationships/${id}/events`)
		const refresh = () => {
			if (revalidator.state === 'idle') revalidator.revalidate()
		}
		source.addEventListener('item', refresh)
		source.addEventListener('changed', refresh)
		return () => source.close()
		// The revalidator changes identity with its state; the stream stays open across it.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [id, filters.older])

	const open = items.filter((i) => i.kind === 'message' && i.question && !i.answered && !i.deleted)

	return (
		<section className="mx-auto max-w-3xl space-y-6">
			<p>
				<Link to="/relationships" className="text-sm text-brand-700 underline">
					All relationships
				</Link>
			</p>
			<header className="space-y-1">
				<h1 className="text-2xl font-bold tracking-tight">{header.title}</h1>
				<p className="text-sm text-slate-700">
					{header.statusWords}
					{header.programme ? ` · ${header.programme}` : ''}
				</p>
				{trackingAddress ? (
					<p className="text-sm text-slate-700">
						Copy <code className="break-all rounded bg-slate-100 px-1">{trackingAddress}</code> into your emails to each other: they are added here.
					</p>
				) : null}
			</header>

			{answer && !answer.ok ? (
				<p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
					{answer.message}
				</p>
			) : null}

			{open.length > 0 ? (
				<section aria-labelledby="open-questions" className="space-y-2 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200">
					<h2 id="open-questions" className="font-semibold">
						Open questions ({open.length})
					</h2>
					<ul className="list-disc space-y-1 pl-5 text-sm">
						{open.map((q) => (
							<li key={q.id}>
								<a href={`#item-${q.id}`} className="text-brand-700 underline">
									{q.kind === 'message' && q.body ? q.body.slice(0, 120) : 'A question'}
								</a>{' '}
								from {q.author?.name}
							</li>
						))}
					</ul>
				</section>
			) : null}

			<Form method="get" className="space-y-2 rounded-xl bg-white p-3 ring-1 ring-slate-200" aria-label="Filter the timeline">
				<fieldset>
					<legend className="text-sm font-medium">Show</legend>
					<div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
						{TIMELINE_KINDS.map((kind) => (
							<label key={kind} className="flex items-center gap-1 text-sm">
								<input type="checkbox" name="kind" value={kind} defaultChecked={filters.kinds.includes(kind)} />
								{KIND_WORDS[kind]}
							</label>
						))}
					</div>
				</fieldset>
				<div className="flex flex-wrap items-end gap-2">
					<div className="grow">
						<label htmlFor="timeline-q" className="block text-sm font-medium">
							Search
						</label>
						<input id="timeline-q" type="search" name="q" defaultValue={filters.q} maxLength={200} className={inputClass} />
					</div>
					<button className="rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white">Show</button>
					<Link to="." className="py-2 text-sm text-brand-700 underline">
						Everything
					</Link>
				</div>
				{queryErrors ? <p className="text-sm text-red-700">{Object.values(queryErrors).flat().join(' ')}</p> : null}
			</Form>

			{nextCursor ? (
				<p>
					<Link to={`?${olderSearch(filters, nextCursor)}`} className="text-sm text-brand-700 underline">
						Show older
					</Link>
				</p>
			) : null}
			{items.length === 0 ? <p className="text-slate-700">Nothing here yet{filters.q || filters.kinds.length ? ' for this search' : ''}.</p> : null}
			<ol aria-label="Timeline" className="space-y-3">
				{items.map((item) => (
					<TimelineEntry key={item.id} item={item} zone={zone} me={me} canWrite={canWrite} busy={busy} renderedAt={renderedAt} errors={answer && !answer.ok ? answer.fields : {}} />
				))}
			</ol>

			{canWrite ? (
				<Form ref={composer} method="post" className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Write a message">
					<input type="hidden" name="intent" value="message" />
					<label htmlFor="message-body" className="block font-medium">
						Message
					</label>
					<textarea
						id="message-body"
						name="body"
						rows={4}
						required
						maxLength={MESSAGE_MAX_LENGTH}
						aria-describedby="message-hint"
						aria-invalid={answer && !answer.ok && answer.fields.body ? true : undefined}
						className={inputClass}
					/>
					<p id="message-hint" className="text-sm text-slate-600">
						Markdown works: **bold**, lists, links.
					</p>
					{answer && !answer.ok && answer.fields.body ? <p className="text-sm text-red-700">{answer.fields.body.join(' ')}</p> : null}
					<label className="flex items-center gap-2 text-sm">
						<input type="checkbox" name="question" /> Mark as a question
					</label>
					<button disabled={busy} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
						Send
					</button>
				</Form>
			) : (
				<p className="text-sm text-slate-700">{header.readOnlyReason}</p>
			)}
		</section>
	)
}

function olderSearch(filters: { kinds: string[]; q: string }, cursor: string) {
	const params = new URLSearchParams()
	for (const kind of filters.kinds) params.append('kind', kind)
	if (filters.q) params.set('q', filters.q)
	params.set('before', cursor)
	return params.toString()
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
