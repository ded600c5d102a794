import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { INTRO_DECISIONS, SESSION_STATUSES, SESSION_TYPES } from '../../../db/schema/bookings'
import { MeetingLocationSchema } from '~/rules/meeting-location'
import { describeTimeZone } from '~/rules/time-zones'
import { acceptInvitation, cancelSession, confirmSession, rejectInvitation, setAgenda } from '~/services/booking.server'
import { setSessionMeetingLocation } from '~/services/meeting-locations.server'
import {
	countMentorTodos,
	listMenteeSessions,
	listMentorAwaitingConfirmation,
	listMentorInvitations,
	listMentorSessions,
	listMentorUpcoming,
} from '~/services/my-sessions.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'
import { MenteeView } from './mentee-view'
import { MentorView } from './mentor-view'
import { readFormData } from '~/utils/form.server'
import { DISPUTE_NOTE_MAX_LENGTH } from '~/rules/disputes'
import { disputeNoShow } from '~/services/disputes.server'
import { FeedbackSchema } from '~/rules/feedback'
import { giveFeedback } from '~/services/session-feedback.server'
import { FIT_ANSWERS } from '~/rules/relationship-fit'
import { answerFit, fitQuestionsFor, type FitQuestion } from '~/services/relationship-fit.server'

export const meta: MetaFunction = () => [{ title: 'My sessions · Mentora' }]

const MENTOR_TABS = ['upcoming', 'all', 'invitations', 'confirm'] as const

/** Anything unknown in the URL falls back to the default rather than failing the page. */
const QuerySchema = z.object({
	role: z.enum(['mentor', 'mentee']).optional().catch(undefined),
	tab: z.enum(MENTOR_TABS).catch('upcoming'),
	sort: z.enum(['newest', 'oldest']).catch('newest'),
	type: z.enum(SESSION_TYPES).optional().catch(undefined),
	mentee: z.string().uuid().optional().catch(undefined),
	status: z.enum(SESSION_STATUSES).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).catch(1),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const at = now()
	// Email links say only ?tab=…; a person who is both sees the side the link is about, else their mentor side.
	const role =
		query.role === 'mentor' && user.isMentor ? 'mentor' : query.role === 'mentee' || !user.isMentor ? 'mentee' : 'mentor'
	const common = {
		role,
		canSwitch: user.isMentor && user.isMentee,
		zone: user.timeZone,
		zoneLabel: describeTimeZone(user.timeZone, at),
	}
	if (role === 'mentee') {
		const mentee = await listMenteeSessions(user.id, at)
		return { ...common, mentee, mentor: null, fit: await fitOf(user.id) }
	}

	const counts = await countMentorTodos(user.id, at)
	const tab = query.tab
	const filters = { sort: query.sort, type: query.type, menteeId: query.mentee, status: query.status, page: query.page }
	const items =
		tab === 'upcoming'
			? await listMentorUpcoming(user.id, at)
			: tab === 'invitations'
				? await listMentorInvitations(user.id, at)
				: tab === 'confirm'
					? await listMentorAwaitingConfirmation(user.id, at)
					: null
	const all = tab === 'all' ? await listMentorSessions(user.id, filters, at) : null
	return { ...common, mentee: null, mentor: { tab, counts, items, all, filters }, fit: await fitOf(user.id, tab === 'confirm' ? (items ?? []) : []) }
}

/** "Is this a good fit?" beside the sessions it follows, by session id (see fitQuestionsFor). */
async function fitOf(userId: string, awaiting: Parameters<typeof fitQuestionsFor>[1] = []) {
	const { completed, onConfirm } = await fitQuestionsFor(userId, awaiting)
	return { completed: Object.fromEntries(completed) as Record<string, FitQuestion>, onConfirm: Object.fromEntries(onConfirm) as Record<string, FitQuestion> }
}

const SessionId = z.string({ required_error: 'Choose a session.' }).uuid('That is not a session.')
const FitAnswerField = z.enum(FIT_ANSWERS, { errorMap: () => ({ message: 'Choose good fit, still deciding or not a good fit.' }) })
const ActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('accept'), sessionId: SessionId }),
	z.object({
		intent: z.literal('reject'),
		sessionId: SessionId,
		reason: z.string({ required_error: 'Give a reason for declining.' }).trim().min(1, 'Give a reason for declining.').max(2000, 'Use at most 2000 characters.'),
	}),
	z.object({ intent: z.literal('cancel'), sessionId: SessionId, reason: z.string().trim().max(2000, 'Use at most 2000 characters.').optional() }),
	z.object({
		intent: z.literal('confirm'),
		sessionId: SessionId,
		outcome: z.enum(['completed', 'no_show_mentee', 'no_show_mentor'], { errorMap: () => ({ message: 'Choose what happened.' }) }),
		decision: z.enum(INTRO_DECISIONS, { errorMap: () => ({ message: 'Decide whether to continue.' }) }).optional(),
		// The mentor may rate the session as they confirm it took place, and say whether the match fits.
		rating: FeedbackSchema.shape.rating.optional(),
		comment: FeedbackSchema.shape.comment,
		relationshipId: z.string().uuid('That is not a relationship.').optional(),
		fit: FitAnswerField.optional(),
	}),
	z.object({ intent: z.literal('fit'), sessionId: SessionId, relationshipId: z.string({ required_error: 'Choose a relationship.' }).uuid('That is not a relationship.'), answer: FitAnswerField }),
	z.object({ intent: z.literal('feedback'), sessionId: SessionId, ...FeedbackSchema.shape }),
	z.object({ intent: z.literal('agenda'), sessionId: SessionId, agenda: z.string().trim().max(2000, 'Use at most 2000 characters.').optional() }),
	// An empty field arrives as nothing at all: the session goes back to its calendar's default.
	z.object({ intent: z.literal('location'), sessionId: SessionId, meetingLocation: MeetingLocationSchema.optional() }),
	z.object({
		intent: z.literal('dispute'),
		sessionId: SessionId,
		note: z.string({ required_error: 'Say what happened.' }).trim().min(1, 'Say what happened.').max(DISPUTE_NOTE_MAX_LENGTH, `Use at most ${DISPUTE_NOTE_MAX_LENGTH} characters.`),
	}),
])

