import { type ActionFunctionArgs } from '@remix-run/node'
import { applyAssignment } from '~/services/assignments.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

/** POST applies a ready cohort assignment: each pair becomes a pending relationship, both sides asked. */

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const user = await requireUser(request, context)
		const { assignment, relationships } = await applyAssignment({ id: params.id ?? '', actorId: user.id, now: now() })
		return Response.json({ assignment, relationships })
	})
