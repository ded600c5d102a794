import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { createOnboardingLink } from '~/services/connect.server'
import { requireMentor } from '~/utils/session.server'

/** Stripe sends the mentor here when an onboarding link expired or was used: a fresh link continues where they were. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireMentor(request, context)
	return redirect(await createOnboardingLink(user.id))
}
