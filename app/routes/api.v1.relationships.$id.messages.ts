import { type ActionFunctionArgs } from '@remix-run/node'
import { MessageSchema } from '~/rules/workspace'
import { postMessage } from '~/services/messages.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

/** POST a message to a relationship's workspace: `{ body, question?, answers? }`; one of its two people. */

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const user = await requireUser(request, context)
		const message = await readJson(request, MessageSchema)
		return Response.json({ message: await postMessage({ viewer: user, relationshipId: params.id ?? '', message, now: now() }) }, { status: 201 })
	})

export const loader = () => methodNotAllowed(['POST'])
