import { Action, Layout, Paragraph, Quote, type EmailBase } from './components/layout'
import { defineTemplate } from './define'
import { formatDate } from './format'

/**
 * A confirmed relationship ended, to both of its people (PRODUCT.md: "Either side may end a confirmed
 * relationship, with a note"; an admin may end a lapsed one). An admin is named as Mentora's team:
 * their own name is private to the team.
 */
type Props = {
	role: 'mentor' | 'mentee'
	otherPartyName: string
	endedBy: 'you' | 'other_party' | 'team'
	note: string | null
	endedAt: string
	/** A programme's relationship: its mentee goes back to searching there. */
	programme: { slug: string; name: string } | null
}

function whoEnded(p: Props & EmailBase): string {
	const on = formatDate(p.endedAt, p.timeZone)
	if (p.endedBy === 'you') return `You ended your mentoring relationship with ${p.otherPartyName} on ${on}`
	if (p.endedBy === 'team') return `Mentora's team ended your mentoring relationship with ${p.otherPartyName} on ${on}`
	return `${p.otherPartyName} ended your mentoring relationship on ${on}`
}

function RelationshipEnded(props: Props & EmailBase) {
	const { programme } = props
	return (
		<Layout {...props} preview={`Your mentoring relationship with ${props.otherPartyName} ended`} heading="A mentoring relationship ended">
			<Paragraph>
				{whoEnded(props)}
				{props.note ? (props.endedBy === 'you' ? ', with this note:' : ', and left a note:') : '.'}
			</Paragraph>
			{props.note ? <Quote>{props.note}</Quote> : null}
			{props.role === 'mentor' ? (
				<>
					<Paragraph>It stays in your relationships as history.</Paragraph>
					<Action href={`${props.appUrl}/relationships`}>Open your relationships</Action>
				</>
			) : programme ? (
				<>
					<Paragraph>You are back to searching in {programme.name}: your coordinator can match you with a new mentor there.</Paragraph>
					<Action href={`${props.appUrl}/programmes/${programme.slug}`}>{`Open ${programme.name}`}</Action>
				</>
			) : (
				<>
					<Paragraph>Your past sessions stay in your history. When you are ready, find a mentor and book an intro.</Paragraph>
					<Action href={`${props.appUrl}/mentors`}>Find a mentor</Action>
				</>
			)}
		</Layout>
	)
}

export const relationshipEnded = defineTemplate<Props>({
	component: RelationshipEnded,
	subject: (p) => `Your mentoring relationship with ${p.otherPartyName} ended`,
	category: 'transactional',
	sample: {
		role: 'mentee',
		otherPartyName: 'Lena Hoffmann',
		endedBy: 'other_party',
		note: 'I am taking a new role and no longer have the time to mentor. Thank you for these months.',
		endedAt: '2027-06-01T12:00:00.000Z',
		programme: null,
	},
})
