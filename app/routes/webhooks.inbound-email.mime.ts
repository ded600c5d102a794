import { type ActionFunctionArgs } from '@remix-run/node'
import { receiveMailgunInbound } from '~/services/mailgun-inbound.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { now } from '~/utils/clock.server'

/**
 * The URL to give Mailgun's inbound route: Mailgun posts the raw message only to a URL ending in
 * `mime`. Answers as POST /webhooks/inbound-email does: 200 stored or already, 401 bad signature,
 * 406 refused (not retried).
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