const DONE = {
	accept: 'Invitation accepted: the intro is in your calendar and the mentee is told.',
	reject: 'Invitation declined; the mentee sees your reason.',
	cancel: 'Session cancelled; the other side is told.',
	confirm: 'Session confirmed. Thank you!',
	agenda: 'Agenda saved; the reminder a day ahead includes it.',
	location: 'Saved where the session happens; the mentee of a booked session is told.',
	dispute: 'Outcome disputed: the payment waits, and an admin decides. You will get an email.',
	feedback: 'Thank you: your feedback is saved.',
	fit: 'Thank you: your answer is saved. You can change it while the relationship lasts.',
} as const

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireUser(request, context)
	const formData = await readFormData(request)
	const sessionId = String(formData.get('sessionId') ?? '')
	const submission = parseWithZod(formData, { schema: ActionSchema })
	if (submission.status !== 'success') {
		const fields = Object.fromEntries(Object.entries(submission.error ?? {}).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])))
		return data({ ok: false, sessionId, message: 'Some fields are missing or invalid.', fields }, { status: 400 })
	}
	const input = submission.value
	const change = { sessionId: input.sessionId, actorId: user.id, now: now() }
	try {
		if (input.intent === 'accept') await acceptInvitation(change)
		else if (input.intent === 'reject') await rejectInvitation({ ...change, reason: input.reason })
		else if (input.intent === 'cancel') await cancelSession({ ...change, reason: input.reason })
		else if (input.intent === 'agenda') await setAgenda({ ...change, agenda: input.agenda ?? null })
		else if (input.intent === 'location') await setSessionMeetingLocation({ ...change, meetingLocation: input.meetingLocation ?? null })
		else if (input.intent === 'dispute') await disputeNoShow({ ...change, note: input.note })
		else if (input.intent === 'feedback') await giveFeedback({ ...change, raterId: user.id, rating: input.rating, comment: input.comment })
		else if (input.intent === 'fit') await answerFit({ relationshipId: input.relationshipId, raterId: user.id, answer: input.answer, now: change.now })
		else {
			await confirmSession({ ...change, outcome: input.outcome, decision: input.decision })
			if (input.outcome === 'completed' && input.rating) await giveFeedback({ ...change, raterId: user.id, rating: input.rating, comment: input.comment })
			if (input.outcome === 'completed' && input.fit && input.relationshipId) {
				await answerFit({ relationshipId: input.relationshipId, raterId: user.id, answer: input.fit, now: change.now })
			}
		}
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ ok: false, sessionId, message: error.message, fields: error.fields ?? {} }, { status: error.status })
	}
	return { ok: true, sessionId, message: DONE[input.intent], fields: {} as Record<string, string[]> }
}

const switchClass = (active: boolean) =>
	`rounded-md px-3 py-1.5 text-sm font-medium ${active ? 'bg-brand-600 text-white' : 'text-slate-700 ring-1 ring-slate-300 hover:text-brand-700'}`

export default function MySessions() {
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { role, canSwitch, zone, zoneLabel } = loaderData
	return (
		<div className="space-y-6">
			<div className="flex flex-wrap items-end justify-between gap-3">
				<div>
					<h1 className="text-2xl font-bold tracking-tight">My sessions</h1>
					<p className="text-sm text-slate-600">Times in {zoneLabel}.</p>
				</div>
				{canSwitch ? (
					<nav aria-label="Role" className="flex gap-2">
						<Link to="/sessions?role=mentor" aria-current={role === 'mentor' ? 'page' : undefined} className={switchClass(role === 'mentor')}>
							As mentor
						</Link>
						<Link to="/sessions?role=mentee" aria-current={role === 'mentee' ? 'page' : undefined} className={switchClass(role === 'mentee')}>
							As mentee
						</Link>
					</nav>
				) : null}
			</div>
			{actionData?.ok ? (
				<div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-green-900">
					{actionData.message}
				</div>
			) : null}
			{loaderData.mentor ? <MentorView data={loaderData.mentor} fit={loaderData.fit} zone={zone} actionData={actionData} /> : null}
			{loaderData.mentee ? <MenteeView data={loaderData.mentee} fit={loaderData.fit} zone={zone} actionData={actionData} /> : null}
		</div>
	)
}
