import { type ActionFunctionArgs } from '@remix-run/node'
import { MessageEditSchema } from '~/rules/workspace'
import { deleteMessage, editMessage } from '~/services/messages.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

/** PATCH (`{ body }`) or DELETE one's own message within 15 minutes of sending it. */

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'PATCH' && request.method !== 'DELETE') return methodNotAllowed(['PATCH', 'DELETE'])
		const user = await requireUser(request, context)
		if (request.method === 'DELETE') {
			await deleteMessage({ viewer: user, messageId: params.id ?? '', now: now() })
			return new Response(null, { status: 204 })
		}
		const { body } = await readJson(request, MessageEditSchema)
		return Response.json({ message: await editMessage({ viewer: user, messageId: params.id ?? '', body, now: now() }) })
	})

export const loader = () => methodNotAllowed(['PATCH', 'DELETE'])
