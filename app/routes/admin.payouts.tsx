import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PayoutTable } from '~/components/payout-table'
import { describeTimeZone } from '~/rules/time-zones'
import { DISPUTE_DECISIONS } from '../../db/schema/bookings'
import { formatMoney } from '~/rules/money'
import { decideDispute, listOpenDisputes } from '~/services/disputes.server'
import { formatRange } from '~/utils/format-time'
import { countPayoutsByStatus, listPayouts, retryDeadPayout, toPayoutRow } from '~/services/payouts.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { requireAdmin } from '~/utils/session.server'
import { readFormData } from '~/utils/form.server'

/**
 * Payouts that need an admin: disputed no-shows to decide, dead ones (retries exhausted) with a
 * retry button, and those retrying or on hold.
 */

const ActionSchema = z.union([
	z.object({ intent: z.literal('decide'), sessionId: z.string().uuid(), decision: z.enum(DISPUTE_DECISIONS) }),
	z.object({ intent: z.literal('retry').optional(), payoutId: z.string().uuid() }),
])

const DECIDED = {
	upheld: 'The outcome stands: the payout is on its way. Both were told.',
	overturned: 'The no-show is overturned: the credit is back with the mentee and nothing is paid. Both were told.',
} as const

export const meta: MetaFunction = () => [{ title: 'Payouts to look at · Admin · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const admin = await requireAdmin(request, context)
	const [payouts, counts, disputes] = await Promise.all([listPayouts({ statuses: ['dead', 'failed', 'on_hold'] }), countPayoutsByStatus(), listOpenDisputes()])
	return {
		counts,
		disputes: disputes.map((d) => ({ ...d, startsAt: d.startsAt.toISOString(), endsAt: d.endsAt.toISOString(), amount: formatMoney(d.amountCents, d.currency) })),
		zone: admin.timeZone,
		zoneLabel: describeTimeZone(admin.timeZone, now()),
		rows: payouts.map((p) => toPayoutRow(p, { withError: true })),
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	const admin = await requireAdmin(request, context)
	const parsed = ActionSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) return data({ message: 'Choose a payout, or a dispute and a decision.' }, { status: 400 })
	const input = parsed.data
	try {
		if (input.intent === 'decide') {
			await decideDispute({ sessionId: input.sessionId, adminId: admin.id, decision: input.decision, now: now() })
			return { message: DECIDED[input.decision] }
		}
		await retryDeadPayout({ adminId: admin.id, payoutId: input.payoutId, now: now() })
		return { message: 'The payout was sent round again.' }
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ message: error.message }, { status: error.status })
	}
}

export default function AdminPayouts() {
	const { rows, zone, zoneLabel, counts, disputes } = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	return (
		<section className="space-y-4">
			<h1 className="text-2xl font-bold tracking-tight">Payouts to look at</h1>
			{answer ? <p role="status">{answer.message}</p> : null}
			<p className="text-sm text-slate-700">
				Failed, dead (retries used up) and on hold (the mentor’s Stripe account cannot receive transfers) are listed here. All payouts:{' '}
				{counts.released} released, {counts.pending} pending, {counts.on_hold} on hold, {counts.failed} failed, {counts.dead} dead,{' '}
				{counts.disputable} waiting out the mentee’s 48 hours to dispute, {counts.disputed} disputed, {counts.cancelled} cancelled.
			</p>
			<section id="disputes" aria-labelledby="disputes-heading" className="space-y-3">
				<h2 id="disputes-heading" className="text-lg font-semibold">
					Disputed no-shows
				</h2>
				{disputes.length === 0 ? (
					<p className="rounded-xl bg-white p-4 text-slate-700 ring-1 ring-slate-200">No dispute waits for a decision.</p>
				) : (
					<ul className="space-y-3">
						{disputes.map((d) => (
							<li key={d.sessionId} aria-label={`Dispute: ${d.menteeName} and ${d.mentorName}`} className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
								<p className="font-semibold">
									{d.mentorName} recorded that {d.menteeName} did not show
								</p>
								<p className="text-sm text-slate-700">
									{formatRange(d.startsAt, d.endsAt, zone)} · payout {d.amount} held
								</p>
								<blockquote className="border-l-4 border-slate-300 pl-3 text-sm text-slate-800">{d.note}</blockquote>
								<Form method="post" className="flex flex-wrap gap-2">
									<input type="hidden" name="intent" value="decide" />
									<input type="hidden" name="sessionId" value={d.sessionId} />
									<button name="decision" value="upheld" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white">
										Outcome stands: pay {d.amount}
									</button>
									<button name="decision" value="overturned" className="rounded-md border border-red-700 px-3 py-1.5 text-sm font-semibold text-red-700">
										Mentor did not show: return the credit
									</button>
								</Form>
							</li>
						))}
					</ul>
				)}
			</section>
			<div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
				<PayoutTable
					rows={rows}
					zone={zone}
					zoneLabel={zoneLabel}
					showMentor
					empty="Nothing needs attention: no payout is failed, dead or on hold."
					action={(p) =>
						p.status === 'dead' ? (
							<Form method="post">
								<input type="hidden" name="payoutId" value={p.id} />
								<button className="rounded-md bg-brand-600 px-3 py-1 text-sm font-semibold text-white">Retry</button>
							</Form>
						) : null
					}
				/>
			</div>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
