import { type ActionFunctionArgs } from '@remix-run/node'
import { handleStripeWebhook } from '~/services/stripe-webhooks.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { now } from '~/utils/clock.server'

/** Stripe's webhook endpoint: the raw body is what the signature covers, so it is read as text, untouched. */
export async function action({ request }: ActionFunctionArgs) {
	if (request.method !== 'POST') return methodNotAllowed(['POST'])
	return handleApi(async () => {
		const outcome = await handleStripeWebhook(await request.text(), request.headers.get('Stripe-Signature'), now())
		return Response.json({ received: true, outcome })
	})
}

export function loader() {
	return methodNotAllowed(['POST'])
}
