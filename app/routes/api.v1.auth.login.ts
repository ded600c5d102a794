import { type ActionFunctionArgs } from '@remix-run/node'
import { logIn, toApiUser } from '~/services/accounts.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DEVICE_COOKIE, loginCookies, readCookie } from '~/utils/session.server'
import { LoginSchema } from '~/utils/validation'

export const loader = () => methodNotAllowed(['POST'])

export const action = ({ request, context }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const input = await readJson(request, LoginSchema)
		const loggedIn = await logIn(input, { ip: context.ip, now: now(), deviceToken: readCookie(request, DEVICE_COOKIE) })
		return Response.json({ user: toApiUser(loggedIn.user) }, { headers: loginCookies(loggedIn) })
	})
