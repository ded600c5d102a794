import { type LoaderFunctionArgs } from '@remix-run/node'
import { listWorkspaces } from '~/services/messages.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { getEnv } from '~/utils/env.server'
import { requireUser } from '~/utils/session.server'

/** GET the caller's relationships: status, programme, the two people, unread, last contact, tracking address. */

export const loader = ({ request, context }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const user = await requireUser(request, context)
		return Response.json({ relationships: await listWorkspaces(user.id, getEnv().MENTORA_INBOUND_DOMAIN) }, { headers: { 'Cache-Control': 'private, no-store' } })
	})

export const action = () => methodNotAllowed(['GET'])
