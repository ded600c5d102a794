import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { inputClass } from '~/components/forms'
import { availableCredits, formatMoney, planRefund } from '~/rules/money'
import { searchPaidBundles } from '~/services/bundles.server'
import { countFutureSessions, previewRefund, refundBundle } from '~/services/refunds.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { requireAdmin } from '~/utils/session.server'
import { readFormData } from '~/utils/form.server'
import { plural } from '~/rules/wording'

/** Admins refund bundles: the whole bundle when unused, else its unused sessions; a reason is required and audited. */

export const meta: MetaFunction = () => [{ title: 'Bundles and refunds · Admin · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireAdmin(request, context)
	const q = new URL(request.url).searchParams.get('q') ?? ''
	const found = await searchPaidBundles(q)
	const future = await countFutureSessions(
		found.map((b) => b.id),
		now(),
	)
	const describe = (plan: ReturnType<typeof planRefund>, currency: string) =>
		plan.ok ? `${formatMoney(plan.amountCents, currency)} (${plan.kind === 'whole' ? 'whole bundle' : plural(plan.credits, 'unused session', 'unused sessions')})` : null
	return {
		q,
		bundles: found.map((b) => {
			const plan = planRefund(b)
			const cancellable = future.get(b.id) ?? 0
			return {
				id: b.id,
				menteeName: b.menteeName,
				menteeEmail: b.menteeEmail,
				mentorName: b.mentorName,
				status: b.status,
				credits: `${availableCredits(b)} unused, ${b.creditsReserved} booked, ${b.creditsConsumed} held, ${b.creditsRefunded} refunded of ${b.creditsTotal}`,
				paid: formatMoney(b.priceCents, b.currency),
				refunded: formatMoney(b.amountRefunded, b.currency),
				refundable: describe(plan, b.currency),
				// What the refund comes to when its future sessions are cancelled with it (their credits come back first).
				refundableWithCancellation: cancellable > 0 ? describe(planRefund({ ...b, creditsReserved: b.creditsReserved - cancellable }), b.currency) : null,
			}
		}),
	}
}

/**
 * `review` names the amount and moves nothing; the confirmation posts it back with the amount the
 * admin saw (a post without `intent` refunds at once, for scripts).
 */
const RefundSchema = z.object({
	intent: z.enum(['review', 'confirm']).optional(),
	bundleId: z.string().uuid('Choose a bundle.'),
	reason: z.string().trim().min(1, 'Give a reason for the refund.').max(2000, 'Use at most 2,000 characters.'),
	cancelFutureSessions: z.literal('on').optional(),
	amountCents: z.coerce.number().int().nonnegative().optional(),
})

type Answer = {
	bundleId: string | null
	ok: boolean
	message: string
	fields?: { reason?: string }
	review?: { amount: string; amountCents: number; reason: string; cancelFutureSessions: boolean }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const admin = await requireAdmin(request, context)
	const form = Object.fromEntries(await readFormData(request))
	const parsed = RefundSchema.safeParse(form)
	if (!parsed.success) {
		const reason = parsed.error.issues.find((i) => i.path[0] === 'reason')?.message
		const bundleId = typeof form.bundleId === 'string' && z.string().uuid().safeParse(form.bundleId).success ? form.bundleId : null
		const answer: Answer = { bundleId, ok: false, message: parsed.error.issues[0]?.message ?? 'Check the form.', fields: reason ? { reason } : undefined }
		return data(answer, { status: 422 })
	}
	const { bundleId, reason, intent, amountCents } = parsed.data
	const cancelFutureSessions = parsed.data.cancelFutureSessions === 'on'
	try {
		if (intent === 'review') {
			const { plan, currency } = await previewRefund({ bundleId, cancelFutureSessions, now: now() })
			if (!plan.ok) return data({ bundleId, ok: false, message: plan.message } satisfies Answer, { status: 409 })
			const what = plan.kind === 'whole' ? 'the whole bundle' : plural(plan.credits, 'unused session', 'unused sessions')
			const amount = formatMoney(plan.amountCents, currency)
			return { bundleId, ok: true, message: `Refund ${amount} for ${what}?`, review: { amount, amountCents: plan.amountCents, reason, cancelFutureSessions } } satisfies Answer
		}
		const refund = await refundBundle({ adminId: admin.id, bundleId, reason, cancelFutureSessions, now: now(), expectedAmountCents: amountCents })
		return { bundleId, ok: true, message: `Refunded ${plural(refund.credits, 'session', 'sessions')}.` } satisfies Answer
	} catch (error) {
		if (!isDomainError(error)) throw error
		const fields = error.fields?.reason ? { reason: error.fields.reason[0] } : undefined
		return data({ bundleId, ok: false, message: error.message, fields } satisfies Answer, { status: error.status })
	}
}

export default function AdminBundles() {
	const { q, bundles } = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>() as Answer | undefined
	const busy = useNavigation().state !== 'idle'
	return (
		<section className="space-y-4">
			<h1 className="text-2xl font-bold tracking-tight">Bundles and refunds</h1>
			<Form method="get" className="flex gap-2">
				<label htmlFor="q" className="sr-only">
					Search by mentee, mentor or bundle id
				</label>
				<input id="q" name="q" defaultValue={q} placeholder="Mentee, mentor or bundle id" className={inputClass} />
				<button className="rounded-md border border-slate-400 px-3 py-1.5 font-semibold">Search</button>
			</Form>
			{answer && !answer.bundleId ? (
				<p role="alert" className="text-red-800">
					{answer.message}
				</p>
			) : null}
			<ul className="space-y-4">
				{bundles.map((b) => (
					<li key={b.id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label={`Bundle of ${b.menteeName} with ${b.mentorName}`}>
						<p className="font-semibold">
							{b.menteeName} ({b.menteeEmail}) with {b.mentorName}: <Link to={`/bundles/${b.id}`} className="text-brand-700 underline">{b.status}</Link>
						</p>
						<p className="text-sm text-slate-700">
							Paid {b.paid}, refunded {b.refunded}. Sessions: {b.credits}.
						</p>
						{answer?.bundleId === b.id && !answer.review ? (
							<p role={answer.ok ? 'status' : 'alert'} className={`mt-2 text-sm ${answer.ok ? 'text-green-800' : 'text-red-800'}`}>
								{answer.message}
							</p>
						) : null}
						{answer?.bundleId === b.id && answer.review ? (
							<ConfirmRefund bundleId={b.id} question={answer.message} review={answer.review} busy={busy} />
						) : b.refundable || b.refundableWithCancellation ? (
							<RefundForm bundle={b} busy={busy} error={answer?.bundleId === b.id ? answer.fields?.reason : undefined} />
						) : (
							<p className="mt-2 text-sm text-slate-600">Nothing left to refund.</p>
						)}
					</li>
				))}
			</ul>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

type RefundableBundle = { id: string; refundable: string | null; refundableWithCancellation: string | null }

/** The button names the amount the refund will come to, with or without cancelling future sessions. */
function RefundForm({ bundle: b, busy, error }: { bundle: RefundableBundle; busy: boolean; error?: string }) {
	const [cancelling, setCancelling] = useState(false)
	const errorId = `reason-error-${b.id}`
	const amount = cancelling && b.refundableWithCancellation ? b.refundableWithCancellation : b.refundable
	return (
		<Form method="post" className="mt-3 space-y-2">
			<input type="hidden" name="bundleId" value={b.id} />
			<label htmlFor={`reason-${b.id}`} className="block text-sm font-medium">
				Reason for the refund
			</label>
			<input
				id={`reason-${b.id}`}
				name="reason"
				required
				aria-invalid={error ? true : undefined}
				aria-describedby={error ? errorId : undefined}
				className={inputClass}
			/>
			{error ? (
				<p id={errorId} className="text-sm text-red-800">
					{error}
				</p>
			) : null}
			<label className="flex items-center gap-2 text-sm">
				<input type="checkbox" name="cancelFutureSessions" checked={cancelling} onChange={(e) => setCancelling(e.target.checked)} /> Also
				cancel the bundle’s future sessions
			</label>
			<button name="intent" value="review" disabled={busy || !amount} className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60">
				{amount ? `Refund ${amount}` : 'Cancel the future sessions to refund them'}
			</button>
		</Form>
	)
}

/** The step before money moves: the amount, the reason, and a button that says it. */
function ConfirmRefund({ bundleId, question, review, busy }: { bundleId: string; question: string; review: NonNullable<Answer['review']>; busy: boolean }) {
	return (
		<Form method="post" className="mt-3 space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
			<p role="status" className="font-medium text-red-900">
				{question}
			</p>
			<p className="text-sm text-slate-700">Reason: {review.reason}</p>
			<input type="hidden" name="bundleId" value={bundleId} />
			<input type="hidden" name="reason" value={review.reason} />
			<input type="hidden" name="amountCents" value={review.amountCents} />
			{review.cancelFutureSessions ? <input type="hidden" name="cancelFutureSessions" value="on" /> : null}
			<div className="flex flex-wrap gap-2">
				<button name="intent" value="confirm" disabled={busy} className="rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60">
					Confirm refund of {review.amount}
				</button>
				<Link to="." className="rounded-md border border-slate-400 px-3 py-1.5 text-sm font-semibold">
					Back
				</Link>
			</div>
		</Form>
	)
}
