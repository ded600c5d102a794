import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { deleteSession } from '~/services/auth-sessions.server'
import { clearedSessionCookie, getSession } from '~/utils/session.server'

/** Logging out changes state, so it is a POST; a visit to /logout just goes home. */
export async function loader() {
	return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	// No context: a session about to be deleted must not be renewed on the way out.
	const session = await getSession(request)
	if (session) await deleteSession(session.sessionId)
	return redirect('/', { headers: { 'Set-Cookie': clearedSessionCookie() } })
}
