import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { ProgrammeUpdateSchema } from '~/rules/programmes'
import { getProgramme, updateProgramme } from '~/services/programmes.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

/** GET one programme (404 when the caller may not see it); PATCH changes it (admins, its coordinators). */

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
	handleApi(async () => Response.json({ programme: await getProgramme(await requireUser(request, context), params.slug ?? '') }))

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'PATCH') return methodNotAllowed(['GET', 'PATCH'])
		const user = await requireUser(request, context)
		const changes = await readJson(request, ProgrammeUpdateSchema)
		return Response.json({ programme: await updateProgramme({ actorId: user.id, slug: params.slug ?? '', changes, now: now() }) })
	})
