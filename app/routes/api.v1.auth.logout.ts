import { type ActionFunctionArgs } from '@remix-run/node'
import { deleteSession } from '~/services/auth-sessions.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { clearedSessionCookie, getSession } from '~/utils/session.server'

export const loader = () => methodNotAllowed(['POST'])

/** Ends the caller's session; answering 200 without one too, so logging out twice is harmless. */
export const action = ({ request, context }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const session = await getSession(request, context)
		if (session) await deleteSession(session.sessionId)
		return Response.json({ ok: true }, { headers: { 'Set-Cookie': clearedSessionCookie() } })
	})
