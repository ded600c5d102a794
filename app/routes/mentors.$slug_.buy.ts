import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { startBundlePurchase } from '~/services/bundle-purchase.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'
import { readFormData } from '~/utils/form.server'

/** POST /mentors/:slug/buy: starts Stripe Checkout for one of the mentor's offers and sends the mentee there. */

export const loader = ({ params }: LoaderFunctionArgs) => redirect(`/mentors/${params.slug ?? ''}`)

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireUser(request, context)
	const parsed = z.object({ offerId: z.string().uuid() }).safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) return data({ error: 'Choose a bundle to buy.' }, { status: 400 })
	try {
		const { checkoutUrl } = await startBundlePurchase({ menteeId: user.id, offerId: parsed.data.offerId, now: now() })
		return redirect(checkoutUrl)
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ error: error.message }, { status: error.status })
	}
}
