import { type PayoutRow } from '~/services/payouts.server'
import { formatDay, formatClock } from '~/utils/format-time'

export const PAYOUT_STATUS: Record<string, string> = {
	pending: 'On its way',
	on_hold: 'On hold: finish your Stripe setup',
	released: 'Released',
	failed: 'Retrying',
	dead: 'Failed: an admin will retry it',
}

/**
 * Payouts as a table, for the mentor's page and the admin's: when, for whom, how much, and where it
 * stands. Times in the viewer's zone, named in the column's heading (`zoneLabel`).
 */
export function PayoutTable({
	rows,
	zone,
	zoneLabel,
	showMentor = false,
	action,
	empty = 'No payouts yet.',
}: {
	rows: PayoutRow[]
	zone: string
	zoneLabel: string
	showMentor?: boolean
	action?: (row: PayoutRow) => React.ReactNode
	/** What an empty table says. */
	empty?: string
}) {
	if (rows.length === 0) return <p className="text-slate-700">{empty}</p>
	return (
		<table className="w-full text-left text-sm">
			<caption className="pb-2 text-left text-slate-600">Times in {zoneLabel}.</caption>
			<thead>
				<tr className="border-b border-slate-200">
					<th className="py-2">Session</th>
					{showMentor ? <th>Mentor</th> : null}
					<th>Mentee</th>
					<th>Amount</th>
					<th>Status</th>
					{action ? <th>Action</th> : null}
				</tr>
			</thead>
			<tbody>
				{rows.map((p) => (
					<tr key={p.id} className="border-b border-slate-100">
						<td className="py-2">
							{formatDay(p.sessionStartsAt, zone)}, {formatClock(p.sessionStartsAt, zone)}
						</td>
						{showMentor ? <td>{p.mentorName}</td> : null}
						<td>{p.menteeName}</td>
						<td>{p.amount}</td>
						<td>
							{PAYOUT_STATUS[p.status] ?? p.status}
							{showMentor && p.lastError ? <span className="block text-xs text-slate-600">{p.lastError} ({p.attempts} tries)</span> : null}
						</td>
						{action ? <td>{action(p)}</td> : null}
					</tr>
				))}
			</tbody>
		</table>
	)
}
