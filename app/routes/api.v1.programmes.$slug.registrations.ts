import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { REGISTRATION_ROLES, REGISTRATION_STATUSES } from '../../db/schema/programmes'
import { RegistrationSchema } from '~/rules/programmes'
import { listRegistrations, register } from '~/services/registrations.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DomainError } from '~/utils/errors'
import { fieldErrors } from '~/utils/validation'
import { requireUser } from '~/utils/session.server'

/** GET a programme's registrations (admins, its coordinators); POST registers the caller. */

const ListQuerySchema = z.object({
	status: z
		.string()
		.transform((s) => s.split(',').map((part) => part.trim()).filter(Boolean))
		.pipe(z.array(z.enum(REGISTRATION_STATUSES, { errorMap: () => ({ message: `A status is one of ${REGISTRATION_STATUSES.join(', ')}.` }) })))
		.optional(),
	role: z.enum(REGISTRATION_ROLES, { errorMap: () => ({ message: 'The role is mentor or mentee.' }) }).optional(),
	q: z.string().max(200, 'Use at most 200 characters.').optional(),
	page: z.coerce.number({ invalid_type_error: 'The page is a number.' }).int('The page is a whole number.').min(1, 'Pages start at 1.').max(100_000).optional(),
})

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const user = await requireUser(request, context)
		const parsed = ListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
		if (!parsed.success) throw new DomainError('validation_failed', 'Some query parameters are invalid.', fieldErrors(parsed.error))
		const { status, ...rest } = parsed.data
		return Response.json(await listRegistrations({ slug: params.slug ?? '', actorId: user.id, filters: { statuses: status, ...rest } }))
	})

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST'])
		const user = await requireUser(request, context)
		const registration = await register({ slug: params.slug ?? '', userId: user.id, registration: await readJson(request, RegistrationSchema), now: now() })
		return Response.json({ registration }, { status: 201 })
	})
