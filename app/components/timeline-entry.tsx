import { Form } from '@remix-run/react'
import { inputClass } from '~/components/forms'
import { Markdown } from '~/components/markdown'
import { EDIT_WINDOW_MINUTES } from '~/rules/workspace'
import { type TimelineItem } from '~/services/timeline.server'
import { formatClock, formatDay } from '~/utils/format-time'
import { MESSAGE_MAX_LENGTH } from '../../db/schema/workspace'

/** One item of a relationship's timeline, in the viewer's zone; their own fresh messages can be changed here. */

const SESSION_WORDS: Record<string, string> = {
	pending: 'invited',
	scheduled: 'booked',
	rejected: 'declined',
	expired: 'expired',
	cancelled: 'cancelled',
	awaiting_confirmation: 'awaiting confirmation',
	completed: 'held',
	no_show_mentee: 'missed by the mentee',
	no_show_mentor: 'missed by the mentor',
}
const STATUS_WORDS = { proposed: 'Relationship proposed', confirmed: 'Both confirmed the relationship', declined: 'Relationship declined', ended: 'Relationship ended' }

export function TimelineEntry(props: { item: TimelineItem; zone: string; me: string; canWrite: boolean; busy: boolean; renderedAt: string; errors: Record<string, string[] | undefined> }) {
	const { item, zone } = props
	const when = `${formatDay(item.at, zone)}, ${formatClock(item.at, zone)}`
	return (
		<li id={`item-${item.id}`} className="space-y-1 rounded-lg bg-white p-3 ring-1 ring-slate-200">
			<p className="text-xs text-slate-600">
				<time dateTime={item.at}>{when}</time>
				{item.author?.name ? ` · ${item.author.name}` : ''}
			</p>
			<Body {...props} />
		</li>
	)
}

function Body({ item, zone, me, canWrite, busy, renderedAt, errors }: Parameters<typeof TimelineEntry>[0]) {
	switch (item.kind) {
		case 'message': {
			if (item.deleted) return <p className="text-sm italic text-slate-600">Message deleted.</p>
			const fresh = Date.parse(renderedAt) - Date.parse(item.at) < EDIT_WINDOW_MINUTES * 60_000
			const mine = item.author?.id === me
			return (
				<div className="space-y-2">
					{item.question ? <p className="text-xs font-semibold uppercase tracking-wide text-amber-800">{item.answered ? 'Question · answered' : 'Question'}</p> : null}
					{item.body !== null ? <Markdown source={item.body} /> : <p className="text-sm italic text-slate-600">A message between the two people.</p>}
					{item.editedAt ? <p className="text-xs text-slate-500">edited</p> : null}
					{canWrite && mine && fresh && item.body !== null ? (
						<details>
							<summary className="cursor-pointer text-sm text-brand-700">Edit or delete</summary>
							<Form method="post" className="mt-2 space-y-2">
								<input type="hidden" name="messageId" value={item.id} />
								<label htmlFor={`edit-${item.id}`} className="sr-only">
									Edit the message
								</label>
								<textarea id={`edit-${item.id}`} name="body" rows={3} defaultValue={item.body} maxLength={MESSAGE_MAX_LENGTH} className={inputClass} />
								{errors[`edit-${item.id}`] ? <p className="text-sm text-red-700">{errors[`edit-${item.id}`]!.join(' ')}</p> : null}
								<div className="flex gap-2">
									<button name="intent" value="edit" disabled={busy} className="rounded-md bg-brand-700 px-3 py-1 text-sm font-semibold text-white">
										Save
									</button>
									<button name="intent" value="delete" disabled={busy} className="rounded-md px-3 py-1 text-sm font-semibold text-red-800 ring-1 ring-red-300">
										Delete
									</button>
								</div>
							</Form>
						</details>
					) : null}
					{canWrite && item.question && !item.answered && !mine ? (
						<details>
							<summary className="cursor-pointer text-sm text-brand-700">Answer</summary>
							<Form method="post" className="mt-2 space-y-2">
								<input type="hidden" name="intent" value="message" />
								<input type="hidden" name="answers" value={item.id} />
								<label htmlFor={`answer-${item.id}`} className="sr-only">
									Your answer
								</label>
								<textarea id={`answer-${item.id}`} name="body" rows={3} required maxLength={MESSAGE_MAX_LENGTH} className={inputClass} />
								<button disabled={busy} className="rounded-md bg-brand-700 px-3 py-1 text-sm font-semibold text-white">
									Send answer
								</button>
							</Form>
						</details>
					) : null}
				</div>
			)
		}
		case 'goal':
			return (
				<p className="text-sm">
					Goal: <strong>{item.title}</strong> · {item.status.replace('_', ' ')} · {item.progress}%{item.targetDate ? ` · by ${item.targetDate}` : ''}
				</p>
			)
		case 'assignment':
			return (
				<p className="text-sm">
					Learning ({item.assignmentKind}): <strong>{item.title}</strong>
					{item.dueDate ? ` · due ${item.dueDate}` : ''} · {item.done ? 'done' : 'to do'}
				</p>
			)
		case 'session':
			return (
				<div className="space-y-1 text-sm">
					<p>
						{item.type === 'intro' ? 'Intro session' : 'Session'} {SESSION_WORDS[item.status] ?? item.status}: {formatDay(item.start, zone)}, {formatClock(item.start, zone)}–{formatClock(item.end, zone)}
					</p>
					{item.agenda ? <p className="text-slate-700">Agenda: {item.agenda}</p> : null}
				</div>
			)
		case 'email':
			return (
				<div className="space-y-1 text-sm">
					<p>
						Email: <strong>{item.subject || '(no subject)'}</strong> from {item.from}
					</p>
					{item.text ? <p className="whitespace-pre-line text-slate-800">{item.text}</p> : null}
					{item.attachments.length > 0 ? <p className="text-slate-600">Attachments: {item.attachments.join(', ')}</p> : null}
				</div>
			)
		case 'status':
			return (
				<p className="text-sm font-medium">
					{STATUS_WORDS[item.status]}
					{item.note ? `: ${item.note}` : ''}
				</p>
			)
	}
}
