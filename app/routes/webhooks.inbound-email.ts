import { type ActionFunctionArgs } from '@remix-run/node'
import { receiveMailgunInbound } from '~/services/mailgun-inbound.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { now } from '~/utils/clock.server'

/**
 * Mail to a tracking address, posted by Mailgun's inbound route with its signature. 200 when it
 * is stored or was already; 401 on a bad signature; 406 on a refusal, which Mailgun does not retry.
 * Mailgun itself is pointed at /webhooks/inbound-email/mime, which answers the same.
 */
export async function action({ request }: ActionFunctionArgs) {
	if (request.method !== 'POST') return methodNotAllowed(['POST'])
	return handleApi(async () => {
		const received = await receiveMailgunInbound(request, now())
		return Response.json({ received: true, outcome: received.outcome })
	})
}

export function loader() {
	return methodNotAllowed(['POST'])
}
