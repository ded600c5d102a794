import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { startBundlePurchase } from '~/services/bundle-purchase.server'
import { apiError } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DomainError, isDomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'
import { readFormData } from '~/utils/form.server'

/**
 * POST /mentors/:slug/buy: starts Stripe Checkout for one of the mentor's offers and sends the mentee there.
 * A resource route: a refusal is a Response (its 4xx, the shared error shape), which the page's fetcher shows.
 */

export const loader = ({ params }: LoaderFunctionArgs) => redirect(`/mentors/${params.slug ?? ''}`)

const BuySchema = z.object({ offerId: z.string().uuid() })

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireUser(request, context)
	const parsed = BuySchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) {
		const message = 'Choose a bundle to buy.'
		return apiError(new DomainError('invalid_form', message, { offerId: [message] }))
	}
	try {
		const { checkoutUrl } = await startBundlePurchase({ menteeId: user.id, offerId: parsed.data.offerId, now: now() })
		return redirect(checkoutUrl)
	} catch (error) {
		if (!isDomainError(error)) throw error
		return apiError(error)
	}
}
