import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { inputClass } from '~/components/forms'
import { Markdown } from '~/components/markdown'
import { ProgrammeAdminNav } from '~/components/programme-admin-nav'
import { ProgrammeForm } from '~/components/programme-form'
import { ANNOUNCEMENT_BODY_MAX_LENGTH, ANNOUNCEMENT_TITLE_MAX_LENGTH, AnnouncementSchema, OPEN_REGISTRATION_STATUSES, describeAudience } from '~/rules/announcements'
import { programmeBody, programmeFieldErrors, programmeFormValues, readProgrammeForm, type ProgrammeFormValues } from '~/rules/programme-form'
import { ProgrammeUpdateSchema } from '~/rules/programmes'
import { createAnnouncement, listAnnouncementsForAdmin } from '~/services/announcements.server'
import { addCoordinator, getProgrammeToAdminister, removeCoordinator, updateProgramme } from '~/services/programmes.server'
import { isSubscribedToDigest, setDigestSubscription } from '~/services/report-digests.server'
import { now } from '~/utils/clock.server'
import { isDomainError, type DomainError } from '~/utils/errors'
import { formatDay } from '~/utils/format-time'
import { readFormData } from '~/utils/form.server'
import { fieldErrors } from '~/utils/validation'
import { requireUser } from '~/utils/session.server'

