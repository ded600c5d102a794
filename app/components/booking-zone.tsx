import { useNavigate, useSearchParams } from '@remix-run/react'
import { inputClass } from './forms'
import { TimeZonePicker } from './time-zone-picker'

/**
 * The zone the booking calendars show times in (`?tz=`). Without scripts the form reloads the page
 * with the zone and the choice so far; with scripts a zone chosen from the list or found by the
 * search shows the times in it at once, keeping the time picked (an instant, whatever the zone).
 */
export function BookingZone({ zone, zoneLabel, zones }: { zone: string; zoneLabel: string; zones: string[] }) {
	const navigate = useNavigate()
	const [searchParams] = useSearchParams()
	const show = (next: string) => {
		// The URL the calendars keep up to date themselves, not the one the router last saw.
		const params = new URLSearchParams(window.location.search)
		params.set('tz', next)
		// A day is a local date: the zone's own day of the time picked, else the calendar starts again.
		params.delete('day')
		params.delete('month')
		navigate(`?${params}`, { replace: true, preventScrollReset: true })
	}
	const kept = [...searchParams].filter(([key]) => key !== 'tz')
	return (
		<form
			method="get"
			className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
			onSubmit={(event) => {
				event.preventDefault()
				const chosen = new FormData(event.currentTarget).get('tz')
				if (typeof chosen === 'string') show(chosen)
			}}
		>
			{kept.map(([key, value]) => (
				<input key={key} type="hidden" name={key} value={value} />
			))}
			<div className="flex items-end gap-2">
				<div className="min-w-0 flex-1">
					<label htmlFor="booking-tz" className="block text-xs font-medium text-slate-700">
						Times shown in
					</label>
					<TimeZonePicker
						id="booking-tz"
						name="tz"
						zones={zones}
						defaultValue={zone}
						className={`${inputClass} mt-0.5`}
						onZoneChange={(next) => next !== zone && show(next)}
					/>
				</div>
				<button type="submit" className="rounded-md border border-slate-400 px-3 py-2 text-sm font-medium">
					Change
				</button>
			</div>
			<p className="text-sm text-slate-600">Times in {zoneLabel}.</p>
		</form>
	)
}
