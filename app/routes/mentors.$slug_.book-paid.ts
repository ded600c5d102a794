import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { PaidBookingSchema, type PaidBookingAnswer } from '~/components/paid-booking'
import { availableCredits } from '~/rules/money'
import { getBundle } from '~/services/bundle-purchase.server'
import { bookAtSlot } from '~/services/bookings-api.server'
import { now } from '~/utils/clock.server'
import { apiError } from '~/utils/api.server'
import { DomainError, isDomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'
import { readFormData } from '~/utils/form.server'

/**
 * POST /mentors/:slug/book-paid: the paid booking box of a mentor's public page. The booking
 * service reserves a credit of the mentee's oldest usable bundle with the mentor; the answer says
 * which session was booked and what is left, so the page can show the credit reserved. A refusal
 * answers its 4xx with `{ ok: false, error: { code, message } }`.
 */

export const loader = ({ params }: LoaderFunctionArgs) => redirect(`/mentors/${params.slug ?? ''}`)

export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context)
	const parsed = PaidBookingSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) return apiError(new DomainError('invalid_form', 'Choose a slot.', { start: ['Choose a slot.'] }), { ok: false })
	try {
		const booking = await bookAtSlot({ menteeId: user.id, mentorSlug: params.slug ?? '', type: 'paid', start: parsed.data.start, now: now() })
		const bundle = booking.bundleId ? await getBundle(booking.bundleId) : null
		if (!bundle) throw new Error(`paid session ${booking.id} without its bundle`)
		return Response.json({
			ok: true,
			booked: {
				id: booking.id,
				start: booking.start,
				end: booking.end,
				available: availableCredits(bundle),
				creditsTotal: bundle.creditsTotal,
				creditsReserved: bundle.creditsReserved,
			},
		} satisfies PaidBookingAnswer)
	} catch (error) {
		if (!isDomainError(error)) throw error
		return apiError(error, { ok: false })
	}
}