/**
 * A programme's settings page, for admins and its coordinators: every parameter (the schema of
 * PATCH /api/v1/programmes/:slug), its coordinators (admins name them), its announcements, and
 * for its coordinators the weekly report email they may subscribe to.
 */

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.programme.name ?? 'Programme'} · Admin · Mentora` }]

/** 404 for a programme the viewer may not see, 403 for one they see but do not administer. */
async function guard(request: Request, context: LoaderFunctionArgs['context'], slug: string) {
	const user = await requireUser(request, context)
	try {
		return { user, ...(await getProgrammeToAdminister(user, slug)) }
	} catch (error) {
		if (!isDomainError(error)) throw error
		throw new Response(error.message, { status: error.status })
	}
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user, programme, standing } = await guard(request, context, params.slug ?? '')
	const coordinates = programme.coordinators.some((c) => c.id === user.id)
	return {
		zone: user.timeZone,
		programme,
		standing,
		// Only its coordinators (an admin among them too) are offered the weekly report.
		digest: coordinates ? { subscribed: await isSubscribedToDigest(user.id, programme.id), zone: user.timeZone } : null,
		values: programmeFormValues(programme),
		announcements: await listAnnouncementsForAdmin(programme.id),
	}
}

type Part = 'settings' | 'coordinators' | 'announcement' | 'digest'
type Answer = { part: Part; ok: boolean; message: string | null; fields: Record<string, string[]>; values?: ProgrammeFormValues; preview?: string | null; announcement?: Record<string, unknown> }

const refused = (part: Part, error: DomainError, extra: Partial<Answer> = {}) =>
	data<Answer>({ part, ok: false, message: error.message, fields: error.fields ?? {}, ...extra }, { status: error.status })

/** zod's messages per form field: an entry of the statuses is reported on the statuses. */
function byField(error: z.ZodError): Record<string, string[]> {
	const fields: Record<string, string[]> = {}
	for (const [key, messages] of Object.entries(fieldErrors(error))) {
		const list = (fields[key.split('.')[0]!] ??= [])
		for (const m of messages) if (!list.includes(m)) list.push(m)
	}
	return fields
}

const CoordinatorEmailSchema = z.object({ email: z.string().trim().min(1, 'Enter the email of their Mentora account.').max(254, 'An email address has at most 254 characters.') })
const CoordinatorIdSchema = z.object({ userId: z.string().uuid('That is not a coordinator.') })

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user, programme } = await guard(request, context, params.slug ?? '')
	const form = await readFormData(request)
	const intent = form.get('intent')
	const slug = programme.slug
	try {
		if (intent === 'add-coordinator' || intent === 'remove-coordinator') {
			if (intent === 'add-coordinator') {
				const parsed = CoordinatorEmailSchema.safeParse({ email: form.get('email') ?? '' })
				if (!parsed.success) return data<Answer>({ part: 'coordinators', ok: false, message: 'Enter an email.', fields: fieldErrors(parsed.error) }, { status: 422 })
				const changed = await addCoordinator({ actorId: user.id, slug, email: parsed.data.email, now: now() })
				return data<Answer>({ part: 'coordinators', ok: true, message: `${changed.coordinators.length === 1 ? 'One coordinator' : `${changed.coordinators.length} coordinators`} now.`, fields: {} })
			}
			const parsed = CoordinatorIdSchema.safeParse({ userId: form.get('userId') ?? '' })
			if (!parsed.success) return data<Answer>({ part: 'coordinators', ok: false, message: 'That is not a coordinator.', fields: fieldErrors(parsed.error) }, { status: 422 })
			await removeCoordinator({ actorId: user.id, slug, userId: parsed.data.userId, now: now() })
			return data<Answer>({ part: 'coordinators', ok: true, message: 'Coordinator removed.', fields: {} })
		}
		if (intent === 'report-digest') {
			const subscribed = form.get('digest') === 'on'
			await setDigestSubscription({ userId: user.id, programmeId: programme.id, subscribed, now: now() })
			const message = subscribed ? 'Subscribed: the weekly report comes on Mondays at 08:00 in your time zone.' : 'Unsubscribed from the weekly report.'
			return data<Answer>({ part: 'digest', ok: true, message, fields: {} })
		}
		if (intent === 'announce') {
			const announcement = { title: form.get('title') ?? '', body: form.get('body') ?? '', to: form.get('to') ?? undefined, statuses: form.getAll('statuses') }
			const parsed = AnnouncementSchema.safeParse(announcement)
			if (!parsed.success) return data<Answer>({ part: 'announcement', ok: false, message: 'Check the announcement.', fields: byField(parsed.error), announcement }, { status: 422 })
			await createAnnouncement({ actorId: user.id, slug, announcement: parsed.data, now: now() })
			return data<Answer>({ part: 'announcement', ok: true, message: `Announcement “${parsed.data.title}” saved; its emails are on their way.`, fields: {} })
		}
		const values = readProgrammeForm(form)
		if (intent === 'preview') return data<Answer>({ part: 'settings', ok: true, message: null, fields: {}, values, preview: values.description })
		const parsed = ProgrammeUpdateSchema.safeParse(programmeBody(values, { withSlug: false }))
		if (!parsed.success) return data<Answer>({ part: 'settings', ok: false, message: 'Check the fields marked below.', fields: programmeFieldErrors(parsed.error), values }, { status: 422 })
		await updateProgramme({ actorId: user.id, slug, changes: parsed.data, now: now() })
		return data<Answer>({ part: 'settings', ok: true, message: 'Programme saved.', fields: {} })
	} catch (error) {
		if (!isDomainError(error)) throw error
		const part: Part =
			intent === 'announce' ? 'announcement' : intent === 'add-coordinator' || intent === 'remove-coordinator' ? 'coordinators' : intent === 'report-digest' ? 'digest' : 'settings'
		return refused(part, error, part === 'settings' ? { values: readProgrammeForm(form) } : {})
	}
}

function Answered({ answer, part }: { answer: Answer | undefined; part: Part }) {
	if (!answer || answer.part !== part || !answer.message) return null
	return (
		<p role={answer.ok ? 'status' : 'alert'} className={`rounded-md p-3 text-sm ${answer.ok ? 'bg-green-50 text-green-900' : 'bg-red-50 text-red-800'}`}>
			{answer.message}
		</p>
	)
}

export default function ProgrammeSettings() {
	const { programme, standing, digest, values: saved } = useLoaderData<typeof loader>()
	const answer = useActionData<typeof action>() as Answer | undefined
	const busy = useNavigation().state !== 'idle'
	const settings = answer?.part === 'settings' ? answer : undefined
	const values = settings?.values ?? saved
	const preview = settings?.preview !== undefined && settings.preview !== null ? { source: settings.preview, label: 'Preview (not saved)' } : { source: programme.description, label: 'As participants see it' }
	return (
		<section className="space-y-6">
			<ProgrammeAdminNav slug={programme.slug} name={programme.name} />
			<h1 className="text-2xl font-bold tracking-tight">{programme.name}</h1>

			<section aria-labelledby="settings-heading" className="space-y-3">
				<h2 id="settings-heading" className="text-lg font-semibold">
					Settings
				</h2>
				<Answered answer={answer} part="settings" />
				<ProgrammeForm key={JSON.stringify(values)} values={values} errors={settings?.fields ?? {}} withSlug={false} submitLabel="Save programme" preview={preview} busy={busy} />
			</section>

			{digest ? <WeeklyReport subscribed={digest.subscribed} zone={digest.zone} answer={answer} busy={busy} /> : null}
			<Coordinators coordinators={programme.coordinators} canEdit={standing === 'admin'} answer={answer} busy={busy} />
			<Announcements answer={answer} busy={busy} />
		</section>
	)
}

/** A coordinator's own subscription to the programme's weekly report email. */
function WeeklyReport({ subscribed, zone, answer, busy }: { subscribed: boolean; zone: string; answer: Answer | undefined; busy: boolean }) {
	return (
		<section aria-labelledby="digest-heading" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
			<h2 id="digest-heading" className="text-lg font-semibold">
				Weekly report email
			</h2>
			<Answered answer={answer} part="digest" />
			<Form method="post" className="space-y-2">
				<input type="hidden" name="intent" value="report-digest" />
				<label className="flex items-start gap-2 text-sm">
					<input key={String(subscribed)} type="checkbox" name="digest" defaultChecked={subscribed} className="mt-1 accent-brand-600" aria-describedby="digest-hint" />
					<span>Email me this programme’s key numbers every week</span>
				</label>
				<p id="digest-hint" className="text-xs text-slate-600">
					Mondays at 08:00 in your time zone ({zone}): registrations, matches, sessions held, the feedback average and lapsed relationships of the last 7 days
					against the week before, with a link to the full report.
				</p>
				<button disabled={busy} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">
					Save
				</button>
			</Form>
		</section>
	)
}

function Coordinators({ coordinators, canEdit, answer, busy }: { coordinators: { id: string; name: string }[]; canEdit: boolean; answer: Answer | undefined; busy: boolean }) {
	const emailErrors = answer?.part === 'coordinators' ? answer.fields.email : undefined
	return (
		<section aria-labelledby="coordinators-heading" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
			<h2 id="coordinators-heading" className="text-lg font-semibold">
				Coordinators
			</h2>
			<p className="text-sm text-slate-600">They do this programme’s admin work: registrations, matching, announcements. {canEdit ? null : 'Admins name them.'}</p>
			<Answered answer={answer} part="coordinators" />
			{coordinators.length === 0 ? <p className="text-sm text-slate-700">No coordinator yet: every admin hears of new registrations.</p> : null}
			<ul aria-label="Coordinators" className="divide-y divide-slate-100">
				{coordinators.map((c) => (
					<li key={c.id} className="flex items-center justify-between gap-2 py-2">
						<span>{c.name}</span>
						{canEdit ? (
							<Form method="post">
								<input type="hidden" name="userId" value={c.id} />
								<button name="intent" value="remove-coordinator" disabled={busy} aria-label={`Remove ${c.name}`} className="rounded-md px-3 py-1 text-sm font-semibold text-red-700 ring-1 ring-red-300">
									Remove
								</button>
							</Form>
						) : null}
					</li>
				))}
			</ul>
			{canEdit ? (
				<Form method="post" className="flex flex-wrap items-end gap-2">
					<div className="min-w-0 flex-1">
						<label htmlFor="coordinator-email" className="block text-sm font-medium">
							Coordinator’s email
						</label>
						<input
							id="coordinator-email"
							name="email"
							type="email"
							required
							aria-invalid={emailErrors ? true : undefined}
							aria-describedby={emailErrors ? 'coordinator-email-error' : undefined}
							className={inputClass}
						/>
						{emailErrors ? (
							<p id="coordinator-email-error" className="mt-1 text-sm text-red-700">
								{emailErrors.join(' ')}
							</p>
						) : null}
					</div>
					<button name="intent" value="add-coordinator" disabled={busy} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white">
						Add coordinator
					</button>
				</Form>
			) : null}
		</section>
	)
}

const STATUS_LABELS: Record<string, string> = {
	application: 'Application',
	searching: 'Searching',
	awaiting_manager_validation: 'Awaiting manager validation',
	in_progress: 'In progress',
	awaiting_confirmation: 'Awaiting confirmation',
}

function Announcements({ answer, busy }: { answer: Answer | undefined; busy: boolean }) {
	const { announcements, zone } = useLoaderData<typeof loader>()
	const mine = answer?.part === 'announcement' ? answer : undefined
	const kept = !mine?.ok ? (mine?.announcement as { title?: string; body?: string; to?: string; statuses?: string[] } | undefined) : undefined
	const errors = mine?.fields ?? {}
	const statuses = kept?.statuses ?? [...OPEN_REGISTRATION_STATUSES]
	const err = (name: string) =>
		errors[name] ? (
			<p id={`announcement-${name}-error`} className="mt-1 text-sm text-red-700">
				{errors[name]!.join(' ')}
			</p>
		) : null
	const describedBy = (name: string) => (errors[name] ? `announcement-${name}-error` : undefined)
	return (
		<section aria-labelledby="announcements-heading" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
			<h2 id="announcements-heading" className="text-lg font-semibold">
				Announcements
			</h2>
			<p className="text-sm text-slate-600">Shown on the programme’s page and emailed to the participants you choose.</p>
			<Answered answer={answer} part="announcement" />
			<Form method="post" key={mine?.ok ? `sent-${announcements[0]?.id}` : 'draft'} aria-label="New announcement" className="space-y-3">
				<div>
					<label htmlFor="announcement-title" className="block text-sm font-medium">
						Title
					</label>
					<input id="announcement-title" name="title" required maxLength={ANNOUNCEMENT_TITLE_MAX_LENGTH} defaultValue={kept?.title ?? ''} aria-invalid={errors.title ? true : undefined} aria-describedby={describedBy('title')} className={inputClass} />
					{err('title')}
				</div>
				<div>
					<label htmlFor="announcement-body" className="block text-sm font-medium">
						Message
					</label>
					<p id="announcement-body-hint" className="text-sm text-slate-600">
						Markdown, as in the description.
					</p>
					<textarea
						id="announcement-body"
						name="body"
						rows={6}
						required
						maxLength={ANNOUNCEMENT_BODY_MAX_LENGTH}
						defaultValue={kept?.body ?? ''}
						aria-invalid={errors.body ? true : undefined}
						aria-describedby={['announcement-body-hint', describedBy('body')].filter(Boolean).join(' ')}
						className={`${inputClass} font-mono`}
					/>
					{err('body')}
				</div>
				<div>
					<label htmlFor="announcement-to" className="block text-sm font-medium">
						Send to
					</label>
					<select id="announcement-to" name="to" defaultValue={kept?.to ?? 'both'} className={`${inputClass} max-w-xs`}>
						<option value="both">Mentors and mentees</option>
						<option value="mentors">Mentors</option>
						<option value="mentees">Mentees</option>
					</select>
					{err('to')}
				</div>
				<fieldset aria-describedby={describedBy('statuses')}>
					<legend className="text-sm font-medium">Whose registration is</legend>
					<div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2">
						{OPEN_REGISTRATION_STATUSES.map((s) => (
							<label key={s} className="flex items-center gap-2 text-sm">
								<input type="checkbox" name="statuses" value={s} defaultChecked={statuses.includes(s)} className="h-4 w-4 accent-brand-600" />
								{STATUS_LABELS[s] ?? s}
							</label>
						))}
					</div>
					{err('statuses')}
				</fieldset>
				<button name="intent" value="announce" disabled={busy} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white">
					Send announcement
				</button>
			</Form>

			<h3 className="pt-2 font-semibold">Sent</h3>
			{announcements.length === 0 ? <p className="text-sm text-slate-700">No announcement yet.</p> : null}
			<ul aria-label="Past announcements" className="space-y-3">
				{announcements.map((a) => (
					<li key={a.id} aria-label={a.title} className="space-y-1 rounded-md border border-slate-200 p-3">
						<p className="font-semibold">{a.title}</p>
						<p className="text-sm text-slate-600">
							{formatDay(a.createdAt, zone)} · to {describeAudience(a.audience)} · {a.recipientCount === 1 ? '1 recipient' : `${a.recipientCount} recipients`}
						</p>
						<Markdown source={a.body} />
					</li>
				))}
			</ul>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
