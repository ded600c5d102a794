import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { DateTime } from 'luxon'
import { z } from 'zod'
import { Field, FormError, SubmitButton } from '~/components/forms'
import { TimeZonePicker } from '~/components/time-zone-picker'
import { describeTimeZone, listTimeZones } from '~/rules/time-zones'
import { getCalendar, listMentorSlots, saveCalendar } from '~/services/calendars.server'
import { listMentorLiveSessions } from '~/services/my-sessions.server'
import { getMentorDossierState } from '~/services/profiles.server'
import { availabilityFormSchema, calendarToFormValues, type AvailabilityFormValues } from '~/utils/availability-form'
import { now } from '~/utils/clock.server'
import { withToast } from '~/utils/flash.server'
import { localDateOf } from '~/utils/format-time'
import { requireMentor } from '~/utils/session.server'
import { CalendarFields } from './calendar-fields'
import { WeekView, type WeekDay } from './week-view'
import { readFormData } from '~/utils/form.server'

export const meta: MetaFunction = () => [{ title: 'Availability · Mentora' }]

const CalendarTypeSchema = z.enum(['intro', 'paid']).catch('intro')

/** How far the week view reaches either side of this week: past it no calendar offers a slot. */
const WEEK_VIEW_REACH_WEEKS = 52

/**
 * The Monday (in `zone`) of the week `week` names, or of this week. A week further away than the
 * view reaches (a hand-typed ?week=0001-01-01 or 9999-12-31) shows the nearest week it reaches.
 */
function weekStart(week: string | null, zone: string, at: Date): DateTime {
	const current = DateTime.fromJSDate(at, { zone }).startOf('week')
	const named = week ? DateTime.fromISO(week, { zone }) : null
	if (!named?.isValid) return current
	const earliest = current.minus({ weeks: WEEK_VIEW_REACH_WEEKS })
	const latest = current.plus({ weeks: WEEK_VIEW_REACH_WEEKS })
	const monday = named.startOf('week')
	return monday < earliest ? earliest : monday > latest ? latest : monday
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireMentor(request, context)
	const params = new URL(request.url).searchParams
	const type = CalendarTypeSchema.parse(params.get('calendar'))
	const at = now()
	const zone = user.timeZone
	const monday = weekStart(params.get('week'), zone, at)
	const from = monday.toJSDate()
	const to = monday.plus({ weeks: 1 }).toJSDate()
	const [calendar, dossier, sessions] = await Promise.all([
		getCalendar(user.id, type),
		getMentorDossierState(user.id),
		listMentorLiveSessions(user.id, from, to, at),
	])
	const slots = dossier ? (await listMentorSlots({ mentorSlug: dossier.slug, type, from, to, now: at })).slots : []
	const days: WeekDay[] = Array.from({ length: 7 }, (_, i) => {
		const day = monday.plus({ days: i })
		const date = day.toISODate() ?? ''
		return {
			date,
			label: day.setLocale('en-GB').toFormat('ccc d LLL'),
			slots: slots
				.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() }))
				.filter((s) => localDateOf(s.start, zone) === date),
			sessions: sessions.filter((s) => localDateOf(s.start, zone) === date),
		}
	})
	const weekLink = (d: DateTime) => `/settings/availability?${new URLSearchParams({ calendar: type, week: d.toISODate() ?? '' })}`
	return {
		type,
		defaults: calendarToFormValues(calendar, DateTime.fromJSDate(at, { zone: calendar.timeZone }).toISODate() ?? ''),
		timeZones: listTimeZones(calendar.timeZone, user.timeZone),
		week: {
			days,
			zone,
			zoneLabel: describeTimeZone(zone, at),
			title: `Week of ${monday.setLocale('en-GB').toFormat('d LLLL yyyy')}`,
			links: { previous: weekLink(monday.minus({ weeks: 1 })), next: weekLink(monday.plus({ weeks: 1 })), current: `/settings/availability?calendar=${type}` },
		},
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireMentor(request, context)
	const formData = await readFormData(request)
	const type = CalendarTypeSchema.parse(formData.get('calendar'))
	const submission = parseWithZod(formData, { schema: availabilityFormSchema(type) })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	await saveCalendar(user.id, type, submission.value, now())
	const week = new URL(request.url).searchParams.get('week')
	return redirect(`/settings/availability?${new URLSearchParams({ calendar: type, ...(week ? { week } : {}) })}`, {
		headers: withToast({ kind: 'success', message: `Your ${type === 'intro' ? 'intro' : 'paid'} calendar is saved.` }),
	})
}

const tabClass = (active: boolean) =>
	`rounded-md px-3 py-1.5 text-sm font-medium ${active ? 'bg-brand-600 text-white' : 'text-slate-700 ring-1 ring-slate-300 hover:text-brand-700'}`

export default function AvailabilitySettings() {
	const { type, week } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<nav aria-label="Calendars" className="flex flex-wrap gap-2">
				<Link to="/settings/availability?calendar=intro" aria-current={type === 'intro' ? 'page' : undefined} className={tabClass(type === 'intro')}>
					Intro calendar
				</Link>
				<Link to="/settings/availability?calendar=paid" aria-current={type === 'paid' ? 'page' : undefined} className={tabClass(type === 'paid')}>
					Paid calendar
				</Link>
			</nav>
			<CalendarForm key={type} />
			<WeekView {...week} />
		</div>
	)
}

function CalendarForm() {
	const { type, defaults, timeZones } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const schema = availabilityFormSchema(type)
	const [form, fields] = useForm<AvailabilityFormValues>({
		id: `availability-${type}`,
		lastResult: actionData?.result,
		defaultValue: defaults,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
	const { key: zoneKey, ...zoneProps } = getSelectProps(fields.timeZone)
	const label = type === 'intro' ? 'intro' : 'paid'
	return (
		<Form method="post" {...getFormProps(form)} className="space-y-6 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
			<input type="hidden" name="calendar" value={type} />
			<div>
				<h2 className="text-lg font-semibold">{type === 'intro' ? 'Intro calendar' : 'Paid calendar'}</h2>
				<p className="mt-1 text-sm text-slate-600">
					{type === 'intro'
						? 'When mentees may book a free 20-minute intro. Intros are booked 48 hours to 14 days ahead.'
						: 'When mentees with a bundle may book paid sessions, directly and without review.'}{' '}
					A session booked in either calendar takes its time out of both.
				</p>
			</div>
			<FormError id={form.errorId} errors={form.errors} />
			<Field field={fields.timeZone} label="Time zone of this calendar" className="max-w-md">
				<TimeZonePicker key={zoneKey} {...zoneProps} zones={timeZones} />
			</Field>
			<CalendarFields form={form} fields={fields} type={type} />
			<SubmitButton pending={navigation.state === 'submitting'}>Save {label} calendar</SubmitButton>
		</Form>
	)
}
