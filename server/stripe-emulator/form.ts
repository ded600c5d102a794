/**
 * Stripe's SDK sends bodies and list filters as `application/x-www-form-urlencoded` with bracket
 * keys (`metadata[payout_id]=…`, `line_items[0][quantity]=1`, `expand[0]=payment_intent`). This
 * turns them back into the nested objects and arrays the SDK started from.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue }
export type FormObject = { [key: string]: FormValue }

export function parseStripeForm(body: string): FormObject {
	const root: FormObject = {}
	for (const [rawKey, value] of new URLSearchParams(body)) {
		const [head, ...rest] = rawKey.split('[')
		const path = [head ?? '', ...rest.map((part) => part.replace(/\]$/, ''))]
		let node: any = root
		path.forEach((key, i) => {
			const last = i === path.length - 1
			const nextIsIndex = !last && /^\d*$/.test(path[i + 1] ?? '')
			const slot = key === '' && Array.isArray(node) ? node.length : key
			if (last) node[slot] = value
			else node = node[slot] ??= nextIsIndex ? [] : {}
		})
	}
	return root
}

export const str = (v: FormValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined)
export const int = (v: FormValue | undefined): number | undefined => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined)
export const obj = (v: FormValue | undefined): FormObject => (v && typeof v === 'object' && !Array.isArray(v) ? v : {})
export const list = (v: FormValue | undefined): FormValue[] => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : [])
export const strings = (v: FormValue | undefined): Record<string, string> =>
	Object.fromEntries(Object.entries(obj(v)).filter((e): e is [string, string] => typeof e[1] === 'string'))
