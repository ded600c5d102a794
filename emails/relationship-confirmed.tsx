import { Action, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate } from './define'

/** To both people, once both have confirmed a mentoring relationship. */
type Props = { role: 'mentor' | 'mentee'; otherPartyName: string; mentorSlug: string | null; programmeName: string | null }

function RelationshipConfirmed(props: Props & EmailBase) {
	const asWhat = props.role === 'mentor' ? 'your mentee' : 'your mentor'
	const inProgramme = props.programmeName ? ` in ${props.programmeName}` : ''
	const next =
		props.role === 'mentee'
			? props.programmeName
				? 'Agree on a first session together; log it in Mentora so the programme sees it.'
				: `Book your sessions from ${props.otherPartyName}’s page: buy a bundle there, then pick the times that suit you both.`
			: `${props.otherPartyName} can now book sessions with you; you will be told of each booking.`
	const href = props.role === 'mentee' && props.mentorSlug && !props.programmeName ? `${props.appUrl}/mentors/${props.mentorSlug}` : `${props.appUrl}/relationships`
	return (
		<Layout {...props} preview={`${props.otherPartyName} is ${asWhat}${inProgramme}`} heading="Your mentoring relationship has started">
			<Paragraph>
				You and {props.otherPartyName} both confirmed: {props.otherPartyName} is {asWhat}
				{inProgramme}.
			</Paragraph>
			<Paragraph>{next}</Paragraph>
			<Action href={href}>{props.role === 'mentee' && props.mentorSlug && !props.programmeName ? 'Book sessions' : 'See your relationships'}</Action>
		</Layout>
	)
}

export const relationshipConfirmed = defineTemplate<Props>({
	component: RelationshipConfirmed,
	subject: (p) => `${p.otherPartyName} is now ${p.role === 'mentor' ? 'your mentee' : 'your mentor'}`,
	category: 'transactional',
	sample: { role: 'mentee', otherPartyName: 'Lena Hoffmann', mentorSlug: 'lena-hoffmann', programmeName: null },
})
