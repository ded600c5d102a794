import { type ActionFunctionArgs } from '@remix-run/node'
import { AssignmentRequestSchema } from '~/rules/cohort-assignments'
import { startAssignment } from '~/services/assignments.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

/** POST starts a cohort assignment run for the programme (its coordinators, admins); GET the run at /api/v1/assignments/:id. */

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const user = await requireUser(request, context)
		const inputs = await readJson(request, AssignmentRequestSchema)
		const assignment = await startAssignment({ slug: params.slug ?? '', actorId: user.id, inputs, now: now() })
		return Response.json({ assignment }, { status: 202 })
	})
