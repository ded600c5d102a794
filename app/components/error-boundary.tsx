import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

const MESSAGES: Record<number, string> = {
	403: 'You do not have access to this page.',
	404: 'We could not find that page.',
}

/** One error boundary for every route, with a sentence per status. */
export function GeneralErrorBoundary() {
	const error = useRouteError()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const detail = isRouteErrorResponse(error) ? describe(error.data) : null
	return (
		<section className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center">
			<h1 className="text-2xl font-bold">{status === 500 ? 'Something went wrong' : `Error ${status}`}</h1>
			<p className="mt-2 text-slate-700">{detail ?? MESSAGES[status] ?? 'Please try again in a moment.'}</p>
			<Link to="/" className="mt-4 inline-block text-brand-700 underline">
				Back to the home page
			</Link>
		</section>
	)
}

/** A thrown response's text, or the sentence of one in the shared error shape ({ error: { message } }). */
function describe(data: unknown): string | null {
	if (typeof data === 'string') return data
	const message = (data as { error?: { message?: unknown } } | null)?.error?.message
	return typeof message === 'string' ? message : null
}
