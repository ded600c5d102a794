import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { getCalendar, saveCalendar, type MentorCalendar } from '~/services/calendars.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { calendarRefusal, IntroCalendarSchema, PaidCalendarSchema } from '~/utils/availability-schema'
import { now } from '~/utils/clock.server'
import { DomainError } from '~/utils/errors'
import { requireMentor } from '~/utils/session.server'

/** GET and PUT a mentor's own intro or paid availability calendar. */

function calendarType(params: LoaderFunctionArgs['params']) {
	if (params.type === 'intro' || params.type === 'paid') return params.type
	throw new DomainError('not_found', 'There is no such calendar: use intro or paid.')
}

/** The answer has the shape of the body, so a client can GET, edit and PUT it back. */
function toJson({ type, timeZone, weekly, overrides, bufferMinutes, slotMinutes, bookingWindow, meetingLocation }: MentorCalendar) {
	const common = { timeZone, weekly, overrides, bufferMinutes, meetingLocation }
	// The intro calendar's slot length and booking window are the rulebook's, not the mentor's to set.
	return type === 'intro' ? common : { ...common, slotMinutes, bookingWindow }
}

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const mentor = await requireMentor(request, context)
		const type = calendarType(params)
		return Response.json(toJson(await getCalendar(mentor.id, type)))
	})

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'PUT') return methodNotAllowed(['GET', 'PUT'])
		const mentor = await requireMentor(request, context)
		const type = calendarType(params)
		const body = await readJson(request, z.record(z.unknown()))
		const parsed = (type === 'intro' ? IntroCalendarSchema : PaidCalendarSchema).safeParse(body)
		if (!parsed.success) throw calendarRefusal(parsed.error)
		const input = parsed.data
		return Response.json(toJson(await saveCalendar(mentor.id, type, input, now())))
	})
