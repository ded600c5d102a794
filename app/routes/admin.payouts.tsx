import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PayoutTable } from '~/components/payout-table'
import { describeTimeZone } from '~/rules/time-zones'
import { countPayoutsByStatus, listPayouts, retryDeadPayout, toPayoutRow } from '~/services/payouts.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { requireAdmin } from '~/utils/session.server'
import { readFormData } from '~/utils/form.server'

/** Payouts that need an admin: dead ones (retries exhausted) with a retry button, and those retrying or on hold. */

export const meta: MetaFunction = () => [{ title: 'Payouts to look at · Admin · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const admin = await requireAdmin(request, context)
	const [payouts, counts] = await Promise.all([listPayouts({ statuses: ['dead', 'failed', 'on_hold'] }), countPayoutsByStatus()])
	return {
		counts,
		zone: admin.timeZone,
		zoneLabel: describeTimeZone(admin.timeZone, now()),
		rows: payouts.map((p) => toPayoutRow(p, { withError: true })),
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	const admin = await requireAdmin(request, context)
	const parsed = z.object({ payoutId: z.string().uuid() }).safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) return data({ message: 'Choose a payout.' }, { status: 400 })
	try {
		await retryDeadPayout({ adminId: admin.id, payoutId: parsed.data.payoutId, now: now() })
		return { message: 'The payout was sent round again.' }
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ message: error.message }, { status: error.status })
	}
}

export default function AdminPayouts() {
	const { rows, zone, zoneLabel, counts } = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>()
	return (
		<section className="space-y-4">
			<h1 className="text-2xl font-bold tracking-tight">Payouts to look at</h1>
			{answer ? <p role="status">{answer.message}</p> : null}
			<p className="text-sm text-slate-700">
				Failed, dead (retries used up) and on hold (the mentor’s Stripe account cannot receive transfers) are listed here. All payouts:{' '}
				{counts.released} released, {counts.pending} pending, {counts.on_hold} on hold, {counts.failed} failed, {counts.dead} dead.
			</p>
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
