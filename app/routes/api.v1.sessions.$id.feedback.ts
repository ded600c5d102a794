import { type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { FeedbackSchema } from '~/rules/feedback'
import { giveFeedback } from '~/services/session-feedback.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'

export const loader = () => methodNotAllowed(['POST'])

/** Rates a completed session: 201 { feedback }; 409 already_given or not_completed; 403 for anyone but its two people. */
export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		const sessionId = z.string().uuid().safeParse(params.id)
		if (!sessionId.success) throw new DomainError('not_found', 'That session does not exist.')
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const user = await requireUser(request, context)
		const input = await readJson(request, FeedbackSchema)
		const feedback = await giveFeedback({ ...input, sessionId: sessionId.data, raterId: user.id, now: now() })
		return Response.json({ feedback }, { status: 201 })
	})
