import { Link } from '@remix-run/react'
import { type SessionItem } from '~/services/my-sessions.server'
import { formatClock } from '~/utils/format-time'

export type WeekDay = { date: string; label: string; slots: { start: string; end: string }[]; sessions: SessionItem[] }

const STATUS_LABEL: Record<string, string> = { pending: 'invitation', scheduled: 'booked', awaiting_confirmation: 'to confirm' }

/**
 * The mentor's week as mentees see it: the slots they can book, with the mentor's own live
 * sessions drawn in. Seven columns on a wide screen, a list of days on a phone.
 */
export function WeekView({
	days,
	zone,
	zoneLabel,
	title,
	links,
}: {
	days: WeekDay[]
	zone: string
	zoneLabel: string
	title: string
	links: { previous: string; next: string; current: string }
}) {
	return (
		<section aria-labelledby="week-view" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
			<div className="flex flex-wrap items-baseline justify-between gap-3">
				<div>
					<h2 id="week-view" className="text-lg font-semibold">
						{title}
					</h2>
					<p className="text-sm text-slate-600">Times in {zoneLabel}. Slots are what mentees can book now; sessions are drawn in.</p>
				</div>
				<nav aria-label="Weeks" className="flex gap-3 text-sm font-semibold">
					<Link to={links.previous} className="text-brand-700 underline">
						Previous week
					</Link>
					<Link to={links.current} className="text-brand-700 underline">
						This week
					</Link>
					<Link to={links.next} className="text-brand-700 underline">
						Next week
					</Link>
				</nav>
			</div>
			<ol className="grid gap-3 md:grid-cols-7">
				{days.map((day) => {
					const entries = [
						...day.sessions.map((s) => ({ kind: 'session' as const, start: s.start, session: s })),
						...day.slots.map((s) => ({ kind: 'slot' as const, start: s.start })),
					].sort((a, b) => a.start.localeCompare(b.start))
					return (
						<li key={day.date} aria-labelledby={`day-${day.date}`} className="rounded-lg bg-slate-50 p-2 ring-1 ring-slate-200">
							<h3 id={`day-${day.date}`} className="text-sm font-semibold">
								{day.label}
							</h3>
							{entries.length === 0 ? (
								<p className="mt-1 text-xs text-slate-500">No slots</p>
							) : (
								<ul aria-label={`Slots and sessions on ${day.label}`} className="mt-1 flex flex-wrap gap-1 md:flex-col">
									{entries.map((entry) =>
										entry.kind === 'slot' ? (
											<li key={`slot-${entry.start}`} className="rounded bg-white px-1.5 py-0.5 text-xs text-brand-700 ring-1 ring-brand-100">
												{formatClock(entry.start, zone)}
											</li>
										) : (
											<li key={entry.session.id} className="w-full rounded bg-brand-600 px-1.5 py-1 text-xs text-white">
												<span className="font-semibold">
													{formatClock(entry.session.start, zone)}–{formatClock(entry.session.end, zone)}
												</span>{' '}
												{entry.session.type === 'intro' ? 'Intro' : 'Paid'} with {entry.session.mentee.name} ({STATUS_LABEL[entry.session.status] ?? entry.session.status})
											</li>
										),
									)}
								</ul>
							)}
						</li>
					)
				})}
			</ol>
		</section>
	)
}
