import { Form, useLocation } from '@remix-run/react'

/** Booking waits for a confirmed address: says so, and sends the link again. */
export function VerifyEmailNotice({ email, action }: { email: string | null; action: string }) {
	const location = useLocation()
	return (
		<div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
			<p>
				Confirm your email address to {action}: follow the link we sent{email ? <> to <span className="font-medium break-all">{email}</span></> : null}.
			</p>
			<Form method="post" action="/verify-email" className="mt-2">
				<input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
				<button type="submit" className="font-semibold text-amber-950 underline">
					Send the link again
				</button>
			</Form>
		</div>
	)
}
