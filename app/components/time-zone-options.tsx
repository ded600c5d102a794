/** The options of a time zone <select>: IANA names, shown with spaces for underscores. */
export function TimeZoneOptions({ zones }: { zones: string[] }) {
	return (
		<>
			{zones.map((zone) => (
				<option key={zone} value={zone}>
					{zone.replaceAll('_', ' ')}
				</option>
			))}
		</>
	)
}
