import { type LoaderFunctionArgs } from '@remix-run/node'
import { openLiveTimeline } from '~/services/timeline-stream.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { requireUser } from '~/utils/session.server'

/**
 * GET a relationship's new timeline items as Server-Sent Events: `event: item` with the item as
 * JSON for each new one, `event: changed` when something already shown changed (an edit, a
 * deletion), a comment every 25 seconds to keep proxies from closing the stream.
 */

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const user = await requireUser(request, context)
		const body = await openLiveTimeline({ viewer: user, relationshipId: params.id ?? '', signal: request.signal })
		return new Response(body, {
			headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' },
		})
	})

export const action = () => methodNotAllowed(['GET'])
