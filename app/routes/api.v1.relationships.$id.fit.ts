import { type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { FitSchema } from '~/rules/relationship-fit'
import { answerFit } from '~/services/relationship-fit.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'

export const loader = () => methodNotAllowed(['POST'])

/**
 * "Is this a good fit?": 201 { fit } for a first answer, 200 for a changed one; 404 for anyone but
 * the relationship's two people (and for a relationship of no programme); 409 not_yet before its
 * first completed session, invalid_transition once it ended.
 */
export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		const relationshipId = z.string().uuid().safeParse(params.id)
		if (!relationshipId.success) throw new DomainError('not_found', 'That relationship does not exist.')
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const user = await requireUser(request, context)
		const input = await readJson(request, FitSchema)
		const { fit, created } = await answerFit({ relationshipId: relationshipId.data, raterId: user.id, answer: input.answer, now: now() })
		return Response.json({ fit }, { status: created ? 201 : 200 })
	})
