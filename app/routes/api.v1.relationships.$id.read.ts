import { type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { readUpTo } from '~/services/messages.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

/** POST `{ upTo: itemId }`: the caller has read up to that message or email; answers `{ unread }`. */

const ReadSchema = z.object({ upTo: z.string({ required_error: 'Name the message or email read up to.' }).min(1, 'Name the message or email read up to.') })

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const user = await requireUser(request, context)
		const { upTo } = await readJson(request, ReadSchema)
		return Response.json({ unread: await readUpTo({ viewer: user, relationshipId: params.id ?? '', upTo, now: now() }) })
	})

export const loader = () => methodNotAllowed(['POST'])
