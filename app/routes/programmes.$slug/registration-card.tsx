import { Form } from '@remix-run/react'
import { ErrorList, inputClass } from '~/components/forms'
import { JourneySteps } from '~/components/journey-steps'
import { statusLabel } from '~/rules/journey-steps'
import { formatDay } from '~/utils/format-time'
import { type Answer, type RegistrationItem } from './answer'

/** One of the viewer's registrations: the journey as steps, what to do next, engagement periods, and the steps they may take. */

const primary = 'w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto'
const secondary = 'w-full rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60 sm:w-auto'
const danger = 'w-full rounded-md border border-red-700 px-4 py-2 text-sm font-semibold text-red-700 hover:bg-red-50 disabled:opacity-60 sm:w-auto'
const label = 'block text-sm font-medium text-slate-800'

/** Calendar dates read as days, whatever the viewer's zone: a date has no time to move. */
const day = (date: string) => formatDay(date, 'UTC')

function Hidden({ registrationId, intent }: { registrationId: string; intent: string }) {
	return (
		<>
			<input type="hidden" name="intent" value={intent} />
			<input type="hidden" name="registrationId" value={registrationId} />
		</>
	)
}

export function RegistrationCard({ registration: r, zone, answer, busy }: { registration: RegistrationItem; zone: string; answer?: Answer; busy: boolean }) {
	const refused = answer && !answer.ok ? answer : undefined
	const addErrors = refused?.intent === 'add_period' ? refused.fields : {}
	const addValues = refused?.intent === 'add_period' ? (refused.values ?? {}) : {}
	const title = `As ${r.role}: ${statusLabel(r.status)}`
	const idOf = (field: string) => `${r.id}-${field}`
	return (
		<li aria-label={`Your registration as ${r.role}`} className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
			<div className="space-y-1">
				<h3 className="font-semibold">{title}</h3>
				<p className="text-xs text-slate-600">
					Registered {formatDay(r.createdAt, zone)}
					{r.capacity !== undefined ? ` · up to ${r.capacity} mentees here` : ''}
				</p>
			</div>
			<JourneySteps steps={r.steps} label={`Journey as ${r.role}`} />
			<p className="text-sm text-slate-800">{r.next}</p>
			{answer?.ok ? (
				<p role="status" className="rounded-md border border-green-300 bg-green-50 p-2 text-sm text-green-900">
					{answer.message}
				</p>
			) : null}
			{refused && refused.intent !== 'add_period' && refused.intent !== 'end_period' ? (
				<p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800">
					{refused.message}
				</p>
			) : null}

			{r.periods.length > 0 || r.periodsOpen ? (
				<section aria-label={`Engagement periods as ${r.role}`} className="space-y-2">
					<h4 className="text-sm font-semibold">Engagement periods</h4>
					{r.periods.length === 0 ? <p className="text-sm text-slate-600">No engagement dates yet.</p> : null}
					<ul className="space-y-2">
						{r.periods.map((p) => {
							const mine = refused?.intent === 'end_period' && refused.periodId === p.id ? refused : undefined
							return (
								<li key={p.id} className="space-y-2 rounded-md bg-slate-50 p-2 text-sm">
									<p>{p.end ? `${day(p.start)} to ${day(p.end)}` : `From ${day(p.start)}, still going`}</p>
									{!p.end && r.periodsOpen ? (
										<Form method="post" preventScrollReset className="flex flex-col gap-2 sm:flex-row sm:items-end">
											<Hidden registrationId={r.id} intent="end_period" />
											<input type="hidden" name="periodId" value={p.id} />
											<div>
												<label htmlFor={idOf(`end-${p.id}`)} className={label}>
													Last day of this period
												</label>
												<input
													id={idOf(`end-${p.id}`)}
													name="end"
													type="date"
													required
													min={p.start}
													aria-invalid={mine?.fields.end ? true : undefined}
													aria-describedby={mine ? idOf(`end-${p.id}-errors`) : undefined}
													className={inputClass}
												/>
											</div>
											<button type="submit" disabled={busy} className={secondary}>
												End this period
											</button>
											{mine ? (
												<div id={idOf(`end-${p.id}-errors`)} role="alert" className="text-sm text-red-800">
													{mine.fields.end?.join(' ') || mine.message}
												</div>
											) : null}
										</Form>
									) : null}
								</li>
							)
						})}
					</ul>
					{r.periodsOpen ? (
						<Form method="post" preventScrollReset aria-label={`Add engagement dates as ${r.role}`} className="space-y-2 rounded-md border border-slate-200 p-3">
							<Hidden registrationId={r.id} intent="add_period" />
							<p className="text-sm font-medium">Add engagement dates</p>
							{refused?.intent === 'add_period' && !addErrors.start && !addErrors.end ? (
								<p role="alert" className="text-sm text-red-800">
									{refused.message}
								</p>
							) : null}
							<div className="grid gap-2 sm:grid-cols-2">
								<div>
									<label htmlFor={idOf('start')} className={label}>
										Start date
									</label>
									<input
										id={idOf('start')}
										name="start"
										type="date"
										required
										defaultValue={addValues.start}
										aria-invalid={addErrors.start ? true : undefined}
										aria-describedby={addErrors.start ? idOf('start-errors') : undefined}
										className={inputClass}
									/>
									<div role={addErrors.start ? 'alert' : undefined}>
										<ErrorList id={idOf('start-errors')} errors={addErrors.start} />
									</div>
								</div>
								<div>
									<label htmlFor={idOf('end')} className={label}>
										End date (optional)
									</label>
									<input
										id={idOf('end')}
										name="end"
										type="date"
										defaultValue={addValues.end}
										aria-invalid={addErrors.end ? true : undefined}
										aria-describedby={addErrors.end ? idOf('end-errors') : undefined}
										className={inputClass}
									/>
									<div role={addErrors.end ? 'alert' : undefined}>
										<ErrorList id={idOf('end-errors')} errors={addErrors.end} />
									</div>
								</div>
							</div>
							<button type="submit" disabled={busy} className={secondary}>
								Add dates
							</button>
						</Form>
					) : null}
				</section>
			) : null}

			{r.actions.length > 0 ? (
				<div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-start">
					{r.actions.includes('confirm') ? (
						<Form method="post" preventScrollReset>
							<Hidden registrationId={r.id} intent="confirm" />
							<button type="submit" disabled={busy} className={primary}>
								Confirm my participation
							</button>
						</Form>
					) : null}
					{r.actions.includes('end') ? (
						<Form method="post" preventScrollReset>
							<Hidden registrationId={r.id} intent="end" />
							<button type="submit" disabled={busy} className={secondary}>
								My mission has ended
							</button>
						</Form>
					) : null}
					{r.actions.includes('withdraw') ? (
						<details className="rounded-md bg-slate-50 p-2">
							<summary className="cursor-pointer text-sm font-medium text-slate-800">Withdraw…</summary>
							<Form method="post" preventScrollReset className="mt-2 space-y-2">
								<Hidden registrationId={r.id} intent="withdraw" />
								<p className="text-sm text-slate-700">Withdrawing ends this registration for good; you may register again later.</p>
								<button type="submit" disabled={busy} className={danger}>
									Withdraw my registration as {r.role}
								</button>
							</Form>
						</details>
					) : null}
				</div>
			) : null}
		</li>
	)
}
