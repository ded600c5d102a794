import { Form } from '@remix-run/react'
import { inputClass } from '~/components/forms'
import { DECLINE_REASON_MAX_LENGTH } from '~/rules/registration-journey'
import { type RegistrationView } from '~/services/registrations.server'
import { formatDay } from '~/utils/format-time'
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../../db/schema/programmes'

/**
 * A programme's registrations for its coordinators: one row per registration with its status,
 * background and dates (in the viewer's zone), and the steps a coordinator takes from that row as
 * small POST forms. On a phone the table scrolls inside a labelled region that takes the focus, so
 * it can be scrolled from the keyboard too.
 */

export type RegistrationRow = RegistrationView & {
	email: string
	department: string
	location: string
	/** In facilitator mode, a searching mentee's best mentors to propose; null where there is nothing to propose. */
	proposals: { id: string; name: string; score: number }[] | null
}

/** What the page's action answered, for the row it was about. */
export type RowAnswer = { ok: boolean; message: string; registrationId?: string; fields?: Record<string, string[]> }

export const STATUS_WORDS: Record<RegistrationStatus, string> = {
	application: 'Application',
	searching: 'Searching',
	awaiting_manager_validation: 'Awaiting manager validation',
	in_progress: 'In progress',
	awaiting_confirmation: 'Awaiting confirmation',
	completed: 'Completed',
	declined: 'Declined',
	withdrawn: 'Withdrawn',
}

export const ALL_STATUSES = REGISTRATION_STATUSES

const buttonClass = 'rounded-md px-3 py-1.5 text-sm font-semibold'

export function RegistrationTable({ rows, zone, zoneLabel, answer, busy }: { rows: RegistrationRow[]; zone: string; zoneLabel: string; answer?: RowAnswer; busy: boolean }) {
	if (rows.length === 0) return <p className="rounded-xl bg-white p-4 text-slate-700 ring-1 ring-slate-200">No registration matches these filters.</p>
	return (
		<div role="region" aria-label="Registrations table" tabIndex={0} className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200 focus:outline focus:outline-2 focus:outline-brand-600">
			<table className="min-w-[56rem] w-full text-left text-sm">
				<caption className="px-3 py-2 text-left text-slate-600">Dates in {zoneLabel}.</caption>
				<thead>
					<tr className="border-b border-slate-200">
						<th scope="col" className="px-3 py-2">
							Person
						</th>
						<th scope="col">Role</th>
						<th scope="col">Status</th>
						<th scope="col">Department</th>
						<th scope="col">Location</th>
						<th scope="col">Registered</th>
						<th scope="col">Status changed</th>
						<th scope="col" className="px-3">
							Actions
						</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((r) => (
						<tr key={r.id} className="border-b border-slate-100 align-top">
							<th scope="row" className="px-3 py-2 font-normal">
								<span className="block font-semibold">{r.user.name}</span>
								<span className="block break-all text-slate-600">{r.email}</span>
							</th>
							<td className="py-2">{r.role === 'mentor' ? 'Mentor' : 'Mentee'}</td>
							<td className="py-2">
								{STATUS_WORDS[r.status]}
								{r.declineReason ? <span className="block text-xs text-slate-600">Reason: {r.declineReason}</span> : null}
							</td>
							<td className="py-2">{r.department || '—'}</td>
							<td className="py-2">{r.location || '—'}</td>
							<td className="py-2 whitespace-nowrap">{formatDay(r.createdAt, zone)}</td>
							<td className="py-2 whitespace-nowrap">{formatDay(r.statusChangedAt, zone)}</td>
							<td className="space-y-2 px-3 py-2">
								<RowActions row={r} answer={answer?.registrationId === r.id ? answer : undefined} busy={busy} />
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

function RowActions({ row, answer, busy }: { row: RegistrationRow; answer?: RowAnswer; busy: boolean }) {
	const name = row.user.name
	const reasonErrors = answer?.fields?.reason
	const mentorErrors = answer?.fields?.mentor
	const actions = []
	if (row.status === 'application') {
		actions.push(
			<Form key="validate" method="post">
				<input type="hidden" name="intent" value="validate" />
				<input type="hidden" name="registrationId" value={row.id} />
				<button disabled={busy} aria-label={`Validate ${name}`} className={`${buttonClass} bg-brand-700 text-white`}>
					Validate
				</button>
			</Form>,
			<details key="decline" open={Boolean(reasonErrors)}>
				<summary className="cursor-pointer text-sm text-red-800 underline">Decline…</summary>
				<Form method="post" className="mt-2 space-y-1">
					<input type="hidden" name="intent" value="decline" />
					<input type="hidden" name="registrationId" value={row.id} />
					<label htmlFor={`reason-${row.id}`} className="block text-sm font-medium">
						Reason for declining {name}
					</label>
					<textarea
						id={`reason-${row.id}`}
						name="reason"
						required
						rows={2}
						maxLength={DECLINE_REASON_MAX_LENGTH}
						aria-invalid={reasonErrors ? true : undefined}
						aria-describedby={reasonErrors ? `reason-${row.id}-error` : undefined}
						className={inputClass}
					/>
					{reasonErrors ? (
						<p id={`reason-${row.id}-error`} className="text-sm text-red-700">
							{reasonErrors.join(' ')}
						</p>
					) : null}
					<button disabled={busy} aria-label={`Decline ${name}`} className={`${buttonClass} bg-red-700 text-white`}>
						Decline
					</button>
				</Form>
			</details>,
		)
	}
	if (row.proposals) {
		actions.push(
			row.proposals.length === 0 ? (
				<p key="propose" className="text-sm text-slate-700">
					No mentor fits {name} now.
				</p>
			) : (
				<Form key="propose" method="post" className="space-y-1">
					<input type="hidden" name="intent" value="propose" />
					<input type="hidden" name="mentee" value={row.user.id} />
					<label htmlFor={`mentor-${row.id}`} className="block text-sm font-medium">
						Mentor to propose to {name}
					</label>
					<select
						id={`mentor-${row.id}`}
						name="mentor"
						aria-invalid={mentorErrors ? true : undefined}
						aria-describedby={mentorErrors ? `mentor-${row.id}-error` : undefined}
						className={inputClass}
					>
						{row.proposals.map((m) => (
							<option key={m.id} value={m.id}>
								{m.name} (score {m.score})
							</option>
						))}
					</select>
					{mentorErrors ? (
						<p id={`mentor-${row.id}-error`} className="text-sm text-red-700">
							{mentorErrors.join(' ')}
						</p>
					) : null}
					<button disabled={busy} aria-label={`Propose a mentor to ${name}`} className={`${buttonClass} bg-brand-700 text-white`}>
						Propose a mentor
					</button>
				</Form>
			),
		)
	}
	return actions.length > 0 ? <>{actions}</> : <span className="text-slate-500">—</span>
}
