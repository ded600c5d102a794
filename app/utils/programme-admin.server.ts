import { type AppLoadContext } from '@remix-run/node'
import { getProgramme, type ProgrammeView } from '~/services/programmes.server'
import { isDomainError } from './errors'
import { requireUser } from './session.server'

/**
 * The guard of a programme's admin pages (registrations, matching): the signed-in viewer must see
 * the programme (else 404, as if it did not exist: slugs are guessable) and administer it, as an
 * admin or one of its coordinators (else 403). Thrown as Responses, like requireAdmin.
 */
export async function requireProgrammeAdmin(request: Request, context: AppLoadContext, slug: string | undefined) {
	const user = await requireUser(request, context)
	let programme: ProgrammeView
	try {
		programme = await getProgramme(user, slug ?? '')
	} catch (error) {
		if (isDomainError(error) && error.code === 'not_found') throw new Response(error.message, { status: 404, statusText: 'Not Found' })
		throw error
	}
	if (!user.isAdmin && !programme.coordinators.some((c) => c.id === user.id)) {
		throw new Response("Only admins and this programme's coordinators can do this.", { status: 403, statusText: 'Forbidden' })
	}
	return { user, programme }
}
