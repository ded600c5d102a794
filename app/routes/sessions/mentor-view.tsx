import { Form, Link } from '@remix-run/react'
import { inputClass } from '~/components/forms'
import { type SessionFilters, type SessionItem } from '~/services/my-sessions.server'
import { type FitQuestion } from '~/services/relationship-fit.server'
import { AcceptForm, CancelControl, ConfirmForm, DisputeControl, FeedbackControl, FitControl, LocationForm, RejectForm } from './action-forms'
import { SessionCard, STATUS_LABELS } from './session-card'

/** The fit question beside the sessions it follows: completed ones, and for the mentor ones to confirm. */
export type FitQuestions = { completed: Record<string, FitQuestion>; onConfirm: Record<string, FitQuestion> }

export type ActionResult = { ok: boolean; sessionId: string; message: string; fields: Record<string, string[]> } | undefined

type MentorData = {
	tab: 'upcoming' | 'all' | 'invitations' | 'confirm'
	counts: { invitations: number; confirm: number }
	items: SessionItem[] | null
	all: { items: SessionItem[]; total: number; page: number; pageCount: number; mentees: { id: string; name: string }[] } | null
	filters: Omit<SessionFilters, 'page'> & { page: number }
}

const tabClass = (active: boolean) =>
	`whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${active ? 'bg-brand-50 text-brand-700 ring-1 ring-brand-100' : 'text-slate-700 hover:text-brand-700'}`

const EMPTY: Record<MentorData['tab'], string> = {
	upcoming: 'No sessions in the next 72 hours.',
	all: 'No sessions match these filters.',
	invitations: 'No invitations wait for your answer.',
	confirm: 'No ended sessions wait for your confirmation.',
}

/** The refusal of the last action, on the card it concerns. */
export function cardMessage(actionData: ActionResult, sessionId: string) {
	return actionData && !actionData.ok && actionData.sessionId === sessionId ? { ok: false, text: actionData.message } : null
}

export function MentorView({ data, fit, zone, actionData }: { data: MentorData; fit: FitQuestions; zone: string; actionData: ActionResult }) {
	const tabs = [
		['upcoming', 'Upcoming'],
		['all', 'All sessions'],
		['invitations', `Pending invitations (${data.counts.invitations})`],
		['confirm', `Pending confirmation (${data.counts.confirm})`],
	] as const
	const errorsFor = (id: string) => (actionData?.sessionId === id ? actionData.fields : undefined)
	const items = data.items ?? data.all?.items ?? []
	return (
		<div className="space-y-4">
			<nav aria-label="Session lists" className="flex flex-wrap gap-2 pb-1">
				{tabs.map(([tab, label]) => (
					<Link key={tab} to={`/sessions?role=mentor&tab=${tab}`} aria-current={data.tab === tab ? 'page' : undefined} className={tabClass(data.tab === tab)}>
						{label}
					</Link>
				))}
			</nav>
			{data.tab === 'upcoming' ? <p className="text-sm text-slate-600">Your scheduled sessions in the next 72 hours.</p> : null}
			{data.all ? <Filters all={data.all} filters={data.filters} /> : null}
			{items.length === 0 ? (
				<p className="rounded-xl bg-white p-6 text-center text-slate-700 ring-1 ring-slate-200">{EMPTY[data.tab]}</p>
			) : (
				<ul aria-label="Sessions" className="space-y-3">
					{items.map((session) => (
						<SessionCard key={session.id} session={session} side="mentor" zone={zone} message={cardMessage(actionData, session.id)}>
							{/* An invitation is answered with accept or reject; a scheduled session may be cancelled from any list. */}
							{session.status === 'scheduled' ? <CancelControl session={session} errors={errorsFor(session.id)} /> : null}
							{data.tab === 'invitations' ? (
								<div className="grid gap-4 sm:grid-cols-[auto_1fr] sm:items-start">
									<AcceptForm sessionId={session.id} />
									<RejectForm sessionId={session.id} errors={errorsFor(session.id)} />
								</div>
							) : null}
							{session.status === 'pending' || session.status === 'scheduled' ? <LocationForm session={session} errors={errorsFor(session.id)} /> : null}
							{data.tab === 'confirm' ? <ConfirmForm sessionId={session.id} isIntro={session.type === 'intro'} fit={fit.onConfirm[session.id] ?? null} errors={errorsFor(session.id)} /> : null}
							<DisputeControl session={session} side="mentor" zone={zone} errors={undefined} />
							<FeedbackControl session={session} errors={errorsFor(session.id)} />
							<FitControl session={session} fit={fit.completed[session.id] ?? null} side="mentor" errors={errorsFor(session.id)} />
						</SessionCard>
					))}
				</ul>
			)}
			{data.all ? <Pagination all={data.all} filters={data.filters} /> : null}
		</div>
	)
}

function filterQuery(filters: MentorData['filters'], page: number): string {
	const params = new URLSearchParams({ role: 'mentor', tab: 'all' })
	if (filters.sort !== 'newest') params.set('sort', filters.sort)
	if (filters.type) params.set('type', filters.type)
	if (filters.menteeId) params.set('mentee', filters.menteeId)
	if (filters.status) params.set('status', filters.status)
	if (page > 1) params.set('page', String(page))
	return `/sessions?${params}`
}

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: [string, string][] }) {
	return (
		<div>
			<label htmlFor={`filter-${name}`} className="block text-sm font-medium text-slate-800">
				{label}
			</label>
			<select id={`filter-${name}`} name={name} defaultValue={value} className={`${inputClass} mt-1`}>
				{options.map(([v, text]) => (
					<option key={v} value={v}>
						{text}
					</option>
				))}
			</select>
		</div>
	)
}

function Filters({ all, filters }: { all: NonNullable<MentorData['all']>; filters: MentorData['filters'] }) {
	return (
		<Form method="get" aria-label="Filter sessions" className="grid gap-3 rounded-xl bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-[repeat(4,1fr)_auto] lg:items-end">
			<input type="hidden" name="role" value="mentor" />
			<input type="hidden" name="tab" value="all" />
			<Select name="sort" label="Order" value={filters.sort} options={[['newest', 'Newest first'], ['oldest', 'Oldest first']]} />
			<Select name="type" label="Type" value={filters.type ?? ''} options={[['', 'All types'], ['intro', 'Intro'], ['paid', 'Paid']]} />
			<Select name="mentee" label="Mentee" value={filters.menteeId ?? ''} options={[['', 'All mentees'], ...all.mentees.map((m): [string, string] => [m.id, m.name])]} />
			<Select
				name="status"
				label="Status"
				value={filters.status ?? ''}
				options={[['', 'Any status'], ...Object.entries(STATUS_LABELS)]}
			/>
			<button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
				Apply filters
			</button>
		</Form>
	)
}

function Pagination({ all, filters }: { all: NonNullable<MentorData['all']>; filters: MentorData['filters'] }) {
	return (
		<nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
			{all.page > 1 ? (
				<Link to={filterQuery(filters, all.page - 1)} className="font-semibold text-brand-700 underline">
					Previous page
				</Link>
			) : (
				<span />
			)}
			<span className="text-slate-700">
				Page {all.page} of {all.pageCount} · {all.total} {all.total === 1 ? 'session' : 'sessions'}
			</span>
			{all.page < all.pageCount ? (
				<Link to={filterQuery(filters, all.page + 1)} className="font-semibold text-brand-700 underline">
					Next page
				</Link>
			) : (
				<span />
			)}
		</nav>
	)
}
