import { type TimeZoneGroup } from '~/rules/time-zones'

/**
 * The options of a time zone <select>, grouped by region: "Kolkata (UTC+05:30)" under Asia. The
 * offset is read from the clock at render time, so the browser may render it a moment after the
 * server did; the text is left as the server wrote it.
 */
export function TimeZoneOptions({ groups }: { groups: TimeZoneGroup[] }) {
	return (
		<>
			{groups.map(({ region, options }) => (
				<optgroup key={region} label={region}>
					{options.map((option) => (
						<option key={option.zone} value={option.zone} suppressHydrationWarning>
							{option.label}
						</option>
					))}
				</optgroup>
			))}
		</>
	)
}
