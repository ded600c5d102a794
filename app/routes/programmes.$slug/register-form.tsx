import { Form } from '@remix-run/react'
import { ErrorList, inputClass } from '~/components/forms'
import { MAX_REGISTRATION_CAPACITY, MOTIVATION_MAX_LENGTH } from '~/rules/programmes'
import { type Answer } from './answer'

/** "Register as mentor" / "Register as mentee": motivation, a mentor's capacity here, and the manager's and partner contact's emails. */

const label = 'block text-sm font-medium text-slate-800'
const hint = 'text-xs text-slate-600'

export function RegisterForm({
	option,
	managerValidation,
	answer,
	busy,
}: {
	option: { role: 'mentor' | 'mentee'; dossierCapacity: number | null }
	managerValidation: boolean
	answer?: Answer
	busy: boolean
}) {
	const { role } = option
	const id = (field: string) => `register-${role}-${field}`
	const errors = answer?.ok === false ? answer.fields : {}
	const values = answer?.ok === false ? (answer.values ?? {}) : {}
	const described = (field: string, withHint = false) => [withHint ? id(`${field}-hint`) : '', errors[field] ? id(`${field}-errors`) : ''].filter(Boolean).join(' ') || undefined
	return (
		<Form method="post" aria-labelledby={id('title')} className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
			<h3 id={id('title')} className="font-semibold">
				Register as {role}
			</h3>
			<input type="hidden" name="intent" value="register" />
			<input type="hidden" name="role" value={role} />
			{answer?.ok === false ? (
				<p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800">
					{answer.message}
				</p>
			) : null}
			<ErrorList errors={errors.role} />
			<div>
				<label htmlFor={id('motivation')} className={label}>
					Motivation (optional)
				</label>
				<textarea
					id={id('motivation')}
					name="motivation"
					rows={3}
					maxLength={MOTIVATION_MAX_LENGTH}
					defaultValue={values.motivation}
					aria-invalid={errors.motivation ? true : undefined}
					aria-describedby={described('motivation')}
					className={inputClass}
				/>
				<ErrorList id={id('motivation-errors')} errors={errors.motivation} />
			</div>
			{role === 'mentor' ? (
				<div>
					<label htmlFor={id('capacity')} className={label}>
						Capacity for this programme (optional)
					</label>
					<p id={id('capacity-hint')} className={hint}>
						How many mentees at once here. Left empty, your profile's capacity applies{option.dossierCapacity !== null ? ` (${option.dossierCapacity})` : ''}.
					</p>
					<input
						id={id('capacity')}
						name="capacity"
						type="number"
						inputMode="numeric"
						min={1}
						max={MAX_REGISTRATION_CAPACITY}
						defaultValue={values.capacity}
						aria-invalid={errors.capacity ? true : undefined}
						aria-describedby={described('capacity', true)}
						className={inputClass}
					/>
					<ErrorList id={id('capacity-errors')} errors={errors.capacity} />
				</div>
			) : null}
			<div>
				<label htmlFor={id('managerEmail')} className={label}>
					Manager's email{managerValidation ? '' : ' (optional)'}
				</label>
				{managerValidation ? (
					<p id={id('managerEmail-hint')} className={hint}>
						This programme asks your manager to validate your engagement: they are emailed a link.
					</p>
				) : null}
				<input
					id={id('managerEmail')}
					name="managerEmail"
					type="email"
					autoComplete="off"
					required={managerValidation}
					defaultValue={values.managerEmail}
					aria-invalid={errors.managerEmail ? true : undefined}
					aria-describedby={described('managerEmail', managerValidation)}
					className={inputClass}
				/>
				<ErrorList id={id('managerEmail-errors')} errors={errors.managerEmail} />
			</div>
			<div>
				<label htmlFor={id('partnerEmail')} className={label}>
					Partner contact's email (optional)
				</label>
				<p id={id('partnerEmail-hint')} className={hint}>
					Where you volunteer through a partner organisation, its contact may confirm your participation.
				</p>
				<input
					id={id('partnerEmail')}
					name="partnerEmail"
					type="email"
					autoComplete="off"
					defaultValue={values.partnerEmail}
					aria-invalid={errors.partnerEmail ? true : undefined}
					aria-describedby={described('partnerEmail', true)}
					className={inputClass}
				/>
				<ErrorList id={id('partnerEmail-errors')} errors={errors.partnerEmail} />
			</div>
			<button type="submit" disabled={busy} className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto">
				Register as {role}
			</button>
		</Form>
	)
}
