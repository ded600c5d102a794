import { getInputProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { type InputHTMLAttributes, type ReactNode, type Ref, type TextareaHTMLAttributes, useEffect, useRef, useSyncExternalStore } from 'react'

/** Shared form pieces: every control has a label, its hint and errors are tied to it by id. */

export const inputClass =
	'block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand-600 aria-[invalid=true]:border-red-700 sm:text-sm'

/*
 * Errors must not move targets under the pointer. A field is validated when it loses focus, and
 * it loses focus when the pointer presses the next control: an error appearing then pushes that
 * control away before the press is released, and the click is lost. So while a pointer is down,
 * error lists keep what they showed; they update once the press has become its click.
 * Keyboard users are not held up: no pointer is down when Tab moves focus.
 */
let pointerDown = false
const pressListeners = new Set<() => void>()
const notifyPress = () => pressListeners.forEach((listener) => listener())
const onPointerDown = () => {
	pointerDown = true
	notifyPress()
}
// The click is dispatched right after pointerup in the same task, so a timeout lets it land first.
const onPointerUp = () =>
	setTimeout(() => {
		pointerDown = false
		notifyPress()
	}, 0)

function subscribeToPress(listener: () => void) {
	if (pressListeners.size === 0) {
		window.addEventListener('pointerdown', onPointerDown, true)
		window.addEventListener('pointerup', onPointerUp, true)
		window.addEventListener('pointercancel', onPointerUp, true)
	}
	pressListeners.add(listener)
	return () => {
		pressListeners.delete(listener)
		if (pressListeners.size > 0) return
		window.removeEventListener('pointerdown', onPointerDown, true)
		window.removeEventListener('pointerup', onPointerUp, true)
		window.removeEventListener('pointercancel', onPointerUp, true)
	}
}

/** The errors to show: the latest ones, or while a pointer is pressed, the ones shown before it. */
function useErrorsSteadyUnderPointer(errors: string[]): string[] {
	const pressed = useSyncExternalStore(
		subscribeToPress,
		() => pointerDown,
		() => false,
	)
	const shown = useRef(errors)
	if (!pressed) shown.current = errors
	return shown.current
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
	const list = useErrorsSteadyUnderPointer(errors?.filter(Boolean) ?? [])
	if (list.length === 0) return null
	return (
		<ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
			{list.map((error) => (
				<li key={error}>{error}</li>
			))}
		</ul>
	)
}

/** A form-level message (e.g. wrong password, rate limit), announced when it appears. */
export function FormError({ id, errors, children }: { id?: string; errors?: string[] | null; children?: ReactNode }) {
	const list = errors?.filter(Boolean) ?? []
	if (list.length === 0) return null
	return (
		<div id={id} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
			{list.map((error) => (
				<p key={error}>{error}</p>
			))}
			{children}
		</div>
	)
}

type FieldIds = { id: string; errorId: string; descriptionId: string; errors?: string[] }

/**
 * A label, an optional hint and the field's errors around one control. The control itself comes
 * from Conform's getInputProps & co., which set its id and point aria-describedby at the errors;
 * pass `ariaDescribedBy: field.descriptionId` there when the field has a hint.
 */
export function Field({
	field,
	label,
	hint,
	className,
	children,
}: {
	field: FieldIds
	label: string
	hint?: ReactNode
	className?: string
	children: ReactNode
}) {
	return (
		<div className={className}>
			<label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
				{label}
			</label>
			{hint ? (
				<p id={field.descriptionId} className="mt-0.5 text-sm text-slate-600">
					{hint}
				</p>
			) : null}
			<div className="mt-1">{children}</div>
			<ErrorList id={field.errorId} errors={field.errors} />
		</div>
	)
}

// Conform's metadata for any one field; the value type does not matter to the markup.
type AnyField = FieldMetadata<unknown, Record<string, unknown>, string[]>

/**
 * Conform's props carry a `key` (it remounts the control when the form resets); React wants keys
 * passed directly, not spread, hence the destructuring below.
 */
export function InputField({
	field,
	label,
	hint,
	type = 'text',
	inputRef,
	className,
	...attributes
}: {
	field: AnyField
	label: string
	hint?: string
	type?: 'text' | 'email' | 'password' | 'number' | 'search'
	inputRef?: Ref<HTMLInputElement>
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'name' | 'id' | 'defaultValue' | 'form'>) {
	const { key, ...props } = getInputProps(field, { type, ariaDescribedBy: hint ? field.descriptionId : undefined })
	return (
		<Field field={field} label={label} hint={hint}>
			<input key={key} {...props} {...attributes} ref={inputRef} className={`${inputClass} ${className ?? ''}`} />
		</Field>
	)
}

export function TextareaField({
	field,
	label,
	hint,
	rows = 4,
	...attributes
}: { field: AnyField; label: string; hint?: string } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id' | 'defaultValue' | 'form'>) {
	const { key, ...props } = getTextareaProps(field, { ariaDescribedBy: hint ? field.descriptionId : undefined })
	return (
		<Field field={field} label={label} hint={hint}>
			<textarea key={key} {...props} {...attributes} rows={rows} className={inputClass} />
		</Field>
	)
}

export function SubmitButton({ children, pending }: { children: ReactNode; pending?: boolean }) {
	return (
		<button
			type="submit"
			disabled={pending}
			className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
		>
			{children}
		</button>
	)
}

/**
 * A ref for a password input that is emptied whenever the server answers the form: the server
 * never sends a password back, and the browser should not keep showing a rejected one either.
 */
export function usePasswordClearedOnReply(reply: unknown) {
	const ref = useRef<HTMLInputElement>(null)
	useEffect(() => {
		if (reply && ref.current) ref.current.value = ''
	}, [reply])
	return ref
}
