import { getCollectionProps, type FieldMetadata } from '@conform-to/react'
import { type ReactNode, useId } from 'react'
import { InputField, TextareaField } from '~/components/forms'
import { MAX_SUBJECTS } from '~/rules/dossier'

/** Form pieces of the profile page: the dossier sections a mentor and a mentee fill in. */

type Subject = { slug: string; name: string }
// Conform's metadata for one dossier field; the value type does not matter to the markup.
type AnyField = FieldMetadata<unknown, Record<string, unknown>, string[]>

export function SubjectsField({ field, subjects, legend }: { field: AnyField; subjects: Subject[]; legend: string }) {
	const options = getCollectionProps(field, { type: 'checkbox', options: subjects.map((s) => s.slug) })
	const names = new Map(subjects.map((s) => [s.slug, s.name]))
	return (
		<fieldset aria-describedby={`${field.descriptionId}${field.errors ? ` ${field.errorId}` : ''}`}>
			<legend className="text-sm font-medium text-slate-800">{legend}</legend>
			<p id={field.descriptionId} className="mt-0.5 text-sm text-slate-600">
				Choose up to {MAX_SUBJECTS}.
			</p>
			<div className="mt-2 grid gap-x-4 gap-y-2 sm:grid-cols-2 lg:grid-cols-3">
				{options.map(({ key, ...props }) => (
					<label key={key} htmlFor={props.id} className="flex items-center gap-2 text-sm">
						<input {...props} className="h-4 w-4 accent-brand-600" />
						{names.get(props.value)}
					</label>
				))}
			</div>
			{field.errors ? (
				<p id={field.errorId} className="mt-1 text-sm text-red-700">
					{field.errors.join(' ')}
				</p>
			) : null}
		</fieldset>
	)
}

export function NumberField({ field, label, hint }: { field: AnyField; label: string; hint: string }) {
	return <InputField field={field} label={label} hint={hint} type="number" inputMode="numeric" step={1} className="max-w-32" />
}

/** Background fields both dossiers share (PRODUCT.md: matching compares them). */
export function BackgroundFields({ fields }: { fields: Record<'industry' | 'role' | 'department' | 'location' | 'languages' | 'yearsExperience' | 'workHistory', AnyField> }) {
	return (
		<div className="grid gap-5 sm:grid-cols-2">
			<InputField field={fields.industry} label="Industry" hint="For example: Software, Fintech." />
			<InputField field={fields.role} label="Role" hint="Your job title." autoComplete="organization-title" />
			<InputField field={fields.department} label="Department" hint="For example: Platform, Design." />
			<InputField field={fields.location} label="Location" hint="City and country." />
			<InputField field={fields.languages} label="Languages" hint="Separate with commas, e.g. English, German." />
			<NumberField field={fields.yearsExperience} label="Years of experience" hint="0 to 70." />
			<div className="sm:col-span-2">
				<TextareaField field={fields.workHistory} label="Work history" hint="Up to 2000 characters." rows={3} />
			</div>
		</div>
	)
}

export function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
	const id = useId()
	return (
		<section aria-labelledby={id} className="space-y-5 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
			<div>
				<h2 id={id} className="text-lg font-semibold">
					{title}
				</h2>
				<p className="text-sm text-slate-600">{description}</p>
			</div>
			{children}
		</section>
	)
}
