import { type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { DeclineSchema, PeriodSchema } from '~/rules/programmes'
import {
	addPeriod,
	confirmRegistration,
	declineRegistration,
	endRegistration,
	validateRegistration,
	withdrawRegistration,
} from '~/services/registrations.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'

/** POST /api/v1/registrations/:id/(validate|decline|withdraw|end|confirm|periods): one step of the journey, or a period added. */

const ACTIONS = ['validate', 'decline', 'withdraw', 'end', 'confirm', 'periods'] as const
const NoBodySchema = z.object({})

/** Steps without a body may come without one; anything sent must still be a JSON object. */
async function readOptionalJson(request: Request): Promise<void> {
	const text = await request.clone().text()
	if (text.trim() !== '') await readJson(request, NoBodySchema)
}

export const loader = () => methodNotAllowed(['POST'])

export const action = ({ request, context, params }: ActionFunctionArgs) =>
	handleApi(async () => {
		const id = z.string().uuid().safeParse(params.id)
		const verb = ACTIONS.find((a) => a === params.action)
		if (!id.success || !verb) throw new DomainError('not_found', 'That registration does not exist.')
		if (request.method !== 'POST') return methodNotAllowed(['POST'])
		const user = await requireUser(request, context)
		const step = { id: id.data, actorId: user.id, now: now() }
		switch (verb) {
			case 'decline':
				return Response.json({ registration: await declineRegistration({ ...step, reason: (await readJson(request, DeclineSchema)).reason }) })
			case 'periods': {
				const period = await readJson(request, PeriodSchema)
				return Response.json({ registration: await addPeriod({ ...step, ...period }) }, { status: 201 })
			}
			default: {
				await readOptionalJson(request)
				const run = { validate: validateRegistration, withdraw: withdrawRegistration, end: endRegistration, confirm: confirmRegistration }[verb]
				return Response.json({ registration: await run(step) })
			}
		}
	})
