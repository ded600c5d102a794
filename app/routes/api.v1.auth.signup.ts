import { type ActionFunctionArgs } from '@remix-run/node'
import { signUp, toApiUser } from '~/services/accounts.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { loginCookies } from '~/utils/session.server'
import { SignupSchema } from '~/utils/validation'

export const loader = () => methodNotAllowed(['POST'])

export const action = ({ request, context }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const input = await readJson(request, SignupSchema)
		const signedUp = await signUp(input, { ip: context.ip, now: now() })
		return Response.json(
			{ user: toApiUser(signedUp.user) },
			{ status: 201, headers: loginCookies(signedUp) },
		)
	})
