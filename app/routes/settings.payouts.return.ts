import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { refreshAccount } from '~/services/connect.server'
import { now } from '~/utils/clock.server'
import { requireMentor } from '~/utils/session.server'

/** Back from Stripe's onboarding: read the account now (its webhook may still be on the way), then show the settings. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireMentor(request, context)
	await refreshAccount(user.id, now())
	return redirect('/settings/payouts')
}
