import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { ProgrammeSchema } from '~/rules/programmes'
import { createProgramme, listProgrammes } from '~/services/programmes.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

/** GET the programmes visible to the caller; POST creates one (admins). */

export const loader = ({ request, context }: LoaderFunctionArgs) =>
	handleApi(async () => Response.json({ programmes: await listProgrammes(await requireUser(request, context)) }))

export const action = ({ request, context }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST'])
		const user = await requireUser(request, context)
		const programme = await createProgramme({ actorId: user.id, programme: await readJson(request, ProgrammeSchema), now: now() })
		return Response.json({ programme }, { status: 201 })
	})
