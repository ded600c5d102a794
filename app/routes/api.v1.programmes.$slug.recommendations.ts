import { type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { COORDINATOR_RECOMMENDATION_LIMIT } from '~/rules/match-requests'
import { recommendationsFor } from '~/services/programme-matching.server'
import { handleApi } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'
import { fieldErrors } from '~/utils/validation'

/** GET a mentee's recommended mentors in the programme (the mentee themself, its coordinators, admins). */

const QuerySchema = z.object({
	mentee: z.string().uuid('The mentee is a user id.').optional(),
	limit: z.coerce
		.number({ invalid_type_error: 'The limit is a number.' })
		.int('The limit is a whole number.')
		.min(1, 'Ask for at least one.')
		.max(COORDINATOR_RECOMMENDATION_LIMIT, `At most ${COORDINATOR_RECOMMENDATION_LIMIT}.`)
		.optional(),
})

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const user = await requireUser(request, context)
		const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
		if (!parsed.success) throw new DomainError('validation_failed', 'Some query parameters are invalid.', fieldErrors(parsed.error))
		const recommendations = await recommendationsFor({
			slug: params.slug ?? '',
			actorId: user.id,
			menteeId: parsed.data.mentee,
			limit: parsed.data.limit,
			now: now(),
		})
		return Response.json({ recommendations })
	})
