import { useSearchParams } from '@remix-run/react'
import { useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react'
import { localDateOf, monthOf, slotsByDay, type Weekday } from '~/rules/month-calendar'
import { formatLocalDate, formatSlotClock } from '~/utils/format-time'
import { MonthCalendar } from './month-calendar'

/**
 * Picking a time in three steps, as the mentor's page offers them for intros and paid sessions:
 * a month calendar with the days that have times, the chosen day's times, then a confirmation of
 * the chosen time with the booking form (`confirm`). The steps live in the URL (`month`, `day`,
 * `start`, and `booking=paid` for the paid calendar when it is not the page's first), so the server
 * renders each one from links without scripts and a reload keeps the choice; with scripts the
 * same links are handled in place and the URL follows without a request.
 */

export type BookingView = {
	zone: string
	zoneLabel: string
	locale: string
	weekStart: Weekday
	/** Today's date in the zone, 'YYYY-MM-DD'. */
	today: string
}

export type PickedSlot = { start: string; end: string; label: string }

type Props = {
	kind: 'intro' | 'paid'
	/** The page's first calendar reads the bare URL parameters; another one those with `booking=<kind>`. */
	primary: boolean
	/** What a slot is called in headings: "intro", "session". */
	noun: string
	/** Slot starts, epoch ms, in order. */
	starts: readonly number[]
	minutes: number
	view: BookingView
	/** Whether the viewer may book: without it the times are shown and the confirmation is never reached. */
	canConfirm: boolean
	confirm: (slot: PickedSlot) => ReactNode
	onStepChange?: (step: Step) => void
}

export type Step = 'day' | 'time' | 'confirm'
/** `picked`: the start was chosen here from the slots shown, and stays chosen when a refusal takes it off the list. */
type Choice = { month: string | null; day: string | null; start: string | null; picked?: boolean }

const KEYS = ['month', 'day', 'start', 'booking'] as const

/** The choice the URL holds for a calendar, or none when the URL speaks of the other calendar. */
export function readChoice(params: URLSearchParams, kind: string, primary: boolean): Choice {
	const booking = params.get('booking')
	const ours = booking === kind || (primary && booking === null)
	if (!ours) return { month: null, day: null, start: null }
	const month = params.get('month')
	const day = params.get('day')
	return {
		month: month && /^\d{4}-\d{2}$/.test(month) ? month : null,
		day: day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null,
		start: params.get('start'),
	}
}

function writeChoice(base: URLSearchParams, kind: string, primary: boolean, choice: Choice): string {
	const params = new URLSearchParams(base)
	for (const key of KEYS) params.delete(key)
	if (!primary) params.set('booking', kind)
	if (choice.month) params.set('month', choice.month)
	if (choice.day) params.set('day', choice.day)
	if (choice.start) params.set('start', choice.start)
	return `?${params}`
}

export function SlotPicker({ kind, primary, noun, starts, minutes, view, canConfirm, confirm, onStepChange }: Props) {
	const { zone, zoneLabel, locale } = view
	const [searchParams] = useSearchParams()
	const [choice, setChoice] = useState(() => readChoice(searchParams, kind, primary))
	const [scripted, setScripted] = useState(false)
	useEffect(() => setScripted(true), [])
	const [announcement, setAnnouncement] = useState('')
	const focusNext = useRef<'times' | 'confirm' | 'calendar' | null>(null)
	const timesHeading = useRef<HTMLHeadingElement>(null)
	const confirmHeading = useRef<HTMLHeadingElement>(null)
	const calendarBox = useRef<HTMLDivElement>(null)

	const days = useMemo(() => slotsByDay(starts, zone), [starts, zone])
	const counts = useMemo(() => new Map([...days].map(([day, list]) => [day, list.length])), [days])

	// Only what the slots still allow counts: a time taken meanwhile, or a day without times, is no choice.
	const startMillis = choice.start ? Date.parse(choice.start) : NaN
	const start = canConfirm && !Number.isNaN(startMillis) && (choice.picked || starts.includes(startMillis)) ? startMillis : null
	const day = start !== null ? localDateOf(start, zone) : choice.day && days.has(choice.day) ? choice.day : null
	const firstMonth = starts.length > 0 ? monthOf(localDateOf(starts[0]!, zone)) : monthOf(view.today)
	const lastMonth = starts.length > 0 ? monthOf(localDateOf(starts.at(-1)!, zone)) : firstMonth
	const month = choice.month && choice.month >= firstMonth && choice.month <= lastMonth ? choice.month : day ? monthOf(day) : firstMonth
	const step: Step = start !== null ? 'confirm' : day ? 'time' : 'day'

	useEffect(() => onStepChange?.(step), [step, onStepChange])
	useEffect(() => {
		const target = focusNext.current
		focusNext.current = null
		if (target === 'times') timesHeading.current?.focus()
		else if (target === 'confirm') confirmHeading.current?.focus()
		else if (target === 'calendar') calendarBox.current?.querySelector<HTMLElement>('[tabindex="0"]')?.focus()
	})

	const base = () => (typeof window === 'undefined' ? searchParams : new URLSearchParams(window.location.search))
	const hrefOf = (next: Choice, anchor: string) => `${writeChoice(searchParams, kind, primary, next)}#${anchor}`
	const go = (event: MouseEvent | null, next: Choice, focus: typeof focusNext.current, message: string) => {
		if (!scripted) return
		event?.preventDefault()
		focusNext.current = focus
		setChoice(next)
		setAnnouncement(message)
		const url = `${window.location.pathname}${writeChoice(base(), kind, primary, next)}`
		window.history.replaceState(window.history.state, '', url)
	}

	const chooseDay = (chosen: string) => {
		const count = days.get(chosen)?.length ?? 0
		go(null, { month: monthOf(chosen), day: chosen, start: null }, 'times', `${formatLocalDate(chosen, locale)}: ${count === 1 ? '1 time' : `${count} times`}.`)
	}
	const showMonth = (shown: string) => {
		focusNext.current = null
		setChoice((current) => ({ ...current, month: shown }))
		if (scripted) window.history.replaceState(window.history.state, '', `${window.location.pathname}${writeChoice(base(), kind, primary, { ...choice, month: shown })}`)
	}

	if (step === 'confirm' && start !== null) {
		const end = start + minutes * 60_000
		const when = `${formatLocalDate(day!, locale)}, ${formatSlotClock(start, zone, locale)}–${formatSlotClock(end, zone, locale)}`
		const back = { month, day, start: null }
		return (
			<div id={`${kind}-confirm`} className="space-y-4">
				<p aria-live="polite" className="sr-only">
					{announcement}
				</p>
				<div className="flex flex-wrap items-start justify-between gap-3 rounded-lg bg-brand-50 p-4">
					<div>
						<h3 ref={confirmHeading} tabIndex={-1} className="font-semibold">
							Confirm your {noun}
						</h3>
						<dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
							<dt className="font-medium text-slate-700">When</dt>
							<dd>{when}</dd>
							<dt className="font-medium text-slate-700">Length</dt>
							<dd>{minutes} minutes</dd>
							<dt className="font-medium text-slate-700">Time zone</dt>
							<dd>{zoneLabel}</dd>
						</dl>
					</div>
					<a
						href={hrefOf(back, `${kind}-times`)}
						onClick={(event) => go(event, back, 'times', `Choose another time on ${formatLocalDate(day!, locale)}.`)}
						className="rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium hover:bg-white"
					>
						Change time
					</a>
				</div>
				{confirm({ start: new Date(start).toISOString(), end: new Date(end).toISOString(), label: `${when} (${zoneLabel})` })}
			</div>
		)
	}

	const times = day ? (days.get(day) ?? []) : []
	return (
		<div className="space-y-4">
			<p aria-live="polite" className="sr-only">
				{announcement}
			</p>
			<div ref={calendarBox}>
				<MonthCalendar
					key={kind}
					id={`${kind}-calendar`}
					month={month}
					firstMonth={firstMonth}
					lastMonth={lastMonth}
					counts={counts}
					selected={day}
					today={view.today}
					weekStart={view.weekStart}
					locale={locale}
					scripted={scripted}
					hrefForDay={(d) => hrefOf({ month: monthOf(d), day: d, start: null }, `${kind}-times`)}
					hrefForMonth={(m) => hrefOf({ month: m, day: null, start: null }, `${kind}-calendar-month`)}
					onChooseDay={chooseDay}
					onShowMonth={showMonth}
				/>
			</div>
			{day ? (
				<div id={`${kind}-times`} className="space-y-2 border-t border-slate-200 pt-3">
					<h3 ref={timesHeading} tabIndex={-1} id={`${kind}-times-heading`} className="font-semibold">
						{formatLocalDate(day, locale)}
					</h3>
					<p className="text-xs text-slate-600">Shown in {zoneLabel}</p>
					<ul aria-label={`Times on ${formatLocalDate(day, locale)}`} className="grid grid-cols-[repeat(auto-fill,minmax(6rem,1fr))] gap-1.5">
						{times.map((time) => {
							const clock = formatSlotClock(time, zone, locale)
							const iso = new Date(time).toISOString()
							const next = { month, day, start: iso, picked: true }
							return (
								<li key={time}>
									{canConfirm ? (
										<a
											href={hrefOf(next, `${kind}-confirm`)}
											onClick={(event) => go(event, next, 'confirm', `${formatLocalDate(day, locale)}, ${clock} chosen. Confirm below.`)}
											className="block rounded-md px-2 py-1.5 text-center text-sm font-medium ring-1 ring-brand-100 hover:bg-brand-50"
										>
											{clock}
										</a>
									) : (
										<span className="block rounded-md px-2 py-1.5 text-center text-sm text-slate-700 ring-1 ring-slate-200">{clock}</span>
									)}
								</li>
							)
						})}
					</ul>
				</div>
			) : starts.length > 0 ? (
				<p className="text-sm text-slate-600">Choose a marked day to see its times.</p>
			) : null}
		</div>
	)
}
