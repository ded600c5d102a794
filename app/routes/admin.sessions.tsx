import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { INTRO_DECISIONS } from '../../db/schema/bookings'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { listAwaitingConfirmation } from '~/services/admin-sessions.server'
import { confirmSession } from '~/services/booking.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { formatRange } from '~/utils/format-time'
import { requireAdmin } from '~/utils/session.server'
import { readFormData } from '~/utils/form.server'

/** Sessions still awaiting their outcome, oldest first; admins may confirm for a mentor who went quiet (audited). */

export const meta: MetaFunction = () => [{ title: 'Unconfirmed sessions · Admin · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const admin = await requireAdmin(request, context)
	// `status=awaiting_confirmation` is what the alert email links to, and the only list there is for now.
	return { zone: admin.timeZone, sessions: await listAwaitingConfirmation(now()) }
}

const ConfirmSchema = z.object({
	sessionId: z.string().uuid('That is not a session.'),
	outcome: z.enum(['completed', 'no_show_mentee', 'no_show_mentor'], { errorMap: () => ({ message: 'Choose what happened.' }) }),
	decision: z.enum(INTRO_DECISIONS, { errorMap: () => ({ message: 'Decide whether to continue.' }) }).optional(),
})

export async function action({ request, context }: ActionFunctionArgs) {
	const admin = await requireAdmin(request, context)
	const parsed = ConfirmSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) return data({ ok: false, message: parsed.error.issues[0]?.message ?? 'Check the form.' }, { status: 422 })
	try {
		await confirmSession({ ...parsed.data, actorId: admin.id, now: now() })
		return { ok: true, message: 'Session confirmed.' }
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ ok: false, message: error.message }, { status: error.status })
	}
}

const OUTCOMES = [
	['completed', 'Completed'],
	['no_show_mentee', 'Mentee did not show'],
	['no_show_mentor', 'Mentor did not show'],
] as const

export default function AdminSessions() {
	const { zone, sessions } = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	return (
		<section className="space-y-4">
			<h1 className="text-2xl font-bold tracking-tight">Sessions awaiting confirmation</h1>
			<p className="text-sm text-slate-600">Oldest first; those ended more than 7 days ago are marked. Times in {zone}.</p>
			{answer ? (
				<p role={answer.ok ? 'status' : 'alert'} className={answer.ok ? 'text-green-800' : 'text-red-800'}>
					{answer.message}
				</p>
			) : null}
			{sessions.length === 0 ? <p className="rounded-xl bg-white p-4 text-slate-700 ring-1 ring-slate-200">No session awaits confirmation.</p> : null}
			<ul aria-label="Sessions awaiting confirmation" className="space-y-4">
				{sessions.map((s) => (
					<li
						key={s.id}
						aria-label={`${s.type === 'intro' ? 'Intro' : 'Paid session'} of ${s.mentee.name} with ${s.mentor.name}`}
						className={`space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ${s.overdue ? 'ring-2 ring-red-400' : 'ring-slate-200'}`}
					>
						<p className="font-semibold">
							{s.type === 'intro' ? 'Intro' : 'Paid session'}: {s.mentee.name} with {s.mentor.name}
							{s.overdue ? <span className="ml-2 rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-red-200">Over 7 days</span> : null}
						</p>
						<p className="text-sm text-slate-700">{formatRange(s.start, s.end, zone)}</p>
						<Form method="post" className="space-y-2">
							<input type="hidden" name="sessionId" value={s.id} />
							<fieldset>
								<legend className="text-sm font-medium">What happened?</legend>
								<div className="flex flex-wrap gap-4">
									{OUTCOMES.map(([value, label]) => (
										<label key={value} className="flex items-center gap-2 text-sm">
											<input type="radio" name="outcome" value={value} required defaultChecked={value === 'completed'} /> {label}
										</label>
									))}
								</div>
							</fieldset>
							{s.type === 'intro' ? (
								<fieldset>
									<legend className="text-sm font-medium">Continue mentoring (the mentor’s decision)?</legend>
									<div className="flex flex-wrap gap-4">
										<label className="flex items-center gap-2 text-sm">
											<input type="radio" name="decision" value="approve_continuation" required /> Approve continuation
										</label>
										<label className="flex items-center gap-2 text-sm">
											<input type="radio" name="decision" value="reject" required /> Do not continue
										</label>
									</div>
								</fieldset>
							) : null}
							<button disabled={busy} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white">
								Confirm session
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
