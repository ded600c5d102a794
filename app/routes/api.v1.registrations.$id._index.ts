import { type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { getRegistration } from '~/services/registrations.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { DomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'

/** GET one registration: its person, the coordinators of its programme, admins. */

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const user = await requireUser(request, context)
		// A malformed id names no registration; Postgres would otherwise refuse it with a 500.
		const id = z.string().uuid().safeParse(params.id)
		if (!id.success) throw new DomainError('not_found', 'That registration does not exist.')
		return Response.json({ registration: await getRegistration({ id: id.data, actorId: user.id }) })
	})

export const action = () => methodNotAllowed(['GET'])
