import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Markdown } from '~/components/markdown'
import { RecommendationList } from '~/components/recommendation-list'
import { journeySteps, nextStepSentence, participantSteps } from '~/rules/journey-steps'
import { MENTEE_RECOMMENDATION_LIMIT } from '~/rules/match-requests'
import { MODE_LABELS } from '~/rules/programme-summary'
import { PeriodSchema, RegistrationSchema } from '~/rules/programmes'
import { checkPeriodsOpen, isFinal } from '~/rules/registration-journey'
import { listAnnouncements } from '~/services/announcements.server'
import { recommendationsFor, requestMatch, type RecommendationView } from '~/services/programme-matching.server'
import { getProgramme } from '~/services/programmes.server'
import { addPeriod, confirmRegistration, endPeriod, endRegistration, register, registrationsOf, withdrawRegistration } from '~/services/registrations.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { formatDay } from '~/utils/format-time'
import { readFormData } from '~/utils/form.server'
import { requireUser } from '~/utils/session.server'
import { fieldErrors } from '~/utils/validation'
import { menteeRelationshipsIn, registerOptions, validatedIds } from './page-data.server'
import { INTENTS, type Answer, type Intent } from './answer'
import { RegisterForm } from './register-form'
import { RegistrationCard } from './registration-card'

/**
 * A programme as its participants see it: its content and announcements, registering as mentor or
 * mentee, and then each registration's journey, engagement dates and steps. In `self` mode a
 * searching mentee also sees their recommended mentors and asks for one.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.programme.name ?? 'Programme'} · Mentora` }]

async function visibleProgramme(user: Awaited<ReturnType<typeof requireUser>>, slug: string) {
	try {
		return await getProgramme(user, slug)
	} catch (error) {
		// One the viewer may not see answers as one that does not exist, as the API does.
		if (isDomainError(error) && error.code === 'not_found') throw new Response('We could not find that programme.', { status: 404, statusText: 'Not Found' })
		throw error
	}
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const programme = await visibleProgramme(user, params.slug ?? '')
	const at = now()
	const [mine, announcements, options] = await Promise.all([
		registrationsOf({ userId: user.id, programmeIds: [programme.id] }),
		listAnnouncements(programme.id),
		registerOptions(user, programme),
	])
	const validated = await validatedIds(mine.map((r) => r.id))
	const open = mine.filter((r) => !isFinal(r.status))
	const searchingMentee = programme.matchingMode === 'self' && open.some((r) => r.role === 'mentee' && r.status === 'searching')
	let recommendations: RecommendationView[] | null = null
	if (searchingMentee) {
		recommendations = await recommendationsFor({ slug: programme.slug, actorId: user.id, menteeId: user.id, limit: MENTEE_RECOMMENDATION_LIMIT, now: at }).catch((error: unknown) => {
			if (isDomainError(error)) return []
			throw error
		})
	}
	return {
		zone: user.timeZone,
		programme: {
			slug: programme.slug,
			name: programme.name,
			description: programme.description,
			mode: MODE_LABELS[programme.matchingMode],
			managerValidation: programme.managerValidation,
		},
		announcements,
		register: options.filter((o) => !open.some((r) => r.role === o.role)),
		registrations: mine.map((r) => ({
			...r,
			steps: journeySteps({ status: r.status, managerValidation: programme.managerValidation, validated: validated.has(r.id), engaged: r.periods.length > 0 }),
			next: nextStepSentence({ status: r.status, role: r.role, matchingMode: programme.matchingMode, declineReason: r.declineReason }),
			actions: participantSteps(r.status),
			periodsOpen: checkPeriodsOpen(r.status).ok,
		})),
		recommendations,
		relationships: open.some((r) => r.role === 'mentee') ? await menteeRelationshipsIn(programme.id, user.id) : [],
	}
}


const IntentSchema = z.enum(INTENTS, { errorMap: () => ({ message: 'Choose what to do.' }) })
const RegistrationId = z.string({ required_error: 'Choose a registration.' }).uuid('That is not a registration.')
/** A period's last day, checked as the period schema checks its dates (same messages). */
const EndDate = z
	.string({ required_error: 'Give a date as YYYY-MM-DD.' })
	.trim()
	.superRefine((value, ctx) => {
		const checked = PeriodSchema.safeParse({ start: value })
		if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', message: issue.message })
	})
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/** One schema per intent. Register and add_period read the form's strings, then the schema the API uses. */
const SCHEMAS = {
	register: z
		.object({
			role: z.string().optional(),
			motivation: z.string().optional(),
			capacity: z.preprocess(blankToUndefined, z.string().trim().optional()),
			managerEmail: z.preprocess(blankToUndefined, z.string().optional()),
			partnerEmail: z.preprocess(blankToUndefined, z.string().optional()),
		})
		.transform((raw, ctx) => {
			// Every field's error at once: the capacity's form, then the API's registration schema.
			const capacityIsNumber = raw.capacity === undefined || /^\d+$/.test(raw.capacity)
			if (!capacityIsNumber) ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'The capacity is a whole number.' })
			const checked = RegistrationSchema.safeParse({ ...raw, capacity: capacityIsNumber && raw.capacity !== undefined ? Number(raw.capacity) : undefined })
			if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message })
			return checked.success && capacityIsNumber ? checked.data : z.NEVER
		}),
	withdraw: z.object({ registrationId: RegistrationId }),
	end: z.object({ registrationId: RegistrationId }),
	confirm: z.object({ registrationId: RegistrationId }),
	add_period: z.object({ registrationId: RegistrationId }).and(
		z.object({ start: z.string().optional().transform((v) => v?.trim() ?? ''), end: z.preprocess(blankToUndefined, z.string().trim().optional()) }).pipe(PeriodSchema),
	),
	end_period: z.object({
		registrationId: RegistrationId,
		periodId: z.string({ required_error: 'Choose a period.' }).uuid('That is not an engagement period.'),
		end: EndDate,
	}),
	request: z.object({ mentorId: z.string({ required_error: 'Choose a mentor.' }).uuid('That is not a mentor.') }),
} satisfies Record<Intent, z.ZodTypeAny>


