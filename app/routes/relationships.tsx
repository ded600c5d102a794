import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Avatar } from '~/components/avatar'
import { ErrorList, inputClass } from '~/components/forms'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { NOTE_MAX_LENGTH } from '~/rules/relationships'
import { listWorkspaces } from '~/services/messages.server'
import { confirmRelationship, declineRelationship, endRelationship, listRelationships, type RelationshipItem } from '~/services/relationships.server'
import { getEnv } from '~/utils/env.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'
import { readFormData } from '~/utils/form.server'

/** A person's mentoring relationships, as mentor and as mentee: pending ones wait for both sides to confirm. */

export const meta: MetaFunction = () => [{ title: 'Relationships · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const [relationships, workspaces] = await Promise.all([listRelationships(user.id), listWorkspaces(user.id, getEnv().MENTORA_INBOUND_DOMAIN)])
	return { relationships: relationships.map((r) => ({ ...r, unread: workspaces.find((w) => w.id === r.id)?.unread ?? 0 })) }
}

const RelationshipId = z.string({ required_error: 'Choose a relationship.' }).uuid('That is not a relationship.')
const Note = z.string().trim().max(NOTE_MAX_LENGTH, `Use at most ${NOTE_MAX_LENGTH} characters.`).optional()
const ActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('confirm'), relationshipId: RelationshipId }),
	z.object({ intent: z.literal('decline'), relationshipId: RelationshipId, note: Note }),
	z.object({ intent: z.literal('end'), relationshipId: RelationshipId, note: Note }),
])

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireUser(request, context)
	const formData = await readFormData(request)
	const relationshipId = String(formData.get('relationshipId') ?? '')
	const submission = parseWithZod(formData, { schema: ActionSchema })
	if (submission.status !== 'success') {
		const fields = Object.fromEntries(Object.entries(submission.error ?? {}).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])))
		return data({ ok: false, relationshipId, message: 'Some fields are missing or invalid.', fields }, { status: 400 })
	}
	const input = submission.value
	const answer = { relationshipId: input.relationshipId, actorId: user.id, now: now() }
	try {
		if (input.intent === 'confirm') {
			const updated = await confirmRelationship(answer)
			const message = updated.status === 'confirmed' ? 'Relationship confirmed: you are both in.' : 'Your side is confirmed; it starts once the other side confirms too.'
			return { ok: true, relationshipId, message, fields: {} as Record<string, string[]> }
		}
		if (input.intent === 'end') {
			await endRelationship({ ...answer, reason: input.note })
			return { ok: true, relationshipId, message: 'Relationship ended; it stays below as history.', fields: {} as Record<string, string[]> }
		}
		await declineRelationship({ ...answer, note: input.note })
		return { ok: true, relationshipId, message: 'Relationship declined; the other side is told.', fields: {} as Record<string, string[]> }
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ ok: false, relationshipId, message: error.message, fields: error.fields ?? {} }, { status: error.status })
	}
}

const BADGES: Record<RelationshipItem['status'], string> = {
	pending: 'bg-amber-50 text-amber-900 ring-amber-200',
	confirmed: 'bg-green-50 text-green-900 ring-green-200',
	declined: 'bg-slate-50 text-slate-700 ring-slate-200',
	ended: 'bg-slate-50 text-slate-700 ring-slate-200',
}

const primary = 'rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60'
const danger = 'rounded-md border border-red-700 px-4 py-2 text-sm font-semibold text-red-700 hover:bg-red-50 disabled:opacity-60'

function confirmations(r: RelationshipItem): string {
	if (r.closed) {
		const who = { you: 'You', them: r.other.name, admin: 'An admin' }[r.closed.by]
		return `${who} ${r.status === 'declined' ? 'declined' : 'ended'} it on ${new Date(r.closed.at).toISOString().slice(0, 10)}.`
	}
	const yours = r.side === 'mentor' ? r.mentorConfirmed : r.menteeConfirmed
	const theirs = r.side === 'mentor' ? r.menteeConfirmed : r.mentorConfirmed
	if (yours && theirs) return 'Both of you confirmed.'
	if (yours) return `You confirmed; waiting for ${r.other.name}.`
	if (theirs) return `${r.other.name} confirmed; waiting for you.`
	return 'Neither of you has confirmed yet.'
}

