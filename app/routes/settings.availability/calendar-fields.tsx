import { getInputProps, getSelectProps, type FieldMetadata, type FormMetadata } from '@conform-to/react'
import { type ReactNode } from 'react'
import { ErrorList, InputField, inputClass } from '~/components/forms'
import { MEETING_LOCATION_MAX_LENGTH } from '~/rules/meeting-location'
import { type AvailabilityFormValues } from '~/utils/availability-form'

/** The rows of the availability form: weekly windows, blocked dates, extra windows and the settings. */

type Form = FormMetadata<AvailabilityFormValues>
type Fields = ReturnType<Form['getFieldset']>
type AnyField = FieldMetadata<unknown, Record<string, unknown>, string[]>

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

const buttonClass = 'rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50'
const removeClass = 'self-end rounded-md px-2 py-2 text-sm font-medium text-red-700 underline hover:bg-red-50'

/** A small labelled control inside a row; every row repeats its labels, so phones need no table header. */
// The minimum widths keep a day name and an HH:mm time readable on a phone; the row wraps instead.
function RowControl({ field, label, children, className = 'min-w-[5.5rem]' }: { field: AnyField; label: string; children: ReactNode; className?: string }) {
	return (
		<div className={`flex-1 ${className}`}>
			<label htmlFor={field.id} className="block text-xs font-medium text-slate-700">
				{label}
			</label>
			<div className="mt-0.5">{children}</div>
			<ErrorList id={field.errorId} errors={field.errors} />
		</div>
	)
}

function TextInput({ field, label, placeholder, type = 'text' }: { field: AnyField; label: string; placeholder?: string; type?: 'text' | 'date' }) {
	const { key, ...props } = getInputProps(field, { type })
	return (
		<RowControl field={field} label={label}>
			<input key={key} {...props} placeholder={placeholder} className={inputClass} />
		</RowControl>
	)
}

function Group({ title, hint, children }: { title: string; hint: string; children: ReactNode }) {
	return (
		<fieldset className="space-y-3 border-t border-slate-200 pt-4">
			<legend className="text-base font-semibold">{title}</legend>
			<p className="text-sm text-slate-600">{hint}</p>
			{children}
		</fieldset>
	)
}

export function CalendarFields({ form, fields, type }: { form: Form; fields: Fields; type: 'intro' | 'paid' }) {
	const weekly = fields.weekly.getFieldList()
	const blocked = fields.blocked.getFieldList()
	const extra = fields.extra.getFieldList()
	return (
		<>
			<Group title="Weekly windows" hint="Times you are free every week, in the calendar's time zone. Add several windows to a day for a break between them; 24:00 ends a window at midnight.">
				{weekly.length === 0 ? <p className="text-sm text-slate-700">No weekly windows yet: mentees see no slots.</p> : null}
				<ul className="space-y-3">
					{weekly.map((row, index) => {
						const window = row.getFieldset()
						const { key, ...weekdayProps } = getSelectProps(window.weekday)
						return (
							<li key={row.key} className="flex flex-wrap items-start gap-2 rounded-md bg-slate-50 p-2 sm:flex-nowrap">
								<RowControl field={window.weekday} label="Day" className="min-w-[9rem]">
									<select key={key} {...weekdayProps} className={inputClass}>
										{WEEKDAYS.map((name, i) => (
											<option key={name} value={i + 1}>
												{name}
											</option>
										))}
									</select>
								</RowControl>
								<TextInput field={window.start} label="From" placeholder="09:00" />
								<TextInput field={window.end} label="Until" placeholder="12:00" />
								<button {...form.remove.getButtonProps({ name: fields.weekly.name, index })} className={removeClass}>
									Remove<span className="sr-only"> window {index + 1}</span>
								</button>
							</li>
						)
					})}
				</ul>
				<ErrorList errors={fields.weekly.errors} />
				<button {...form.insert.getButtonProps({ name: fields.weekly.name, defaultValue: { weekday: 1, start: '09:00', end: '12:00' } })} className={buttonClass}>
					Add a weekly window
				</button>
			</Group>

			<Group title="Blocked dates" hint="Days off: a single date, or a range for a holiday. Blocked dates offer no slots at all.">
				<ul className="space-y-3">
					{blocked.map((row, index) => {
						const range = row.getFieldset()
						return (
							<li key={row.key} className="flex flex-wrap items-start gap-2 rounded-md bg-slate-50 p-2 sm:flex-nowrap">
								<TextInput field={range.from} label="First day" type="date" />
								<TextInput field={range.to} label="Last day (optional)" type="date" />
								<button {...form.remove.getButtonProps({ name: fields.blocked.name, index })} className={removeClass}>
									Remove<span className="sr-only"> blocked dates {index + 1}</span>
								</button>
							</li>
						)
					})}
				</ul>
				<button {...form.insert.getButtonProps({ name: fields.blocked.name, defaultValue: { from: '', to: '' } })} className={buttonClass}>
					Block dates
				</button>
			</Group>

			<Group title="Extra windows" hint="Free on a date outside your weekly windows? Add the window for that date only.">
				<ul className="space-y-3">
					{extra.map((row, index) => {
						const window = row.getFieldset()
						return (
							<li key={row.key} className="flex flex-wrap items-start gap-2 rounded-md bg-slate-50 p-2 sm:flex-nowrap">
								<TextInput field={window.date} label="Date" type="date" />
								<TextInput field={window.start} label="From" placeholder="09:00" />
								<TextInput field={window.end} label="Until" placeholder="12:00" />
								<button {...form.remove.getButtonProps({ name: fields.extra.name, index })} className={removeClass}>
									Remove<span className="sr-only"> extra window {index + 1}</span>
								</button>
							</li>
						)
					})}
				</ul>
				<button {...form.insert.getButtonProps({ name: fields.extra.name, defaultValue: { date: '', start: '09:00', end: '12:00' } })} className={buttonClass}>
					Add an extra window
				</button>
			</Group>

			<Group
				title="Where sessions happen"
				hint="A meeting link (starting with https://) or a place, told to mentees once a session is booked and in their calendar file. You can change it for a single session on My sessions."
			>
				<InputField
					field={fields.meetingLocation}
					label="Meeting link or place"
					hint="For example https://meet.example.com/your-room, or Café Central, Vienna. Leave empty for none."
					maxLength={MEETING_LOCATION_MAX_LENGTH}
					className="max-w-xl"
				/>
			</Group>

			<Group title="Settings" hint={type === 'intro' ? 'Intros last 20 minutes.' : 'Mentees book paid sessions inside this booking window.'}>
				<div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
					<InputField field={fields.bufferMinutes} label="Buffer (minutes)" hint="Free time kept around each session, 0 to 120." type="number" inputMode="numeric" />
					{type === 'paid' ? (
						<>
							<InputField field={fields.slotMinutes} label="Session length (minutes)" hint="10 to 480." type="number" inputMode="numeric" />
							<InputField field={fields.minLeadHours} label="Shortest notice (hours)" hint="Default 24." type="number" inputMode="numeric" />
							<InputField field={fields.maxLeadDays} label="Furthest ahead (days)" hint="Default 60." type="number" inputMode="numeric" />
						</>
					) : null}
				</div>
			</Group>
		</>
	)
}
