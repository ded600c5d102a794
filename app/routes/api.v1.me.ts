import { type LoaderFunctionArgs } from '@remix-run/node'
import { toApiUser } from '~/services/accounts.server'
import { getMentorSummary } from '~/services/profiles.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { requireUser } from '~/utils/session.server'

export const loader = ({ request, context }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const user = await requireUser(request, context)
		// A mentor also gets their public slug and capacity, which registering as a mentor starts from.
		const mentor = user.isMentor ? await getMentorSummary(user.id) : null
		return Response.json({ user: { ...toApiUser(user), ...(mentor ? { mentor } : {}) } })
	})

export const action = () => methodNotAllowed(['GET'])
