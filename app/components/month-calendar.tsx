import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { addMonths, CALENDAR_KEYS, clampDate, daysInMonth, monthGrid, monthOf, moveFocus, weekdayColumns, type CalendarKey, type Weekday } from '~/rules/month-calendar'
import { formatLocalDate, formatLocalMonth, formatWeekday } from '~/utils/format-time'

/**
 * A month of days to pick from, as the WAI-ARIA date grid: one day in the tab order at a time
 * (the chosen one, else the month's first with times), arrow keys move a day or a week, Home and
 * End to the week's ends, PageUp and PageDown a month, Enter or Space choose. Days without times
 * are shown disabled and announced as such; days with times carry a mark and their count.
 *
 * Without scripts every day with times is a plain link (`hrefForDay`) and the month buttons are
 * links too, so the server renders the next step; with scripts the same links are handled here.
 */

type Props = {
	/** Prefix of the ids in the calendar. */
	id: string
	month: string
	/** The months that can be shown, 'YYYY-MM'. */
	firstMonth: string
	lastMonth: string
	/** Number of times per local day; days missing have none. */
	counts: ReadonlyMap<string, number>
	selected: string | null
	today: string
	weekStart: Weekday
	locale: string
	scripted: boolean
	hrefForDay: (day: string) => string
	hrefForMonth: (month: string) => string
	onChooseDay: (day: string) => void
	onShowMonth: (month: string) => void
}

export function MonthCalendar(props: Props) {
	const { id, month, firstMonth, lastMonth, counts, selected, today, weekStart, locale, scripted } = props
	const firstOfMonth = (m: string) => [...counts.keys()].find((day) => monthOf(day) === m) ?? `${m}-01`
	const [focus, setFocus] = useState(() => (selected && monthOf(selected) === month ? selected : firstOfMonth(month)))
	const focusDay = monthOf(focus) === month ? focus : selected && monthOf(selected) === month ? selected : firstOfMonth(month)
	const cells = useRef(new Map<string, HTMLElement>())
	const moved = useRef(false)

	useEffect(() => {
		if (!moved.current) return
		moved.current = false
		cells.current.get(focusDay)?.focus()
	}, [focusDay])

	const lastDay = `${lastMonth}-${String(daysInMonth(lastMonth)).padStart(2, '0')}`
	const onKeyDown = (event: KeyboardEvent) => {
		if (event.key === 'Enter' || event.key === ' ') {
			event.preventDefault()
			if (counts.has(focusDay)) props.onChooseDay(focusDay)
			return
		}
		if (!CALENDAR_KEYS.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) return
		event.preventDefault()
		const next = clampDate(moveFocus(focusDay, event.key as CalendarKey, weekStart), `${firstMonth}-01`, lastDay)
		moved.current = true
		setFocus(next)
		if (monthOf(next) !== month) props.onShowMonth(monthOf(next))
	}
	const showMonth = (event: MouseEvent, next: string) => {
		if (!scripted) return
		event.preventDefault()
		setFocus(firstOfMonth(next))
		props.onShowMonth(next)
	}

	const title = formatLocalMonth(month, locale)
	const previous = addMonths(month, -1)
	const next = addMonths(month, 1)
	const arrow = 'inline-flex h-9 w-9 items-center justify-center rounded-md ring-1 ring-slate-300 hover:bg-brand-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600'
	return (
		<div className="space-y-2">
			<div className="flex items-center justify-between gap-2">
				<h3 id={`${id}-month`} className="font-semibold" aria-live="polite">
					{title}
				</h3>
				<div className="flex gap-1">
					{previous >= firstMonth ? (
						<a href={props.hrefForMonth(previous)} onClick={(e) => showMonth(e, previous)} className={arrow} aria-label={`Previous month, ${formatLocalMonth(previous, locale)}`}>
							<span aria-hidden="true">‹</span>
						</a>
					) : (
						<button type="button" disabled className={`${arrow} cursor-not-allowed opacity-40`} aria-label="Previous month">
							<span aria-hidden="true">‹</span>
						</button>
					)}
					{next <= lastMonth ? (
						<a href={props.hrefForMonth(next)} onClick={(e) => showMonth(e, next)} className={arrow} aria-label={`Next month, ${formatLocalMonth(next, locale)}`}>
							<span aria-hidden="true">›</span>
						</a>
					) : (
						<button type="button" disabled className={`${arrow} cursor-not-allowed opacity-40`} aria-label="Next month">
							<span aria-hidden="true">›</span>
						</button>
					)}
				</div>
			</div>
			<table role="grid" aria-labelledby={`${id}-month`} className="w-full table-fixed border-collapse text-center text-sm" onKeyDown={scripted ? onKeyDown : undefined}>
				<thead>
					<tr>
						{weekdayColumns(weekStart).map((weekday) => (
							<th key={weekday} scope="col" role="columnheader" abbr={formatWeekday(weekday, locale, 'long')} className="pb-1 text-xs font-medium text-slate-600">
								{formatWeekday(weekday, locale)}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{monthGrid(month, weekStart).map((week, row) => (
						<tr key={row}>
							{week.map((day, column) => {
								if (!day) return <td key={`blank-${column}`} role="gridcell" />
								const count = counts.get(day) ?? 0
								const roving = scripted ? (day === focusDay ? 0 : -1) : undefined
								const keep = (element: HTMLElement | null) => {
									if (element) cells.current.set(day, element)
									else cells.current.delete(day)
								}
								const spoken = `${formatLocalDate(day, locale)}: ${count === 0 ? 'no times' : count === 1 ? '1 time' : `${count} times`}`
								const number = <span aria-hidden="true">{Number(day.slice(8))}</span>
								const isToday = day === today ? ('date' as const) : undefined
								if (count === 0)
									return (
										<td key={day} ref={keep} role="gridcell" aria-disabled="true" aria-current={isToday} tabIndex={roving} className="p-0.5 text-slate-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600">
											<span className={`flex h-9 items-center justify-center rounded-md ${isToday ? 'underline' : ''}`}>
												{number}
												<span className="sr-only">{spoken}</span>
											</span>
										</td>
									)
								const chosen = day === selected
								return (
									<td key={day} role="gridcell" aria-selected={chosen} aria-current={isToday} className="p-0.5">
										<a
											ref={keep}
											href={props.hrefForDay(day)}
											tabIndex={roving}
											onClick={(event) => {
												if (!scripted) return
												event.preventDefault()
												setFocus(day)
												props.onChooseDay(day)
											}}
											className={`relative flex h-9 flex-col items-center justify-center rounded-md font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 ${
												chosen ? 'bg-brand-600 text-white' : 'bg-brand-50 text-brand-900 hover:bg-brand-100'
											} ${isToday ? 'underline' : ''}`}
										>
											{number}
											<span aria-hidden="true" className={`absolute bottom-1 h-1 w-1 rounded-full ${chosen ? 'bg-white' : 'bg-brand-600'}`} />
											<span className="sr-only">{spoken}</span>
										</a>
									</td>
								)
							})}
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}
