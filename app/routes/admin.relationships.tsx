import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { inputClass } from '~/components/forms'
import { LAPSED_AFTER_DAYS } from '~/rules/reminders'
import { NOTE_MAX_LENGTH } from '~/rules/relationships'
import { programmeSlugOf } from '~/services/programmes.server'
import { endRelationship, listLapsedRelationships } from '~/services/relationships.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { formatDay } from '~/utils/format-time'
import { requireAdmin } from '~/utils/session.server'
import { readFormData } from '~/utils/form.server'

/** The follow-up list: lapsed relationships, which an admin may end (reason audited) before re-matching the mentee. */

export const meta: MetaFunction = () => [{ title: 'Lapsed relationships · Admin · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const admin = await requireAdmin(request, context)
	// `filter=lapsed` is what the alert email links to, and the only list there is for now.
	return { zone: admin.timeZone, lapsed: await listLapsedRelationships(now()) }
}

const EndSchema = z.object({
	relationshipId: z.string().uuid('That is not a relationship.'),
	reason: z.string().trim().min(1, 'Give a reason for ending it.').max(NOTE_MAX_LENGTH, `Use at most ${NOTE_MAX_LENGTH} characters.`),
})

export async function action({ request, context }: ActionFunctionArgs) {
	const admin = await requireAdmin(request, context)
	const parsed = EndSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) return data({ ok: false, message: parsed.error.issues[0]?.message ?? 'Check the form.' }, { status: 422 })
	try {
		const ended = await endRelationship({ relationshipId: parsed.data.relationshipId, actorId: admin.id, reason: parsed.data.reason, now: now() })
		const slug = ended.programmeId ? await programmeSlugOf(ended.programmeId) : null
		return slug
			? { ok: true, message: 'Relationship ended. The mentee is searching again: their programme offers a one-click re-match.', rematchUrl: `/admin/programmes/${slug}/registrations` }
			: { ok: true, message: 'Relationship ended. Re-match the mentee from the mentor directory.', rematchUrl: null }
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ ok: false, message: error.message }, { status: error.status })
	}
}

export default function AdminRelationships() {
	const { zone, lapsed } = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	return (
		<section className="space-y-4">
			<h1 className="text-2xl font-bold tracking-tight">Lapsed relationships</h1>
			<p className="text-sm text-slate-600">Confirmed relationships with no completed session in {LAPSED_AFTER_DAYS} days, longest-lapsed first.</p>
			{answer ? (
				<p role={answer.ok ? 'status' : 'alert'} className={answer.ok ? 'text-green-800' : 'text-red-800'}>
					{answer.message}
					{'rematchUrl' in answer && answer.rematchUrl ? (
						<>
							{' '}
							<Link to={answer.rematchUrl} className="text-brand-700 underline">
								Re-match them
							</Link>
						</>
					) : null}
				</p>
			) : null}
			{lapsed.length === 0 ? <p className="rounded-xl bg-white p-4 text-slate-700 ring-1 ring-slate-200">No relationship has lapsed.</p> : null}
			<ul aria-label="Lapsed relationships" className="space-y-4">
				{lapsed.map((r) => (
					<li key={r.id} aria-label={`${r.mentee.name} with ${r.mentor.name}`} className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
						<p className="font-semibold">
							{r.mentee.name} with {r.mentor.name}
						</p>
						<p className="text-sm text-slate-700">
							{r.lastCompletedAt ? `Last completed session ${formatDay(r.lastCompletedAt, zone)}` : 'No completed session yet'} · {r.daysSince} days quiet
						</p>
						<p className="text-sm">
							Re-match:{' '}
							{r.mentee.subjects.length === 0 ? (
								<Link to="/mentors" className="text-brand-700 underline">
									mentor directory
								</Link>
							) : (
								r.mentee.subjects.map((s, i) => (
									<span key={s.slug}>
										{i > 0 ? ', ' : null}
										<Link to={`/mentors?subject=${encodeURIComponent(s.slug)}`} className="text-brand-700 underline">
											mentors in {s.name}
										</Link>
									</span>
								))
							)}
						</p>
						<Form method="post" className="space-y-2">
							<input type="hidden" name="relationshipId" value={r.id} />
							<label htmlFor={`reason-${r.id}`} className="block text-sm font-medium">
								Reason for ending it
							</label>
							<input id={`reason-${r.id}`} name="reason" required maxLength={NOTE_MAX_LENGTH} className={inputClass} />
							<button disabled={busy} className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white">
								End relationship
							</button>
						</Form>
					</li>
				))}
			</ul>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
