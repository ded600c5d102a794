import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { safeRedirectPath } from '~/rules/safe-redirect'
import { resendVerificationEmail } from '~/services/email-verification.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { withToast } from '~/utils/flash.server'
import { readFormData } from '~/utils/form.server'
import { requireUser } from '~/utils/session.server'

/** POST /verify-email (the link's page, /verify-email/<token>, is verify-email_.$token.tsx, not nested in this one): sends the signed-in person another confirmation link, then back where they were. */
export async function loader() {
	return redirect('/dashboard')
}

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireUser(request, context)
	const formData = await readFormData(request)
	const back = safeRedirectPath(formData.get('redirectTo'))
	try {
		const { email } = await resendVerificationEmail({ userId: user.id, now: now() })
		return redirect(back, { headers: withToast({ kind: 'success', message: `A new confirmation link is on its way to ${email}.` }) })
	} catch (error) {
		if (!isDomainError(error)) throw error
		if (error.code !== 'already_verified' && error.code !== 'rate_limited') throw error
		return redirect(back, { headers: withToast({ kind: 'info', message: error.message }) })
	}
}
