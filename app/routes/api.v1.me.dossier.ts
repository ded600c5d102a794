import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { DossierRoleSchema, MenteeDossierApiSchema, mentorDossierApiSchema } from '~/rules/dossier-api'
import { getDossier, requireDossierRole, saveDossier } from '~/services/dossiers.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DomainError } from '~/utils/errors'
import { fieldErrors } from '~/utils/validation'
import { requireUser } from '~/utils/session.server'

/** GET · PUT /api/v1/me/dossier?role=mentor|mentee: the caller's own dossier for a role they hold. */

function roleOf(request: Request) {
	const parsed = DossierRoleSchema.safeParse({ role: new URL(request.url).searchParams.get('role') ?? undefined })
	if (!parsed.success) throw new DomainError('validation_failed', 'Say which dossier: ?role=mentor or ?role=mentee.', fieldErrors(parsed.error))
	return parsed.data.role
}

export const loader = ({ request, context }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const user = await requireUser(request, context)
		return Response.json({ dossier: await getDossier(user, roleOf(request)) })
	})

export const action = ({ request, context }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'PUT') return methodNotAllowed(['GET', 'PUT'])
		const user = await requireUser(request, context)
		const role = roleOf(request)
		requireDossierRole(user, role)
		const dossier =
			role === 'mentor'
				? await saveDossier(user, { role, input: await readJson(request, mentorDossierApiSchema((await getDossier(user, 'mentor')).capacity!)) }, now())
				: await saveDossier(user, { role, input: await readJson(request, MenteeDossierApiSchema) }, now())
		return Response.json({ dossier })
	})
