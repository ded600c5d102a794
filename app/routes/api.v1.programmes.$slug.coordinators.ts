import { type ActionFunctionArgs } from '@remix-run/node'
import { CoordinatorsSchema } from '~/rules/programmes'
import { setCoordinators } from '~/services/programmes.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

/** PUT the programme's coordinators, replacing those before (admins). */

export const loader = () => methodNotAllowed(['PUT'])

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'PUT') return methodNotAllowed(['PUT'])
		const user = await requireUser(request, context)
		const { userIds } = await readJson(request, CoordinatorsSchema)
		return Response.json({ programme: await setCoordinators({ actorId: user.id, slug: params.slug ?? '', userIds, now: now() }) })
	})
