import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { PayoutTable } from '~/components/payout-table'
import { describeTimeZone } from '~/rules/time-zones'
import { MentorNumbers } from '~/components/mentor-numbers'
import { getMentorNumbers } from '~/services/mentor-numbers.server'
import { listPayouts, toPayoutRow } from '~/services/payouts.server'
import { now } from '~/utils/clock.server'
import { requireMentor } from '~/utils/session.server'

/** The mentor's payouts, one per confirmed paid session, and where each stands. */

export const meta: MetaFunction = () => [{ title: 'Payouts · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireMentor(request, context)
	const at = now()
	const [payouts, numbers] = await Promise.all([listPayouts({ mentorId: user.id }), getMentorNumbers(user.id, user.timeZone, at)])
	return {
		numbers,
		zone: user.timeZone,
		zoneLabel: describeTimeZone(user.timeZone, at),
		rows: payouts.map((p) => toPayoutRow(p, { withError: false })),
	}
}

export default function Payouts() {
	const { rows, zone, zoneLabel, numbers } = useLoaderData<typeof loader>()
	return (
		<section className="space-y-4">
			<h1 className="text-2xl font-bold tracking-tight">Payouts</h1>
			<p className="text-slate-700">
				Each paid session you confirm as held sends your share to your Stripe account.{' '}
				<Link to="/settings/payouts" className="text-brand-700 underline">
					Payout settings
				</Link>
			</p>
			<MentorNumbers numbers={numbers} />
			<div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
				<PayoutTable rows={rows} zone={zone} zoneLabel={zoneLabel} />
			</div>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
