import { Form } from '@remix-run/react'
import { type ReactNode } from 'react'
import { inputClass } from '~/components/forms'
import { Markdown } from '~/components/markdown'
import { DEFAULT_MATCH_WEIGHTS, MAX_MATCH_WEIGHT } from '~/rules/matching'
import { WEIGHT_PARTS, type ProgrammeFormValues } from '~/rules/programme-form'
import { METRIC_LABELS } from '~/rules/programme-report'
import { REPORT_METRICS } from '../../db/schema/programmes'
import { DEFAULT_LAPSE_DAYS, MAX_GROUP_SIZE, MAX_LAPSE_DAYS, PROGRAMME_DESCRIPTION_MAX_LENGTH, PROGRAMME_NAME_MAX_LENGTH, PROGRAMME_SLUG_MAX_LENGTH } from '~/rules/programmes'

/**
 * Every parameter of a programme in one plain form (it works without JavaScript): the new
 * programme page and its settings page. Errors sit beside their fields; values come back as typed.
 */

export type FieldErrors = Record<string, string[] | undefined>

const MODES = [
	['self', 'Self', 'Mentees pick a mentor from their recommendations and ask them.'],
	['admin', 'Admin', 'Coordinators run the cohort assignment for everyone at once, review it and apply it.'],
	['facilitator', 'Facilitator', 'Coordinators propose pairs one by one.'],
] as const

const WEIGHT_LABELS: Record<(typeof WEIGHT_PARTS)[number], [string, string]> = {
	subjects: ['Subjects', 'the share of the mentee’s subjects the mentor offers'],
	background: ['Background', 'the same industry, role, department and location'],
	timeZone: ['Time zone', 'working hours that overlap: full within 2 hours, nothing at 10 hours apart'],
	seniority: ['Seniority', 'a mentor with more years of experience than the mentee'],
}

const errorId = (name: string) => `${name.replace(/\W/g, '-')}-error`
const hintId = (name: string) => `${name.replace(/\W/g, '-')}-hint`

function describedBy(name: string, errors: FieldErrors, hint?: ReactNode) {
	return [hint ? hintId(name) : null, errors[name]?.length ? errorId(name) : null].filter(Boolean).join(' ') || undefined
}

function Errors({ name, errors }: { name: string; errors: FieldErrors }) {
	const list = errors[name] ?? []
	if (list.length === 0) return null
	return (
		<ul id={errorId(name)} className="mt-1 space-y-0.5 text-sm text-red-700">
			{list.map((e) => (
				<li key={e}>{e}</li>
			))}
		</ul>
	)
}

function Labelled({ name, label, hint, errors, children }: { name: string; label: string; hint?: ReactNode; errors: FieldErrors; children: ReactNode }) {
	return (
		<div>
			<label htmlFor={name} className="block text-sm font-medium text-slate-800">
				{label}
			</label>
			{hint ? (
				<p id={hintId(name)} className="mt-0.5 text-sm text-slate-600">
					{hint}
				</p>
			) : null}
			<div className="mt-1">{children}</div>
			<Errors name={name} errors={errors} />
		</div>
	)
}

function TextInput(props: { name: string; label: string; hint?: ReactNode; errors: FieldErrors; value: string; type?: 'text' | 'number'; maxLength?: number; min?: number; max?: number; required?: boolean }) {
	const { name, errors, value, type = 'text', hint } = props
	return (
		<Labelled name={name} label={props.label} hint={hint} errors={errors}>
			<input
				id={name}
				name={name}
				type={type}
				defaultValue={value}
				maxLength={props.maxLength}
				min={props.min}
				max={props.max}
				step={type === 'number' ? 1 : undefined}
				inputMode={type === 'number' ? 'numeric' : undefined}
				required={props.required}
				aria-invalid={errors[name]?.length ? true : undefined}
				aria-describedby={describedBy(name, errors, hint)}
				className={`${inputClass} ${type === 'number' ? 'max-w-40' : ''}`}
			/>
		</Labelled>
	)
}

