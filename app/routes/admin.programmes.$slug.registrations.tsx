import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { inputClass } from '~/components/forms'
import { ProgrammeAdminNav } from '~/components/programme-admin-nav'
import { ALL_STATUSES, RegistrationTable, STATUS_WORDS, type RegistrationRow, type RowAnswer } from '~/components/registration-table'
import { EXPORT_TITLES, exportSearch, PROGRAMME_EXPORTS } from '~/rules/exports'
import { MatchRequestSchema } from '~/rules/match-requests'
import { DeclineSchema } from '~/rules/programmes'
import { describeTimeZone } from '~/rules/time-zones'
import { menteesToRematch, recommendationsFor, requestMatch } from '~/services/programme-matching.server'
import { endNotGoodFit, notGoodFits } from '~/services/relationship-fit.server'
import { backgroundsOf, declineRegistration, getRegistration, listRegistrations, REGISTRATIONS_PAGE_SIZE, validateRegistration } from '~/services/registrations.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { readFormData } from '~/utils/form.server'
import { formatDay } from '~/utils/format-time'
import { requireProgrammeAdmin } from '~/utils/programme-admin.server'
import { REGISTRATION_ROLES, type RegistrationRole, type RegistrationStatus } from '../../db/schema/programmes'

/**
 * A programme's registrations for its coordinators and admins: filters and search in the URL (a
 * GET form), paging, and per row the coordinator's steps (validate, decline with a reason, and in
 * facilitator mode propose a mentor). Above the table, the relationships one of their people called
 * "not a good fit" (one click ends it and sends the mentee back to searching), and the mentees whose
 * programme relationship ended and who wait for a new match, each with a one-click re-match.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Registrations · ${data?.programme.name ?? 'Programme'} · Mentora` }]

/** How many of a mentee's best mentors the facilitator's select offers. */
const PROPOSALS_PER_MENTEE = 20

type Filters = { statuses: RegistrationStatus[]; role?: RegistrationRole; q: string; page: number }

/** The URL's filters; values that are not one are left out rather than refused, as a search page does. */
function filtersOf(url: URL): Filters {
	const statuses = url.searchParams
		.getAll('status')
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter((v): v is RegistrationStatus => (ALL_STATUSES as readonly string[]).includes(v))
	const role = url.searchParams.get('role')
	const page = Number(url.searchParams.get('page') ?? '1')
	return {
		statuses: [...new Set(statuses)],
		role: (REGISTRATION_ROLES as readonly string[]).includes(role ?? '') ? (role as RegistrationRole) : undefined,
		q: (url.searchParams.get('q') ?? '').trim().slice(0, 200),
		page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
	}
}

/** The search string for these filters on another page. */
function searchFor(filters: Filters, page: number): string {
	const params = new URLSearchParams()
	for (const s of filters.statuses) params.append('status', s)
	if (filters.role) params.set('role', filters.role)
	if (filters.q) params.set('q', filters.q)
	if (page > 1) params.set('page', String(page))
	const search = params.toString()
	return search ? `?${search}` : ''
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user, programme } = await requireProgrammeAdmin(request, context, params.slug)
	const filters = filtersOf(new URL(request.url))
	const at = now()
	const [list, rematch, notGoodFit] = await Promise.all([
		listRegistrations({ slug: programme.slug, actorId: user.id, filters: { statuses: filters.statuses, role: filters.role, q: filters.q, page: filters.page } }),
		menteesToRematch({ slug: programme.slug, actorId: user.id, now: at }),
		notGoodFits({ programmeId: programme.id, actorId: user.id }),
	])
	const backgrounds = await backgroundsOf(list.registrations.map((r) => r.id))
	const proposing = programme.matchingMode === 'facilitator'
	const rows: RegistrationRow[] = await Promise.all(
		list.registrations.map(async (r) => {
			const background = backgrounds.get(r.id) ?? { email: '', department: '', location: '' }
			let proposals: RegistrationRow['proposals'] = null
			if (proposing && r.role === 'mentee' && r.status === 'searching') {
				// A mentee who cannot be matched after all (their registration changed meanwhile) simply gets no proposals.
				const recommendations = await recommendationsFor({ slug: programme.slug, actorId: user.id, menteeId: r.user.id, limit: PROPOSALS_PER_MENTEE, now: at }).catch((error: unknown) => {
					if (isDomainError(error)) return []
					throw error
				})
				proposals = recommendations.map((m) => ({ id: m.mentor.id, name: m.mentor.name, score: m.score }))
			}
			return { ...r, ...background, proposals }
		}),
	)
	return {
		programme: { slug: programme.slug, name: programme.name, matchingMode: programme.matchingMode },
		zone: user.timeZone,
		zoneLabel: describeTimeZone(user.timeZone, at),
		filters,
		rows,
		page: list.page,
		pageCount: Math.max(1, Math.ceil(list.total / REGISTRATIONS_PAGE_SIZE)),
		total: list.total,
		rematch,
		notGoodFit,
	}
}

const IntentSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('validate'), registrationId: z.string().uuid('That is not a registration.') }),
	z.object({ intent: z.literal('decline'), registrationId: z.string().uuid('That is not a registration.'), reason: z.string().optional() }),
	z.object({ intent: z.literal('propose'), mentor: z.string().optional(), mentee: z.string().optional() }),
	z.object({ intent: z.literal('rematch'), mentor: z.string().optional(), mentee: z.string().optional() }),
	z.object({ intent: z.literal('end_not_a_good_fit'), relationshipId: z.string().uuid('That is not a relationship.') }),
])

type Answer = RowAnswer & { intent?: string }

const refused = (answer: Answer, status: number) => data<Answer>(answer, { status })

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user, programme } = await requireProgrammeAdmin(request, context, params.slug)
	const form = Object.fromEntries(await readFormData(request))
	const parsed = IntentSchema.safeParse(form)
	if (!parsed.success) return refused({ ok: false, message: parsed.error.issues[0]?.message ?? 'Choose what to do.' }, 422)
	const at = now()
	const step = parsed.data
	try {
		if (step.intent === 'validate' || step.intent === 'decline') {
			// A registration of another programme is not this page's: it answers as if there were none.
			const registration = await getRegistration({ id: step.registrationId, actorId: user.id })
			if (registration.programme.slug !== programme.slug) return refused({ ok: false, message: 'That registration is not in this programme.' }, 404)
			if (step.intent === 'validate') {
				await validateRegistration({ id: registration.id, actorId: user.id, now: at })
				return { ok: true, message: `${registration.user.name}'s registration is validated: they are now searching.`, intent: step.intent, registrationId: registration.id } satisfies Answer
			}
			const reason = DeclineSchema.safeParse({ reason: step.reason ?? '' })
			if (!reason.success) {
				const message = reason.error.issues[0]?.message ?? 'Give a reason for declining.'
				return refused({ ok: false, message, intent: step.intent, registrationId: registration.id, fields: { reason: [message] } }, 422)
			}
			await declineRegistration({ id: registration.id, actorId: user.id, reason: reason.data.reason, now: at })
			return { ok: true, message: `${registration.user.name}'s registration is declined; they are emailed the reason.`, intent: step.intent, registrationId: registration.id } satisfies Answer
		}
		if (step.intent === 'end_not_a_good_fit') {
			await endNotGoodFit({ programmeId: programme.id, relationshipId: step.relationshipId, actorId: user.id, now: at })
			return { ok: true, message: 'The relationship is ended and the mentee is searching again: match them under "Needs a new match".', intent: step.intent } satisfies Answer
		}
		if (step.intent === 'propose' && programme.matchingMode !== 'facilitator') {
			return refused({ ok: false, message: 'In this programme pairs come from the cohort assignment (Matching tab), not one by one.' }, 409)
		}
		const pair = MatchRequestSchema.required({ mentee: true }).safeParse({ mentor: step.mentor, mentee: step.mentee })
		if (!pair.success) return refused({ ok: false, message: pair.error.issues[0]?.message ?? 'Choose a mentor.' }, 422)
		await requestMatch({ slug: programme.slug, actorId: user.id, mentorId: pair.data.mentor, menteeId: pair.data.mentee, now: at })
		return { ok: true, message: 'Match proposed: the mentor and the mentee are both asked to confirm it.', intent: step.intent } satisfies Answer
	} catch (error) {
		if (!isDomainError(error)) throw error
		const registrationId = 'registrationId' in step ? step.registrationId : undefined
		return refused({ ok: false, message: error.message, intent: step.intent, registrationId }, error.status)
	}
}

