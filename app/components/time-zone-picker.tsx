import { useEffect, useId, useMemo, useState, type SelectHTMLAttributes } from 'react'
import { canonicalTimeZone, groupTimeZones, matchesTimeZoneSearch, type TimeZoneGroup } from '~/rules/time-zones'
import { inputClass } from './forms'
import { TimeZoneOptions } from './time-zone-options'

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'defaultValue'> & {
	zones: string[]
	value?: string
	/** As Conform hands it over; only a zone name means anything here. */
	defaultValue?: SelectHTMLAttributes<HTMLSelectElement>['defaultValue']
	/** The zone chosen, from the list or by a search that left the choice without a match. */
	onZoneChange?: (zone: string, via: 'select' | 'search') => void
}

/**
 * A time zone <select> grouped by region, labelled "Kolkata (UTC+05:30)". Once the page runs
 * scripts a search box sits above it: typing "Kyiv" or "New York" narrows the list and picks the
 * first match, so the choice shown is always one the search found. Without scripts the grouped
 * <select> works alone. Zones come in by any name and are shown by their current one.
 */
export function TimeZonePicker({ zones, value, defaultValue, onZoneChange, onChange, className, ...selectProps }: Props) {
	const [own, setOwn] = useState(() => canonicalTimeZone(typeof defaultValue === 'string' && defaultValue ? defaultValue : 'UTC'))
	const selected = canonicalTimeZone(value ?? own)
	const [query, setQuery] = useState('')
	const [scripted, setScripted] = useState(false)
	useEffect(() => setScripted(true), [])
	const searchId = useId()

	// The clock of the device: an offset label is for the person picking, and stays an hour in the cache.
	const groups = useMemo(() => groupTimeZones([...zones, selected], new Date()), [zones, selected])
	const found = useMemo(() => filterGroups(groups, query), [groups, query])

	const choose = (zone: string, via: 'select' | 'search') => {
		setOwn(zone)
		onZoneChange?.(zone, via)
	}
	const search = (text: string) => {
		setQuery(text)
		const matches = filterGroups(groups, text).flatMap((group) => group.options)
		if (matches.length > 0 && !matches.some((option) => option.zone === selected)) choose(matches[0]!.zone, 'search')
	}
	const nothingFound = query.trim() !== '' && found.length === 0

	return (
		<div className="space-y-1">
			{scripted ? (
				<input
					id={searchId}
					type="search"
					aria-label="Find a city"
					aria-controls={selectProps.id}
					placeholder="Find a city: Kolkata, Kyiv, New York…"
					autoComplete="off"
					value={query}
					onChange={(event) => search(event.target.value)}
					// Enter confirms the match; it does not send the rest of the form half filled.
					onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
					className={inputClass}
				/>
			) : null}
			<select
				{...selectProps}
				value={selected}
				onChange={(event) => {
					choose(event.target.value, 'select')
					onChange?.(event)
				}}
				className={className ?? inputClass}
			>
				<TimeZoneOptions groups={nothingFound ? groups : found} />
			</select>
			{nothingFound ? (
				<p role="status" className="text-sm text-slate-600">
					No zone matches “{query.trim()}”; all zones are listed.
				</p>
			) : null}
		</div>
	)
}

function filterGroups(groups: TimeZoneGroup[], query: string): TimeZoneGroup[] {
	if (!query.trim()) return groups
	return groups
		.map((group) => ({ ...group, options: group.options.filter((option) => matchesTimeZoneSearch(option, query)) }))
		.filter((group) => group.options.length > 0)
}
