import { type ActionFunctionArgs } from '@remix-run/node'
import { AssignmentUpdateSchema } from '~/rules/workspace-goals'
import { markAssignment } from '~/services/learning-assignments.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

export const loader = () => methodNotAllowed(['PATCH'])

/**
 * The mentee marks a learning assignment done (`{ done: true, note? }`) or reopens it
 * (`{ done: false }`): 200 { assignment }; 403 not_allowed for the mentor; 404 for anyone else;
 * 409 invalid_transition when it is already so, or once the relationship ended.
 */
export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'PATCH') return methodNotAllowed(['PATCH'])
		const user = await requireUser(request, context)
		const change = await readJson(request, AssignmentUpdateSchema)
		const assignment = await markAssignment({ viewer: user, assignmentId: params.id ?? '', change, now: now() })
		return Response.json({ assignment })
	})
