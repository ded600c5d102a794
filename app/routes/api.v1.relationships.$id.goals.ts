import { type ActionFunctionArgs } from '@remix-run/node'
import { GoalCreateSchema } from '~/rules/workspace-goals'
import { setGoal } from '~/services/workspace-goals.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

export const loader = () => methodNotAllowed(['POST'])

/**
 * The mentee sets a goal: 201 { goal }; 403 not_allowed for the mentor; 404 for anyone else;
 * 409 invalid_transition once the relationship ended.
 */
export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const user = await requireUser(request, context)
		const goal = await readJson(request, GoalCreateSchema)
		const created = await setGoal({ viewer: user, relationshipId: params.id ?? '', goal, now: now() })
		return Response.json({ goal: created }, { status: 201 })
	})
