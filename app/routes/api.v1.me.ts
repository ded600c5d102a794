import { type LoaderFunctionArgs } from '@remix-run/node'
import { toApiUser } from '~/services/accounts.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { requireUser } from '~/utils/session.server'

export const loader = ({ request, context }: LoaderFunctionArgs) =>
	handleApi(async () => Response.json({ user: toApiUser(await requireUser(request, context)) }))

export const action = () => methodNotAllowed(['GET'])
