import { type LoaderFunctionArgs } from '@remix-run/node'
import { DateTime } from 'luxon'
import { z } from 'zod'
import { SESSION_TYPES } from '../../db/schema/bookings'
import { MAX_BOOKING_WINDOW_DAYS } from '~/rules/availability'
import { MAX_SLOT_RANGE_DAYS } from '~/rules/slots'
import { listMentorSlots } from '~/services/calendars.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DomainError } from '~/utils/errors'
import { fieldErrors, TimeZoneSchema } from '~/utils/validation'

/** Public: the slots a mentor offers, as UTC instants; pages show them in the viewer's zone. */

const DAY_MS = 24 * 60 * 60_000
const DEFAULT_RANGE_MS = 14 * DAY_MS

const InstantSchema = z
	.string()
	.transform((value, ctx) => {
		// Without an offset an instant would mean a different moment on every server; read it as UTC.
		const parsed = DateTime.fromISO(value, { zone: 'utc' })
		// Years past 9999 parse, but a range from them overflows a JavaScript Date (a 500 otherwise).
		if (!parsed.isValid || parsed.year < 1970 || parsed.year > 9999) {
			ctx.addIssue({ code: 'custom', message: 'Use an ISO 8601 instant, e.g. 2027-03-01T09:00:00Z.' })
			return z.NEVER
		}
		return parsed.toJSDate()
	})
	.optional()

const SlotsQuerySchema = z.object({
	type: z.enum(SESSION_TYPES, { errorMap: () => ({ message: 'The type is intro or paid.' }) }).default('intro'),
	from: InstantSchema,
	to: InstantSchema,
	tz: TimeZoneSchema.optional(),
})

export const loader = ({ request, params }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const url = new URL(request.url)
		const parsed = SlotsQuerySchema.safeParse(Object.fromEntries(url.searchParams))
		if (!parsed.success) throw new DomainError('validation_failed', 'Some query parameters are invalid.', fieldErrors(parsed.error))
		const at = now()
		const from = parsed.data.from ?? at
		const to = parsed.data.to ?? new Date(from.getTime() + DEFAULT_RANGE_MS)
		if (!(to > from)) throw new DomainError('validation_failed', 'The range must end after it starts.', { to: ['Choose an end after the start.'] })
		if (from.getTime() > at.getTime() + MAX_BOOKING_WINDOW_DAYS * DAY_MS) {
			throw new DomainError('validation_failed', `No calendar opens bookings more than ${MAX_BOOKING_WINDOW_DAYS} days ahead.`, {
				from: [`Choose a start at most ${MAX_BOOKING_WINDOW_DAYS} days from now.`],
			})
		}
		if (to.getTime() - from.getTime() > MAX_SLOT_RANGE_DAYS * DAY_MS) {
			throw new DomainError('range_too_large', `Ask for at most ${MAX_SLOT_RANGE_DAYS} days of slots at once.`, {
				to: [`Choose an end at most ${MAX_SLOT_RANGE_DAYS} days after the start.`],
			})
		}
		const { slots, truncated } = await listMentorSlots({ mentorSlug: params.slug ?? '', type: parsed.data.type, from, to, now: at })
		return Response.json({
			type: parsed.data.type,
			from: from.toISOString(),
			to: to.toISOString(),
			...(parsed.data.tz ? { timeZone: parsed.data.tz } : {}),
			slots: slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() })),
			// At most MAX_SLOTS_PER_QUERY slots, the earliest; ask again from the last one's end for the rest.
			truncated,
		})
	})

export const action = () => methodNotAllowed(['GET'])