export default function ProgrammeRegistrations() {
	const { programme, zone, zoneLabel, filters, rows, page, pageCount, total, rematch, notGoodFit } = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	return (
		<section className="space-y-6">
			<ProgrammeAdminNav slug={programme.slug} name={programme.name} />
			<h1 className="text-2xl font-bold tracking-tight">Registrations · {programme.name}</h1>
			{answer ? (
				<p role={answer.ok ? 'status' : 'alert'} className={`rounded-md p-3 text-sm ${answer.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}>
					{answer.message}
				</p>
			) : null}

			{notGoodFit.length > 0 ? (
				<section aria-labelledby="not-good-fit-heading" className="space-y-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200">
					<h2 id="not-good-fit-heading" className="text-lg font-semibold">
						Not a good fit ({notGoodFit.length})
					</h2>
					<p className="text-sm text-slate-700">
						After their first session, one of them said the match is not a good fit. Re-matching ends the relationship (both are emailed, without
						saying who answered what) and puts the mentee back to searching.
					</p>
					<ul aria-label="Not a good fit" className="space-y-3">
						{notGoodFit.map((r) => (
							<li key={r.relationshipId} className="space-y-1 rounded-lg bg-white p-3 ring-1 ring-slate-200">
								<p className="font-semibold">
									{r.mentor.name} (mentor) and {r.mentee.name} (mentee)
								</p>
								<ul className="text-sm text-slate-700">
									{r.saidBy.map((said) => (
										<li key={said.side}>
											“Not a good fit”, said by the {said.side}, {said.name}, on {formatDay(said.at, zone)}.
										</li>
									))}
								</ul>
								<Form method="post">
									<input type="hidden" name="intent" value="end_not_a_good_fit" />
									<input type="hidden" name="relationshipId" value={r.relationshipId} />
									<button disabled={busy} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
										End and re-match {r.mentee.name}
									</button>
								</Form>
							</li>
						))}
					</ul>
				</section>
			) : null}

			{rematch.total > 0 ? (
				<section aria-labelledby="rematch-heading" className="space-y-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200">
					<h2 id="rematch-heading" className="text-lg font-semibold">
						Needs a new match ({rematch.total})
					</h2>
					<p className="text-sm text-slate-700">Their relationship in this programme ended; the old mentor is no longer suggested to them.</p>
					<ul aria-label="Needs a new match" className="space-y-3">
						{rematch.mentees.map((m) => (
							<li key={m.mentee.id} className="space-y-1 rounded-lg bg-white p-3 ring-1 ring-slate-200">
								<p className="font-semibold">{m.mentee.name}</p>
								<p className="text-sm text-slate-700">
									Ended with {m.endedWith.name} on {formatDay(m.endedAt, zone)}.
								</p>
								{m.best ? (
									<Form method="post" className="space-y-1">
										<input type="hidden" name="intent" value="rematch" />
										<input type="hidden" name="mentee" value={m.mentee.id} />
										<input type="hidden" name="mentor" value={m.best.mentor.id} />
										<p className="text-sm text-slate-700">
											Best now: {m.best.mentor.name}, score {m.best.score}
											{m.best.reasons.length > 0 ? ` (${m.best.reasons.join('; ')})` : ''}.
										</p>
										<button disabled={busy} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
											Match with {m.best.mentor.name}
										</button>
									</Form>
								) : (
									<p className="text-sm text-slate-700">No mentor fits {m.mentee.name} now.</p>
								)}
							</li>
						))}
					</ul>
					{rematch.total > rematch.mentees.length ? (
						<p className="text-sm text-slate-700">
							Showing {rematch.mentees.length} of {rematch.total}, longest waiting first.
						</p>
					) : null}
				</section>
			) : null}

			<Form method="get" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Filter registrations">
				<fieldset>
					<legend className="text-sm font-medium">Status</legend>
					<div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
						{ALL_STATUSES.map((s) => (
							<label key={s} className="flex items-center gap-1 text-sm">
								<input type="checkbox" name="status" value={s} defaultChecked={filters.statuses.includes(s)} />
								{STATUS_WORDS[s]}
							</label>
						))}
					</div>
				</fieldset>
				<div className="grid gap-3 sm:grid-cols-2">
					<div>
						<label htmlFor="filter-role" className="block text-sm font-medium">
							Role
						</label>
						<select id="filter-role" name="role" defaultValue={filters.role ?? ''} className={inputClass}>
							<option value="">Mentors and mentees</option>
							<option value="mentor">Mentors</option>
							<option value="mentee">Mentees</option>
						</select>
					</div>
					<div>
						<label htmlFor="filter-q" className="block text-sm font-medium">
							Search by name or email
						</label>
						<input id="filter-q" type="search" name="q" defaultValue={filters.q} maxLength={200} className={inputClass} />
					</div>
				</div>
				<div className="flex gap-3">
					<button className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">Show registrations</button>
					<Link to="." className="self-center text-sm text-brand-700 underline">
						Clear filters
					</Link>
				</div>
			</Form>

			<nav aria-label="Export CSV" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
				<span className="font-medium">Export CSV (these filters):</span>
				{PROGRAMME_EXPORTS.map((name) => (
					<a key={name} href={`/api/v1/programmes/${programme.slug}/exports/${name}.csv${exportSearch({ statuses: filters.statuses, role: filters.role, q: filters.q })}`} download className="text-brand-700 underline">
						{EXPORT_TITLES[name]}
					</a>
				))}
			</nav>

			<p className="text-sm text-slate-700">
				{total === 1 ? '1 registration' : `${total} registrations`}
				{programme.matchingMode === 'facilitator' ? ' · propose a mentor to each searching mentee from their best recommendations.' : ''}
			</p>
			<RegistrationTable rows={rows} zone={zone} zoneLabel={zoneLabel} answer={answer} busy={busy} />
			<nav aria-label="Pages" className="flex items-center gap-4 text-sm">
				{page > 1 ? (
					<Link to={searchFor(filters, page - 1) || '?'} className="text-brand-700 underline" rel="prev">
						Previous page
					</Link>
				) : null}
				<span>
					Page {page} of {pageCount}
				</span>
				{page < pageCount ? (
					<Link to={searchFor(filters, page + 1)} className="text-brand-700 underline" rel="next">
						Next page
					</Link>
				) : null}
			</nav>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
