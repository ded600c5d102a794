import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { DateTime } from 'luxon'
import { z } from 'zod'
import { ErrorList, inputClass } from '~/components/forms'
import { CHOICES_BY_PURPOSE, isWellFormedToken, LINK_CHOICES, MANAGER_NOTE_MAX_LENGTH, type LinkChoice } from '~/rules/journey-links'
import { PeriodSchema } from '~/rules/programmes'
import { actOnLink, isLinkRefusal, linkNotFound, readLink, type LinkPeriod, type LinkView } from '~/services/journey-links.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { readFormData } from '~/utils/form.server'

/**
 * /links/<token>: the page a journey link opens, for a manager, a partner contact, or the
 * participant's one-click reflection, with no account. Opening it only shows what it is about (mail
 * scanners follow links); a button posts, and the link acts once.
 */

export const meta: MetaFunction = () => [{ title: 'Mentora' }, { name: 'robots', content: 'noindex' }]

type Refused = { code: string; message: string }

function refused(error: unknown) {
	if (isLinkRefusal(error) || isDomainError(error)) return data({ state: 'refused' as const, code: error.code, message: error.message }, { status: error.status })
	throw error
}

export async function loader({ params, request }: LoaderFunctionArgs) {
	const asked = new URL(request.url).searchParams.get('choice')
	const choice = LINK_CHOICES.find((c) => c === asked) ?? null
	try {
		return { state: 'open' as const, view: await readLink(params.token ?? '', now()), choice }
	} catch (error) {
		return refused(error)
	}
}

const Note = z.string().trim().max(MANAGER_NOTE_MAX_LENGTH, `Use at most ${MANAGER_NOTE_MAX_LENGTH} characters.`).optional()
const ActionSchema = z.object({ intent: z.enum(LINK_CHOICES, { errorMap: () => ({ message: 'Choose one of the buttons.' }) }), note: Note })

const DONE: Record<LinkChoice, (name: string) => string> = {
	approve: (name) => `Thank you: ${name}'s engagement is approved. They are told by email.`,
	reject: (name) => `Thank you: the engagement is rejected and ${name} is told by email. They keep their place in the programme.`,
	confirm: (name) => `Thank you: ${name}'s participation is confirmed.`,
	mission_ended: () => 'Noted: your mission has ended. Confirm your participation on the programme’s page to complete it; we have emailed you the link.',
	add_dates: () => 'Your engagement dates are added.',
}

export async function action({ params, request }: ActionFunctionArgs) {
	const token = params.token ?? ''
	if (!isWellFormedToken(token)) return refused(linkNotFound())
	const form = Object.fromEntries(await readFormData(request))
	const parsed = ActionSchema.safeParse(form)
	// The same period rules as the programme's page: an empty end date is an open period.
	const dates = parsed.success && parsed.data.intent === 'add_dates' ? PeriodSchema.safeParse({ start: form.start || undefined, end: form.end || null }) : null
	if (!parsed.success || (dates && !dates.success)) {
		const fields = { ...(parsed.success ? {} : parsed.error.flatten().fieldErrors), ...(dates && !dates.success ? dates.error.flatten().fieldErrors : {}) } as Record<string, string[]>
		return data({ state: 'invalid' as const, code: 'validation_failed', message: 'Some fields are missing or invalid.', fields }, { status: 422 })
	}
	const input = parsed.data
	const period = dates?.success ? dates.data : undefined
	try {
		const used = await actOnLink({ token, choice: input.intent, note: input.intent === 'reject' ? input.note : null, period, now: now() })
		// Its own 200: the page's loader, run again after it, finds the link used now.
		return data({ state: 'done' as const, message: DONE[used.choice](used.participantName) }, { status: 200 })
	} catch (error) {
		if (isDomainError(error) && error.fields) return data({ state: 'invalid' as const, code: error.code, message: error.message, fields: error.fields }, { status: error.status })
		return refused(error)
	}
}

function formatDate(date: string): string {
	return DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLLL yyyy')
}

function formatPeriod(p: LinkPeriod): string {
	return p.end ? `${formatDate(p.start)} – ${formatDate(p.end)}` : `from ${formatDate(p.start)}, ongoing`
}

const HEADINGS: Record<LinkView['purpose'], string> = {
	manager_validation: 'An engagement to validate',
	partner_confirmation: 'A participation to confirm',
	reflection: 'Your engagement',
}

const primary = 'rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60'
const secondary = 'rounded-md border border-slate-400 px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60'

function Facts({ view }: { view: LinkView }) {
	const items: [string, string][] = [['Programme', view.programme.name]]
	if (view.purpose !== 'reflection') items.push(['Participant', view.participantName], ['Role', view.role])
	if (view.periods.length === 0) items.push(['Engagement period', 'not set yet'])
	view.periods.forEach((p, i) => items.push([view.periods.length > 1 ? `Period ${i + 1}` : 'Engagement period', formatPeriod(p)]))
	return (
		<dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-slate-50 p-3 text-sm">
			{items.map(([label, value]) => (
				<div key={label} className="contents">
					<dt className="font-semibold text-slate-800">{label}</dt>
					<dd className="text-slate-700">{value}</dd>
				</div>
			))}
		</dl>
	)
}

