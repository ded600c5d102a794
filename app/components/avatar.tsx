import { avatarColours, initialsOf } from '~/rules/avatar'
import { photoSizeFor, photoUrl } from '~/rules/profile-photo'

export type AvatarPerson = { id: string; name: string; photoVersion: string | null }

/**
 * A person's photo, or their initials on their own colour when they have none. `size` is in CSS
 * pixels; the small file serves up to 64, the large one above. `decorative` leaves it out of the
 * accessible text where the name is already said beside it, inside the same link.
 * Photos load lazily, so a long list fetches only what is scrolled to.
 */
export function Avatar({
	person,
	size,
	decorative = false,
	eager = false,
	className = '',
}: {
	person: AvatarPerson
	size: number
	decorative?: boolean
	/** For a photo at the top of the page: fetched at once rather than when scrolled to. */
	eager?: boolean
	className?: string
}) {
	const shape = `shrink-0 rounded-full ${className}`
	if (person.photoVersion) {
		return (
			<img
				src={photoUrl({ userId: person.id, version: person.photoVersion }, photoSizeFor(size))}
				width={size}
				height={size}
				alt={decorative ? '' : person.name}
				loading={eager ? 'eager' : 'lazy'}
				decoding="async"
				className={`${shape} inline-block bg-slate-200 object-cover`}
			/>
		)
	}
	const colours = avatarColours(person.id)
	return (
		<span
			{...(decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': person.name })}
			className={`${shape} inline-flex items-center justify-center leading-none font-semibold select-none`}
			style={{ width: size, height: size, backgroundColor: colours.background, color: colours.text, fontSize: Math.max(10, Math.round(size * 0.4)) }}
		>
			{initialsOf(person.name)}
		</span>
	)
}
