import { type LoaderFunctionArgs } from '@remix-run/node'
import { calendarFeedFor } from '~/services/calendar-feed.server'
import { now } from '~/utils/clock.server'

/** GET /calendar/<token>.ics: a person's private feed; any other token (or none) is simply not there. */
export async function loader({ params }: LoaderFunctionArgs) {
	const match = /^(.+)\.ics$/.exec(params.token ?? '')
	const ics = match ? await calendarFeedFor(match[1]!, now()) : null
	if (!ics) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
	return new Response(ics, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': 'inline; filename="mentora.ics"',
			// The token is a secret: no shared cache may keep the answer.
			'Cache-Control': 'private, max-age=300',
		},
	})
}