function ListInput({ name, label, hint, errors, value }: { name: string; label: string; hint: string; errors: FieldErrors; value: string }) {
	return (
		<Labelled name={name} label={label} hint={hint} errors={errors}>
			<textarea id={name} name={name} rows={2} defaultValue={value} aria-invalid={errors[name]?.length ? true : undefined} aria-describedby={describedBy(name, errors, hint)} className={inputClass} />
		</Labelled>
	)
}

function Fieldset({ legend, hint, name, errors, children }: { legend: string; hint?: ReactNode; name: string; errors: FieldErrors; children: ReactNode }) {
	return (
		<fieldset aria-describedby={describedBy(name, errors, hint)} className="space-y-2">
			<legend className="text-sm font-medium text-slate-800">{legend}</legend>
			{hint ? (
				<p id={hintId(name)} className="text-sm text-slate-600">
					{hint}
				</p>
			) : null}
			{children}
			<Errors name={name} errors={errors} />
		</fieldset>
	)
}

export function ProgrammeForm({
	values,
	errors,
	withSlug,
	submitLabel,
	preview,
	busy,
}: {
	values: ProgrammeFormValues
	errors: FieldErrors
	withSlug: boolean
	submitLabel: string
	/** Markdown to show under the description: the saved one, or the one just previewed. */
	preview: { source: string; label: string } | null
	busy: boolean
}) {
	return (
		<Form method="post" aria-label="Programme settings" className="space-y-6 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
			{/* Enter in a field submits with the form's first button: make that one save, not preview. */}
			<button type="submit" name="intent" value="save" tabIndex={-1} aria-hidden="true" className="sr-only">
				{submitLabel}
			</button>
			<div className="grid gap-5 sm:grid-cols-2">
				<TextInput name="name" label="Name" errors={errors} value={values.name} maxLength={PROGRAMME_NAME_MAX_LENGTH} required />
				{withSlug ? (
					<TextInput
						name="slug"
						label="Slug"
						hint="Its address: /programmes/<slug>. Lowercase letters, digits and hyphens; it never changes."
						errors={errors}
						value={values.slug}
						maxLength={PROGRAMME_SLUG_MAX_LENGTH}
						required
					/>
				) : null}
			</div>

			<div className="space-y-2">
				<Labelled name="description" label="Description and content" hint="Markdown: **bold**, lists, [links](https://example.org). No HTML or images." errors={errors}>
					<textarea
						id="description"
						name="description"
						rows={8}
						defaultValue={values.description}
						maxLength={PROGRAMME_DESCRIPTION_MAX_LENGTH}
						aria-invalid={errors.description?.length ? true : undefined}
						aria-describedby={describedBy('description', errors, true)}
						className={`${inputClass} font-mono`}
					/>
				</Labelled>
				<button type="submit" name="intent" value="preview" className="rounded-md px-3 py-1.5 text-sm font-semibold text-brand-700 ring-1 ring-brand-600">
					Preview
				</button>
				{preview ? (
					<section aria-label={preview.label} className="rounded-md border border-slate-200 bg-slate-50 p-3">
						<h3 className="mb-2 text-sm font-semibold text-slate-600">{preview.label}</h3>
						{preview.source.trim() ? <Markdown source={preview.source} /> : <p className="text-sm text-slate-600">No description yet.</p>}
					</section>
				) : null}
			</div>

			<Fieldset legend="Audience" name="audience" hint="Who may register. Every list left empty admits everyone on that count; a filled list must match." errors={errors}>
				<Fieldset legend="Roles" name="audience.roles" hint="None ticked: mentors and mentees." errors={errors}>
					<div className="flex gap-4">
						{(['mentor', 'mentee'] as const).map((role) => (
							<label key={role} className="flex items-center gap-2 text-sm">
								<input type="checkbox" name="audience.roles" value={role} defaultChecked={values.roles.includes(role)} className="h-4 w-4 accent-brand-600" />
								{role === 'mentor' ? 'Mentors' : 'Mentees'}
							</label>
						))}
					</div>
				</Fieldset>
				<div className="grid gap-5 sm:grid-cols-3">
					<ListInput name="audience.departments" label="Departments" hint="One per line or separated by commas; empty: every department." errors={errors} value={values.departments} />
					<ListInput name="audience.locations" label="Locations" hint="One per line or separated by commas; empty: every location." errors={errors} value={values.locations} />
					<ListInput name="audience.emailDomains" label="Email domains" hint="Such as example.org (admits its subdomains); empty: every address." errors={errors} value={values.emailDomains} />
				</div>
			</Fieldset>

			<div className="grid gap-5 sm:grid-cols-2">
				<TextInput name="groupSize" label="Group size" type="number" hint={`Mentees per mentor: 1 is one-to-one, up to ${MAX_GROUP_SIZE} is a group.`} errors={errors} value={values.groupSize} min={1} max={MAX_GROUP_SIZE} />
				<TextInput
					name="lapseDays"
					label="Lapse days"
					type="number"
					hint={`Days without a session before a relationship counts as lapsed (default ${DEFAULT_LAPSE_DAYS}, at most ${MAX_LAPSE_DAYS}).`}
					errors={errors}
					value={values.lapseDays}
					min={1}
					max={MAX_LAPSE_DAYS}
				/>
				<TextInput name="timeZone" label="Time zone" hint="The IANA zone the programme's exports tell dates in, e.g. Europe/Berlin." errors={errors} value={values.timeZone} />
			</div>

			<Fieldset legend="Matching mode" name="matchingMode" errors={errors}>
				{MODES.map(([mode, label, explanation]) => (
					<label key={mode} className="flex items-start gap-2 text-sm">
						<input type="radio" name="matchingMode" value={mode} defaultChecked={values.matchingMode === mode} className="mt-0.5 h-4 w-4 accent-brand-600" />
						<span>
							<span className="font-medium">{label}</span>: {explanation}
						</span>
					</label>
				))}
			</Fieldset>

			<div>
				<label className="flex items-start gap-2 text-sm">
					<input type="checkbox" name="managerValidation" defaultChecked={values.managerValidation} aria-describedby={hintId('managerValidation')} className="mt-0.5 h-4 w-4 accent-brand-600" />
					<span className="font-medium">Manager validation</span>
				</label>
				<p id={hintId('managerValidation')} className="mt-0.5 text-sm text-slate-600">
					Each participant names their manager at registration, who approves the engagement period from a link in their email.
				</p>
				<Errors name="managerValidation" errors={errors} />
			</div>

			<Fieldset
				legend="Matching weights"
				name="weights"
				hint={`The most points each part of the match score can earn, whole numbers from 0 to ${MAX_MATCH_WEIGHT}; 0 leaves a part out. Leave a field empty for its default.`}
				errors={errors}
			>
				<div className="grid gap-5 sm:grid-cols-2">
					{WEIGHT_PARTS.map((part) => (
						<TextInput
							key={part}
							name={`weights.${part}`}
							label={WEIGHT_LABELS[part][0]}
							type="number"
							hint={`Weighs ${WEIGHT_LABELS[part][1]}. Default ${DEFAULT_MATCH_WEIGHTS[part]}.`}
							errors={errors}
							value={values.weights[part]}
							min={0}
							max={MAX_MATCH_WEIGHT}
						/>
					))}
				</div>
			</Fieldset>

			<Fieldset legend="Report" name="reportMetrics" hint="The metrics the programme's report shows, each as a chart with its table. None ticked: the defaults." errors={errors}>
				<div className="grid gap-2 sm:grid-cols-2">
					{REPORT_METRICS.map((metric) => (
						<label key={metric} className="flex items-center gap-2 text-sm">
							<input type="checkbox" name="reportMetrics" value={metric} defaultChecked={values.reportMetrics.includes(metric)} className="h-4 w-4 accent-brand-600" />
							{METRIC_LABELS[metric]}
						</label>
					))}
				</div>
			</Fieldset>

			<button
				type="submit"
				name="intent"
				value="save"
				disabled={busy}
				className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
			>
				{submitLabel}
			</button>
		</Form>
	)
}
