import { type LoaderFunctionArgs } from '@remix-run/node'
import { readTimelineQuery } from '~/rules/workspace'
import { getTimeline } from '~/services/timeline.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { DomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'

/** GET a page of a relationship's timeline: `kind=a,b`, `q`, `before=<cursor>`, `limit` (default 50). */

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const user = await requireUser(request, context)
		const parsed = readTimelineQuery(new URL(request.url).searchParams)
		if (!parsed.ok) throw new DomainError('validation_failed', 'Some query parameters are invalid.', parsed.fields)
		const { items, nextCursor } = await getTimeline({ viewer: user, relationshipId: params.id ?? '', query: parsed.query })
		return Response.json({ items, nextCursor }, { headers: { 'Cache-Control': 'private, no-store' } })
	})

export const action = () => methodNotAllowed(['GET'])
