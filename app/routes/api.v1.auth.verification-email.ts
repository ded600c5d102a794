import { type ActionFunctionArgs } from '@remix-run/node'
import { resendVerificationEmail } from '~/services/email-verification.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

export const loader = () => methodNotAllowed(['POST'])

/** Sends the caller another email-confirmation link: 202; 409 already_verified; 429 rate_limited. */
export const action = ({ request, context }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const user = await requireUser(request, context)
		const { email } = await resendVerificationEmail({ userId: user.id, now: now() })
		return Response.json({ sent: true, email }, { status: 202 })
	})
