import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { CandidateLimitField, PairTable, RunProgress, ScoreSummary, useRefreshWhileRunning, WhyNot } from '~/components/assignment-review'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { inputClass } from '~/components/forms'
import { ProgrammeAdminNav } from '~/components/programme-admin-nav'
import { AssignmentRequestSchema, MAX_CANDIDATE_LIMIT } from '~/rules/cohort-assignments'
import { applyAssignment, EARLIER_RUNS_LISTED, listAssignments, reviewAssignment, startAssignment } from '~/services/assignments.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { readFormData } from '~/utils/form.server'
import { formatClock, formatDay } from '~/utils/format-time'
import { requireProgrammeAdmin } from '~/utils/programme-admin.server'

/**
 * A programme's cohort assignment for its coordinators: run it, watch its progress, review the
 * proposal (pairs with scores and reasons, unassigned mentees and why, the total against a greedy
 * pass), lock or forbid pairs and run it again, and apply it into pending relationships.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Matching · ${data?.programme.name ?? 'Programme'} · Mentora` }]

const base = (slug: string) => `/admin/programmes/${encodeURIComponent(slug)}/matching`

const RunIdSchema = z.string().uuid()

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user, programme } = await requireProgrammeAdmin(request, context, params.slug)
	const url = new URL(request.url)
	const runs = await listAssignments({ slug: programme.slug, actorId: user.id, limit: EARLIER_RUNS_LISTED + 1 })
	const asked = url.searchParams.get('run')
	if (asked !== null && !RunIdSchema.safeParse(asked).success) throw new Response('That assignment does not exist.', { status: 404, statusText: 'Not Found' })
	const page = Number(url.searchParams.get('page') ?? '1')
	const q = (url.searchParams.get('q') ?? '').slice(0, 200)
	const id = asked ?? runs[0]?.id
	let review = null
	if (id) {
		try {
			review = await reviewAssignment({ id, slug: programme.slug, actorId: user.id, page: Number.isInteger(page) ? page : 1, q })
		} catch (error) {
			if (isDomainError(error) && error.code === 'not_found') throw new Response(error.message, { status: 404, statusText: 'Not Found' })
			throw error
		}
	}
	return {
		programme: { slug: programme.slug, name: programme.name, matchingMode: programme.matchingMode },
		zone: user.timeZone,
		runs: runs.filter((r) => r.id !== review?.id).slice(0, EARLIER_RUNS_LISTED),
		review,
		q,
		maxCandidateLimit: MAX_CANDIDATE_LIMIT,
	}
}

type Answer = { ok: boolean; message: string; relationships?: number }

const refused = (message: string, status: number) => data<Answer>({ ok: false, message }, { status })

/** "mentee:mentor" values as pairs; one that is not is dropped here and refused by the schema if it is not two ids. */
function pairsOf(values: FormDataEntryValue[]) {
	return values.map((v) => {
		const [mentee = '', mentor = ''] = String(v).split(':')
		return { mentee, mentor }
	})
}

function candidateLimitOf(form: FormData): number | undefined | null {
	const raw = String(form.get('candidateLimit') ?? '').trim()
	if (raw === '') return undefined
	const n = Number(raw)
	return Number.isFinite(n) ? n : null
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user, programme } = await requireProgrammeAdmin(request, context, params.slug)
	const form = await readFormData(request)
	const intent = form.get('intent')
	const at = now()
	try {
		if (intent === 'apply') {
			const id = RunIdSchema.safeParse(form.get('run'))
			if (!id.success) return refused('Choose an assignment to apply.', 422)
			await reviewAssignment({ id: id.data, slug: programme.slug, actorId: user.id })
			const applied = await applyAssignment({ id: id.data, actorId: user.id, now: at })
			const n = applied.relationships
			return {
				ok: true,
				message: `Applied: ${n} ${n === 1 ? 'relationship' : 'relationships'} created, pending until both sides confirm; each mentor and mentee is asked by email.`,
				relationships: n,
			} satisfies Answer
		}
		if (intent !== 'run' && intent !== 'rerun') return refused('Choose what to do.', 422)
		const candidateLimit = candidateLimitOf(form)
		if (candidateLimit === null) return refused('The candidate limit is a whole number.', 422)
		let lockedPairs: { mentee: string; mentor: string }[] = []
		let forbiddenPairs = pairsOf(form.getAll('keepForbidden')).concat(pairsOf(form.getAll('forbid')))
		if (intent === 'rerun') {
			const id = RunIdSchema.safeParse(form.get('run'))
			if (!id.success) return refused('Choose the assignment to run again.', 422)
			const before = await reviewAssignment({ id: id.data, slug: programme.slug, actorId: user.id })
			// Locks on pairs the page did not show (other pages, other searches) are kept as they were.
			const shown = new Set(form.getAll('shown').map(String))
			const keptLocks = before.input.lockedPairs.filter((p) => !shown.has(`${p.mentee}:${p.mentor}`))
			lockedPairs = keptLocks.concat(pairsOf(form.getAll('lock')))
		} else {
			forbiddenPairs = []
		}
		const key = (p: { mentee: string; mentor: string }) => `${p.mentee}:${p.mentor}`
		const forbidden = new Set(forbiddenPairs.map(key))
		const both = lockedPairs.find((p) => forbidden.has(key(p)))
		if (both) return refused('A pair cannot be both locked and forbidden: untick one of the two.', 422)
		const inputs = AssignmentRequestSchema.safeParse({
			lockedPairs: [...new Map(lockedPairs.map((p) => [key(p), p])).values()],
			forbiddenPairs: [...new Map(forbiddenPairs.map((p) => [key(p), p])).values()],
			candidateLimit,
		})
		if (!inputs.success) return refused(inputs.error.issues[0]?.message ?? 'Check the form.', 422)
		const started = await startAssignment({ slug: programme.slug, actorId: user.id, inputs: inputs.data, now: at })
		return redirect(`${base(programme.slug)}?run=${started.id}`)
	} catch (error) {
		if (!isDomainError(error)) throw error
		if (error.code === 'already_applied') return refused('This assignment was already applied. Run the assignment again for the mentees still searching.', error.status)
		return refused(error.message, error.status)
	}
}

