import { type ActionFunctionArgs } from '@remix-run/node'
import { GoalUpdateSchema } from '~/rules/workspace-goals'
import { updateGoal } from '~/services/workspace-goals.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

export const loader = () => methodNotAllowed(['PATCH'])

/**
 * Either person moves a goal's status, progress, title or target date: 200 { goal }; 404 for
 * anyone else; 409 invalid_transition once the relationship ended.
 */
export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'PATCH') return methodNotAllowed(['PATCH'])
		const user = await requireUser(request, context)
		const patch = await readJson(request, GoalUpdateSchema)
		const goal = await updateGoal({ viewer: user, goalId: params.id ?? '', patch, now: now() })
		return Response.json({ goal })
	})