function Choices({ view, choice, fields }: { view: LinkView; choice: LinkChoice | null; fields: Record<string, string[]> }) {
	const busy = useNavigation().state === 'submitting'
	const offered = (c: LinkChoice) => view.choices.includes(c)
	return (
		<div className="mt-5 space-y-4">
			{offered('approve') ? (
				<Form method="post">
					<input type="hidden" name="intent" value="approve" />
					<button type="submit" disabled={busy} className={primary}>
						Approve the engagement
					</button>
				</Form>
			) : null}
			{offered('reject') ? (
				<details open={choice === 'reject'} className="rounded-md border border-slate-200 p-3">
					<summary className="cursor-pointer font-medium text-slate-800">Reject the engagement…</summary>
					<Form method="post" className="mt-3 space-y-2">
						<input type="hidden" name="intent" value="reject" />
						<label htmlFor="link-note" className="block text-sm font-medium text-slate-800">
							Note to {view.participantName} (optional)
						</label>
						<textarea id="link-note" name="note" rows={3} maxLength={MANAGER_NOTE_MAX_LENGTH} className={inputClass} />
						<ErrorList errors={fields.note} />
						<button type="submit" disabled={busy} className={secondary}>
							Reject the engagement
						</button>
					</Form>
				</details>
			) : null}
			{offered('confirm') ? (
				<Form method="post">
					<input type="hidden" name="intent" value="confirm" />
					<button type="submit" disabled={busy} className={primary}>
						Confirm the participation
					</button>
				</Form>
			) : null}
			{offered('add_dates') ? (
				<Form method="post" className="space-y-3 rounded-md border border-slate-200 p-3" aria-labelledby="add-dates-heading">
					<h2 id="add-dates-heading" className="font-semibold">
						Add dates
					</h2>
					<input type="hidden" name="intent" value="add_dates" />
					<div className="grid gap-3 sm:grid-cols-2">
						<div>
							<label htmlFor="link-start" className="block text-sm font-medium text-slate-800">
								Start date
							</label>
							<input id="link-start" name="start" type="date" required autoFocus={choice === 'add_dates'} className={inputClass} aria-invalid={fields.start ? true : undefined} />
							<ErrorList errors={fields.start} />
						</div>
						<div>
							<label htmlFor="link-end" className="block text-sm font-medium text-slate-800">
								End date (optional)
							</label>
							<input id="link-end" name="end" type="date" className={inputClass} aria-invalid={fields.end ? true : undefined} />
							<ErrorList errors={fields.end} />
						</div>
					</div>
					<button type="submit" disabled={busy} className={primary}>
						Add these dates
					</button>
				</Form>
			) : null}
			{offered('mission_ended') ? (
				<Form method="post">
					<input type="hidden" name="intent" value="mission_ended" />
					<button type="submit" disabled={busy} className={secondary}>
						My mission has ended
					</button>
				</Form>
			) : null}
			<p className="text-sm text-slate-600">
				This link works once, until {formatDate(view.expiresAt.slice(0, 10))}.{' '}
				{CHOICES_BY_PURPOSE[view.purpose].length > 1 ? 'Whichever button you press uses it.' : ''}
			</p>
		</div>
	)
}

export default function JourneyLink() {
	const loaded = useLoaderData<typeof loader>()
	const acted = useActionData<typeof action>()
	const refusal: Refused | null = acted?.state === 'refused' ? acted : loaded.state === 'refused' ? loaded : null
	return (
		<section className="mx-auto max-w-lg rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
			{acted?.state === 'done' ? (
				<>
					<h1 className="text-2xl font-bold tracking-tight">Done</h1>
					<p role="status" className="mt-2 text-slate-700">
						{acted.message}
					</p>
				</>
			) : refusal ? (
				<>
					<h1 className="text-2xl font-bold tracking-tight">This link cannot be used</h1>
					<p role="alert" className="mt-2 text-slate-700">
						{refusal.message}
					</p>
					<p className="mt-2 text-sm text-slate-500">Code: {refusal.code}</p>
				</>
			) : loaded.state === 'open' ? (
				<>
					<h1 className="text-2xl font-bold tracking-tight">{HEADINGS[loaded.view.purpose]}</h1>
					{acted?.state === 'invalid' ? (
						<p role="alert" className="mt-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800">
							{acted.message}
						</p>
					) : null}
					<Facts view={loaded.view} />
					<Choices view={loaded.view} choice={loaded.choice} fields={acted?.state === 'invalid' ? acted.fields : {}} />
				</>
			) : null}
		</section>
	)
}