export default function ProgrammeMatching() {
	const { programme, zone, runs, review, q, maxCandidateLimit } = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	useRefreshWhileRunning(review?.status === 'running')
	const here = base(programme.slug)
	const linkTo = (page: number) => {
		const params = new URLSearchParams({ run: review?.id ?? '' })
		if (q) params.set('q', q)
		if (page > 1) params.set('page', String(page))
		return `${here}?${params}`
	}
	return (
		<section className="space-y-6">
			<ProgrammeAdminNav slug={programme.slug} name={programme.name} />
			<h1 className="text-2xl font-bold tracking-tight">Matching · {programme.name}</h1>
			{answer ? (
				<p role={answer.ok ? 'status' : 'alert'} className={`rounded-md p-3 text-sm ${answer.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}>
					{answer.message}
				</p>
			) : null}

			<Form method="post" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
				<p className="text-sm text-slate-700">
					The cohort assignment pairs every searching mentee it can with a mentor who has a place, with the largest total score; nothing changes until you apply it.
				</p>
				<input type="hidden" name="intent" value="run" />
				<CandidateLimitField id="candidate-limit-new" max={maxCandidateLimit} />
				<button disabled={busy} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
					Run the cohort assignment
				</button>
			</Form>

			{review ? (
				<section aria-labelledby="run-heading" className="space-y-4">
					<h2 id="run-heading" className="text-lg font-semibold">
						Run of {formatDay(review.createdAt, zone)}, {formatClock(review.createdAt, zone)}:{' '}
						{review.status === 'running' ? 'running' : review.status === 'ready' ? 'ready to review' : review.status === 'applied' ? 'applied' : 'failed'}
					</h2>
					{review.status === 'running' ? <RunProgress review={review} refreshTo={linkTo(1)} /> : null}
					{review.status === 'failed' ? <p role="alert">This run failed. Run the cohort assignment again.</p> : null}
					{review.status === 'ready' || review.status === 'applied' ? (
						<>
							<ScoreSummary review={review} />
							{review.status === 'ready' ? (
								<Form method="post">
									<input type="hidden" name="intent" value="apply" />
									<input type="hidden" name="run" value={review.id} />
									<button disabled={busy} className="rounded-md bg-green-700 px-3 py-1.5 text-sm font-semibold text-white">
										Apply: propose these {review.pairCount} pairs
									</button>
								</Form>
							) : (
								<p className="text-sm text-slate-700">Applied: its pairs are pending relationships now.</p>
							)}
							<Form method="get" className="flex flex-wrap items-end gap-2" aria-label="Search pairs">
								<input type="hidden" name="run" value={review.id} />
								<div>
									<label htmlFor="pair-search" className="block text-sm font-medium">
										Search pairs by name
									</label>
									<input id="pair-search" type="search" name="q" defaultValue={q} maxLength={200} className={inputClass} />
								</div>
								<button className="rounded-md border border-slate-400 px-3 py-1.5 text-sm">Search</button>
							</Form>
							<Form method="post" className="space-y-4">
								<input type="hidden" name="intent" value="rerun" />
								<input type="hidden" name="run" value={review.id} />
								<p className="text-sm text-slate-700">
									{q ? `${review.matching} of ${review.pairCount} pairs match “${q}”.` : `${review.pairCount} pairs.`}
									{review.pageCount > 1 ? ` Page ${review.page} of ${review.pageCount}.` : ''}
								</p>
								<PairTable review={review} editable />
								{review.pageCount > 1 ? (
									<nav aria-label="Pair pages" className="flex gap-4 text-sm">
										{review.page > 1 ? (
											<Link to={linkTo(review.page - 1)} className="text-brand-700 underline">
												Previous pairs
											</Link>
										) : null}
										{review.page < review.pageCount ? (
											<Link to={linkTo(review.page + 1)} className="text-brand-700 underline">
												Next pairs
											</Link>
										) : null}
									</nav>
								) : null}
								<WhyNot review={review} editable />
								<CandidateLimitField id="candidate-limit-rerun" defaultValue={review.input.candidateLimit} max={maxCandidateLimit} />
								<button disabled={busy} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
									Re-run with these
								</button>
							</Form>
						</>
					) : null}
				</section>
			) : (
				<p className="text-slate-700">No cohort assignment has run for this programme yet.</p>
			)}

			{runs.length > 0 ? (
				<section aria-labelledby="runs-heading" className="space-y-2">
					<h2 id="runs-heading" className="text-lg font-semibold">
						Earlier runs
					</h2>
					<ul className="space-y-1 text-sm">
						{runs.map((r) => (
							<li key={r.id}>
								<Link to={`${here}?run=${r.id}`} className="text-brand-700 underline">
									{formatDay(r.createdAt, zone)}, {formatClock(r.createdAt, zone)}
								</Link>{' '}
								· {r.status}
								{r.totalScore !== null ? ` · total ${r.totalScore}, ${r.pairs} pairs` : ''}
							</li>
						))}
					</ul>
				</section>
			) : null}
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
