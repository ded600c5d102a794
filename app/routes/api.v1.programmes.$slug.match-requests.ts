import { type ActionFunctionArgs } from '@remix-run/node'
import { MatchRequestSchema } from '~/rules/match-requests'
import { requestMatch } from '~/services/programme-matching.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

/** POST asks for a match in the programme: a searching mentee for themself (`self` mode), a coordinator for any mentee. */

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const user = await requireUser(request, context)
		const body = await readJson(request, MatchRequestSchema)
		const relationship = await requestMatch({
			slug: params.slug ?? '',
			actorId: user.id,
			mentorId: body.mentor,
			menteeId: body.mentee,
			now: now(),
		})
		return Response.json({ relationship }, { status: 201 })
	})
