import { type ActionFunctionArgs } from '@remix-run/node'
import { AssignmentCreateSchema } from '~/rules/workspace-goals'
import { assignLearning } from '~/services/learning-assignments.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

export const loader = () => methodNotAllowed(['POST'])

/**
 * The mentor suggests or assigns a learning item: 201 { assignment }; 403 not_allowed for the
 * mentee; 404 for anyone else; 409 invalid_transition once the relationship ended.
 */
export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const user = await requireUser(request, context)
		const assignment = await readJson(request, AssignmentCreateSchema)
		const created = await assignLearning({ viewer: user, relationshipId: params.id ?? '', assignment, now: now() })
		return Response.json({ assignment: created }, { status: 201 })
	})