function RelationshipCard({ r, actionData }: { r: RelationshipItem & { unread: number }; actionData: ReturnType<typeof useActionData<typeof action>> }) {
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && navigation.formData?.get('relationshipId') === r.id
	const mine = actionData?.relationshipId === r.id ? actionData : undefined
	const yours = r.side === 'mentor' ? r.mentorConfirmed : r.menteeConfirmed
	const title = `${r.side === 'mentor' ? 'Mentee' : 'Mentor'}: ${r.other.name}`
	const noteId = `decline-note-${r.id}`
	return (
		<li aria-label={title} className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
			<div className="flex flex-wrap items-start justify-between gap-2">
				<div className="flex items-center gap-3">
					<Avatar person={r.other} size={40} />
					<div>
						<h3 className="font-semibold">{title}</h3>
						<p className="text-sm text-slate-700">{confirmations(r)}</p>
					</div>
				</div>
				<span
					className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${BADGES[r.status]}`}
				>
					{r.status[0]!.toUpperCase() + r.status.slice(1)}
				</span>
			</div>
			{mine && !mine.ok ? (
				<p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800">
					{mine.message}
				</p>
			) : null}
			<Link to={`/relationships/${r.id}`} className="inline-block text-sm font-semibold text-brand-700 underline">
				Open the workspace{r.unread > 0 ? ` (${r.unread} unread)` : ''}
			</Link>
			{r.status === 'confirmed' && r.side === 'mentee' && r.mentorSlug ? (
				<Link to={`/mentors/${r.mentorSlug}`} className="text-sm font-semibold text-brand-700 underline">
					Book a session with {r.other.name}
				</Link>
			) : null}
			{r.closed?.note ? <p className="text-sm text-slate-700">Note: {r.closed.note}</p> : null}
			{r.status === 'confirmed' ? (
				<details className="rounded-md bg-slate-50 p-2">
					<summary className="cursor-pointer text-sm font-medium text-slate-800">End this relationship…</summary>
					<Form method="post" preventScrollReset className="mt-2 space-y-2">
						<input type="hidden" name="intent" value="end" />
						<input type="hidden" name="relationshipId" value={r.id} />
						<label htmlFor={`end-note-${r.id}`} className="block text-sm font-medium text-slate-800">
							Note to {r.other.name} (optional)
						</label>
						<textarea id={`end-note-${r.id}`} name="note" rows={2} maxLength={NOTE_MAX_LENGTH} className={inputClass} />
						<ErrorList errors={mine?.fields.note} />
						<button type="submit" disabled={busy} className={danger}>
							End relationship
						</button>
					</Form>
				</details>
			) : null}
			{r.status === 'pending' ? (
				<div className="grid gap-4 sm:grid-cols-[auto_1fr] sm:items-start">
					{yours ? (
						<span />
					) : (
						<Form method="post" preventScrollReset>
							<input type="hidden" name="intent" value="confirm" />
							<input type="hidden" name="relationshipId" value={r.id} />
							<button type="submit" disabled={busy} className={primary}>
								Confirm relationship
							</button>
						</Form>
					)}
					<details className="rounded-md bg-slate-50 p-2">
						<summary className="cursor-pointer text-sm font-medium text-slate-800">Decline…</summary>
						<Form method="post" preventScrollReset className="mt-2 space-y-2">
							<input type="hidden" name="intent" value="decline" />
							<input type="hidden" name="relationshipId" value={r.id} />
							<label htmlFor={noteId} className="block text-sm font-medium text-slate-800">
								Note to {r.other.name} (optional)
							</label>
							<textarea id={noteId} name="note" rows={2} maxLength={NOTE_MAX_LENGTH} className={inputClass} />
							<ErrorList errors={mine?.fields.note} />
							<button type="submit" disabled={busy} className={danger}>
								Decline relationship
							</button>
						</Form>
					</details>
				</div>
			) : null}
		</li>
	)
}

export default function Relationships() {
	const { relationships } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-bold tracking-tight">Relationships</h1>
				<p className="text-sm text-slate-600">A relationship starts once both the mentor and the mentee confirm it. Either of you may decline while it is pending.</p>
			</div>
			{actionData?.ok ? (
				<div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-green-900">
					{actionData.message}
				</div>
			) : null}
			{relationships.every((r) => r.closed) ? (
				<p className="rounded-xl bg-white p-6 text-center text-slate-700 ring-1 ring-slate-200">
					No relationships yet. After an intro, a mentor who wants to continue proposes one.{' '}
					<Link to="/mentors" className="font-semibold text-brand-700 underline">
						Find a mentor
					</Link>
				</p>
			) : (
				<ul aria-label="Relationships" className="space-y-3">
					{relationships
						.filter((r) => !r.closed)
						.map((r) => (
							<RelationshipCard key={r.id} r={r} actionData={actionData} />
						))}
				</ul>
			)}
			{relationships.some((r) => r.closed) ? (
				<section aria-labelledby="past-relationships" className="space-y-3">
					<h2 id="past-relationships" className="text-lg font-semibold">
						Past relationships
					</h2>
					<ul aria-label="Past relationships" className="space-y-3">
						{relationships
							.filter((r) => r.closed)
							.map((r) => (
								<RelationshipCard key={r.id} r={r} actionData={actionData} />
							))}
					</ul>
				</section>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