const SUCCESS: Record<Exclude<Intent, 'register' | 'request'>, string> = {
	withdraw: 'You have withdrawn from this programme.',
	end: 'Your mission is marked as ended: confirm your participation to complete it.',
	confirm: 'Your participation is confirmed: this registration is completed.',
	add_period: 'Engagement dates added.',
	end_period: 'Engagement period ended.',
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context)
	const programme = await visibleProgramme(user, params.slug ?? '')
	const formData = await readFormData(request)
	const form = Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
	const where = {
		registrationId: form.registrationId,
		periodId: form.periodId,
		mentorId: form.mentorId,
		role: form.role,
		...(form.intent === 'register' || form.intent === 'add_period' ? { values: form } : {}),
	}
	const intent = IntentSchema.safeParse(form.intent)
	if (!intent.success) return data<Answer>({ ok: false, intent: null, message: 'Choose what to do.', fields: {}, code: 'validation_failed' }, { status: 422 })
	const parsed = SCHEMAS[intent.data].safeParse(form)
	if (!parsed.success) {
		return data<Answer>({ ok: false, intent: intent.data, ...where, message: 'Some fields are missing or invalid.', fields: fieldErrors(parsed.error), code: 'validation_failed' }, { status: 422 })
	}
	const input = parsed.data as Record<string, unknown>
	const at = now()
	const step = { id: String(input.registrationId ?? ''), actorId: user.id, now: at }
	try {
		let message: string
		switch (intent.data) {
			case 'register': {
				const created = await register({ slug: programme.slug, userId: user.id, registration: parsed.data as z.infer<typeof RegistrationSchema>, now: at })
				message = `You are registered as ${created.role}: a coordinator reviews your application.`
				break
			}
			case 'request': {
				await requestMatch({ slug: programme.slug, actorId: user.id, mentorId: String(input.mentorId), menteeId: user.id, now: at })
				message = 'Request sent: the mentor is emailed and the relationship starts once they confirm.'
				break
			}
			case 'withdraw':
				await withdrawRegistration(step)
				message = SUCCESS.withdraw
				break
			case 'end':
				await endRegistration(step)
				message = SUCCESS.end
				break
			case 'confirm':
				await confirmRegistration(step)
				message = SUCCESS.confirm
				break
			case 'add_period':
				await addPeriod({ ...step, start: String(input.start), end: (input.end as string | null) ?? null })
				message = SUCCESS.add_period
				break
			case 'end_period':
				await endPeriod({ ...step, periodId: String(input.periodId), end: String(input.end) })
				message = SUCCESS.end_period
				break
		}
		return data<Answer>({ ok: true, intent: intent.data, ...where, message, fields: {} })
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data<Answer>({ ok: false, intent: intent.data, ...where, message: error.message, fields: error.fields ?? {}, code: error.code }, { status: error.status })
	}
}

