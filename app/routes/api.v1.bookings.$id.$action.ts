import { type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { DISPUTE_DECISIONS, INTRO_DECISIONS } from '../../db/schema/bookings'
import { DISPUTE_NOTE_MAX_LENGTH } from '~/rules/disputes'
import { decideDispute, disputeNoShow } from '~/services/disputes.server'
import { acceptInvitation, cancelSession, confirmSession, rejectInvitation, setAgenda } from '~/services/booking.server'
import { MeetingLocationSchema } from '~/rules/meeting-location'
import { getBookingView } from '~/services/bookings-api.server'
import { setSessionMeetingLocation } from '~/services/meeting-locations.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'

/** POST /api/v1/bookings/:id/(cancel|accept|reject|confirm|agenda|location|dispute|decide-dispute): one change to one session. */

const CancelSchema = z.object({ reason: z.string().max(2000, 'Use at most 2000 characters.').nullish() })
const AcceptSchema = z.object({})
const RejectSchema = z.object({
	reason: z.string({ required_error: 'Give a reason for declining.' }).trim().min(1, 'Give a reason for declining.').max(2000, 'Use at most 2000 characters.'),
})
const ConfirmSchema = z.object({
	outcome: z.enum(['completed', 'no_show_mentee', 'no_show_mentor'], {
		errorMap: () => ({ message: 'The outcome is completed, no_show_mentee or no_show_mentor.' }),
	}),
	decision: z.enum(INTRO_DECISIONS, { errorMap: () => ({ message: 'The decision is approve_continuation or reject.' }) }).nullish(),
})

const DisputeSchema = z.object({ note: z.string({ required_error: 'Say what happened.' }).max(DISPUTE_NOTE_MAX_LENGTH, `Use at most ${DISPUTE_NOTE_MAX_LENGTH} characters.`) })
const DecideDisputeSchema = z.object({
	decision: z.enum(DISPUTE_DECISIONS, { errorMap: () => ({ message: 'The decision is upheld or overturned.' }) }),
})

const AgendaSchema = z.object({ agenda: z.string().max(2000, 'Use at most 2000 characters.').nullable() })

/** null (or "") goes back to the calendar's default. */
const LocationSchema = z.object({ meetingLocation: MeetingLocationSchema })

const SessionIdSchema = z.string().uuid()
const ACTIONS = ['cancel', 'accept', 'reject', 'confirm', 'agenda', 'location', 'dispute', 'decide-dispute'] as const

/** Accept and an empty cancel may come without a body; anything sent must still be a JSON object. */
async function readOptionalJson<S extends z.ZodTypeAny>(request: Request, schema: S): Promise<z.infer<S>> {
	const text = await request.clone().text()
	return text.trim() === '' ? schema.parse({}) : readJson(request, schema)
}

export const loader = () => methodNotAllowed(['POST'])

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		// A malformed id names no session; Postgres would otherwise refuse it with a 500.
		const sessionId = SessionIdSchema.safeParse(params.id)
		const verb = ACTIONS.find((a) => a === params.action)
		if (!sessionId.success || !verb) throw new DomainError('not_found', 'That session does not exist.')
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const user = await requireUser(request, context)
		const change = { sessionId: sessionId.data, actorId: user.id, now: now() }
		switch (verb) {
			case 'cancel':
				await cancelSession({ ...change, reason: (await readOptionalJson(request, CancelSchema)).reason })
				break
			case 'accept':
				await readOptionalJson(request, AcceptSchema)
				await acceptInvitation(change)
				break
			case 'reject':
				await rejectInvitation({ ...change, reason: (await readJson(request, RejectSchema)).reason })
				break
			case 'confirm': {
				const input = await readJson(request, ConfirmSchema)
				await confirmSession({ ...change, outcome: input.outcome, decision: input.decision })
				break
			}
			case 'agenda':
				await setAgenda({ ...change, agenda: (await readJson(request, AgendaSchema)).agenda })
				break
			case 'location':
				await setSessionMeetingLocation({ ...change, meetingLocation: (await readJson(request, LocationSchema)).meetingLocation })
				break
			case 'dispute':
				await disputeNoShow({ ...change, note: (await readJson(request, DisputeSchema)).note })
				break
			case 'decide-dispute': {
				if (!user.isAdmin) throw new DomainError('not_allowed', 'Only an admin decides a disputed outcome.')
				const input = await readJson(request, DecideDisputeSchema)
				await decideDispute({ sessionId: change.sessionId, adminId: user.id, decision: input.decision, now: change.now })
				break
			}
		}
		return Response.json({ booking: await getBookingView(sessionId.data, user.id) })
	})
