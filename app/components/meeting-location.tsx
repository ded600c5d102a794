import { describeMeetingLocation } from '~/rules/meeting-location'

/**
 * Where a session happens: a meeting link opens in a new tab (and tells the other site nothing of
 * Mentora), a place is plain text.
 */
export function MeetingLocationText({ value }: { value: string }) {
	const location = describeMeetingLocation(value)
	if (location.kind === 'place') return <span className="break-words">{location.text}</span>
	return (
		<a href={location.href} target="_blank" rel="noopener noreferrer" className="break-all font-medium text-brand-700 underline">
			{location.text}
			<span className="sr-only"> (opens in a new tab)</span>
		</a>
	)
}
