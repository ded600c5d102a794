/**
 * A field people never see or fill, but form-filling bots do. Its name looks worth filling; it
 * sits off-screen (not display:none, which bots skip) and out of the tab order and accessibility tree.
 */
export const HONEYPOT_FIELD = 'website'

export function HoneypotField() {
	return (
		<div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
			<label htmlFor="hp-website">Website (leave empty)</label>
			<input id="hp-website" name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
		</div>
	)
}

export function isHoneypotFilled(formData: FormData): boolean {
	const value = formData.get(HONEYPOT_FIELD)
	return value instanceof File || (typeof value === 'string' && value.trim() !== '')
}
