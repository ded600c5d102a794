import { parseWithZod } from '@conform-to/zod'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { IntroBookingSchema } from '~/components/intro-booking'
import { bookAtSlot } from '~/services/bookings-api.server'
import { now } from '~/utils/clock.server'
import { apiError } from '~/utils/api.server'
import { DomainError, isDomainError } from '~/utils/errors'
import { withToast } from '~/utils/flash.server'
import { formatRange } from '~/utils/format-time'
import { requireUser } from '~/utils/session.server'
import { readFormData } from '~/utils/form.server'

/**
 * POST /mentors/:slug/book: the intro form of a mentor's public page. A route of its own, so the
 * profile page stays the profile's; the page posts here with a fetcher and shows the answer. A
 * refusal answers its 4xx with the shared error shape, and Conform's form state beside it.
 */

function fieldMessages(errors: Record<string, string[] | null> | null | undefined): Record<string, string[]> {
	return Object.fromEntries(Object.entries(errors ?? {}).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])))
}

export const loader = ({ params }: LoaderFunctionArgs) => redirect(`/mentors/${params.slug ?? ''}`)

export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context)
	const submission = parseWithZod(await readFormData(request), { schema: IntroBookingSchema })
	if (submission.status !== 'success') {
		const refusal = new DomainError('invalid_form', 'Some fields are missing or invalid.', fieldMessages(submission.error))
		return apiError(refusal, { result: submission.reply() })
	}
	const { start, ...introForm } = submission.value
	try {
		const booking = await bookAtSlot({ menteeId: user.id, mentorSlug: params.slug ?? '', type: 'intro', start, introForm, now: now() })
		const when = formatRange(booking.start, booking.end, user.timeZone)
		const message = `Intro requested with ${booking.mentor.name} for ${when}. ${booking.mentor.name} will accept or decline before it starts; you will get an email either way.`
		return redirect('/sessions?role=mentee', { headers: withToast({ kind: 'success', message }) })
	} catch (error) {
		if (!isDomainError(error)) throw error
		// The service's sentence (slot taken meanwhile, quota, …) goes above the form; its field messages onto the fields.
		return apiError(error, { result: submission.reply({ formErrors: [error.message], fieldErrors: error.fields }) })
	}
}