export default function ProgrammePage() {
	const { zone, programme, announcements, register: options, registrations, recommendations, relationships } = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>() as Answer | undefined
	const busy = useNavigation().state === 'submitting'
	const pending = relationships.filter((r) => r.status === 'pending')
	return (
		<div className="space-y-6">
			<div className="space-y-1">
				<p className="text-sm">
					<Link to="/programmes" className="text-brand-700 underline">
						Programmes
					</Link>
				</p>
				<h1 className="text-2xl font-bold tracking-tight">{programme.name}</h1>
				<p className="text-sm text-slate-600">
					{programme.mode}
					{programme.managerValidation ? ' · your manager validates your engagement' : ''}
				</p>
			</div>
			{/* Other answers show beside the form they answer, where the page stays scrolled. */}
			{answer?.ok && answer.intent === 'register' ? (
				<p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-green-900">
					{answer.message}
				</p>
			) : null}
			{answer && !answer.ok && answer.intent === null ? (
				<p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
					{answer.message}
				</p>
			) : null}

			{registrations.length > 0 ? (
				<section aria-labelledby="your-registrations" className="space-y-3">
					<h2 id="your-registrations" className="text-lg font-semibold">
						Your registrations
					</h2>
					<ul className="space-y-3">
						{registrations.map((r) => (
							<RegistrationCard key={r.id} registration={r} zone={zone} answer={answer?.registrationId === r.id ? answer : undefined} busy={busy} />
						))}
					</ul>
				</section>
			) : null}

			{pending.length > 0 ? (
				<section aria-labelledby="match-requests" className="space-y-2">
					<h2 id="match-requests" className="text-lg font-semibold">
						Your match requests
					</h2>
					{answer?.ok && answer.intent === 'request' ? (
						<p role="status" className="rounded-md border border-green-300 bg-green-50 p-2 text-sm text-green-900">
							{answer.message}
						</p>
					) : null}
					<ul aria-label="Match requests" className="space-y-2">
						{pending.map((r) => (
							<li key={r.id} className="rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200">
								{r.mentorConfirmed ? `${r.mentor.name} confirmed; confirm your side too.` : `Waiting for ${r.mentor.name} to confirm.`}{' '}
								<Link to="/relationships" className="font-semibold text-brand-700 underline">
									See your relationships
								</Link>
							</li>
						))}
					</ul>
				</section>
			) : null}

			{recommendations !== null ? (
				<section aria-labelledby="recommended-mentors" className="space-y-3">
					<h2 id="recommended-mentors" className="text-lg font-semibold">
						Recommended mentors
					</h2>
					<p className="text-sm text-slate-600">Your best matches in this programme, best first. The score adds up how well each fits you; the reasons say why.</p>
					<RecommendationList
						recommendations={recommendations}
						busy={busy}
						refusal={answer && !answer.ok && answer.intent === 'request' && answer.mentorId ? { mentorId: answer.mentorId, message: answer.message } : null}
					/>
				</section>
			) : null}

			<section aria-labelledby="about" className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
				<h2 id="about" className="text-lg font-semibold">
					About this programme
				</h2>
				{programme.description.trim() ? <Markdown source={programme.description} /> : <p className="text-sm text-slate-600">The coordinators have not written a description yet.</p>}
			</section>

			{options.length > 0 ? (
				<section aria-labelledby="register" className="space-y-3">
					<h2 id="register" className="text-lg font-semibold">
						Register
					</h2>
					<div className="grid gap-4 md:grid-cols-2">
						{options.map((o) => (
							<RegisterForm
								key={o.role}
								option={o}
								managerValidation={programme.managerValidation}
								answer={answer?.intent === 'register' && answer.role === o.role ? answer : undefined}
								busy={busy}
							/>
						))}
					</div>
				</section>
			) : null}


			<section aria-labelledby="announcements" className="space-y-3">
				<h2 id="announcements" className="text-lg font-semibold">
					Announcements
				</h2>
				{announcements.length === 0 ? (
					<p className="text-sm text-slate-600">No announcements yet. The coordinators' announcements appear here and are emailed to participants.</p>
				) : (
					<ul aria-label="Announcements" className="space-y-3">
						{announcements.map((a) => (
							<li key={a.id} className="space-y-1 rounded-xl bg-white p-4 ring-1 ring-slate-200">
								<h3 className="font-semibold">{a.title}</h3>
								<p className="text-xs text-slate-600">{formatDay(a.createdAt, zone)}</p>
								<Markdown source={a.body} />
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
