import { type LoaderFunctionArgs } from '@remix-run/node'
import { getAssignment } from '~/services/assignments.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { requireUser } from '~/utils/session.server'

/** GET one cohort assignment: its progress while it runs, then its pairs and unassigned mentees (coordinators, admins). */

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const user = await requireUser(request, context)
		return Response.json({ assignment: await getAssignment({ id: params.id ?? '', actorId: user.id }) })
	})

export const action = () => methodNotAllowed(['GET'])
