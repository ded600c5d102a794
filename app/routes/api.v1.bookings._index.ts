import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { SESSION_STATUSES, SESSION_TYPES, type SessionStatus } from '../../db/schema/bookings'
import { IntroFormSchema } from '~/rules/booking-rules'
import { bookAtSlot, listBookings } from '~/services/bookings-api.server'
import { handleApi, methodNotAllowed, readJson } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DomainError } from '~/utils/errors'
import { fieldErrors, SlotStartSchema } from '~/utils/validation'
import { requireUser } from '~/utils/session.server'

/** GET the caller's sessions; POST books a slot (an intro invitation or a paid session). */

const BookingSchema = z
	.object({
		mentor: z.string({ required_error: 'Say which mentor (their profile slug).' }).trim().min(1, 'Say which mentor (their profile slug).').max(200),
		type: z.enum(SESSION_TYPES, { errorMap: () => ({ message: 'The type is intro or paid.' }) }),
		start: SlotStartSchema,
		introForm: z.unknown().optional(),
		bundleId: z.string().uuid('That is not a bundle id.').optional(),
	})
	.superRefine((value, ctx) => {
		if (value.type !== 'intro') return
		// The intro form's messages belong to its own fields, under introForm.
		const form = IntroFormSchema.safeParse(value.introForm ?? {})
		if (!form.success) for (const issue of form.error.issues) ctx.addIssue({ ...issue, path: ['introForm', ...issue.path] })
	})

const ListQuerySchema = z.object({
	role: z.enum(['mentor', 'mentee'], { errorMap: () => ({ message: 'The role is mentor or mentee.' }) }).default('mentee'),
	status: z
		.string()
		.transform((s) => s.split(',').map((part) => part.trim()).filter(Boolean))
		.pipe(z.array(z.enum(SESSION_STATUSES, { errorMap: () => ({ message: `A status is one of ${SESSION_STATUSES.join(', ')}.` }) })))
		.optional(),
})

export const loader = ({ request, context }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const user = await requireUser(request, context)
		const parsed = ListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
		if (!parsed.success) throw new DomainError('validation_failed', 'Some query parameters are invalid.', fieldErrors(parsed.error))
		const statuses: SessionStatus[] | undefined = parsed.data.status
		return Response.json({ bookings: await listBookings({ userId: user.id, role: parsed.data.role, statuses }) })
	})

export const action = ({ request, context }: ActionFunctionArgs) =>
	handleApi(async () => {
		if (request.method !== 'POST') return methodNotAllowed(['GET', 'POST'])
		const user = await requireUser(request, context)
		const input = await readJson(request, BookingSchema)
		const booking = await bookAtSlot({
			menteeId: user.id,
			mentorSlug: input.mentor,
			type: input.type,
			start: input.start,
			introForm: input.introForm,
			bundleId: input.bundleId,
			now: now(),
		})
		return Response.json({ booking }, { status: 201 })
	})
