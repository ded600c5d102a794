import { Action, Layout, Paragraph, Quote, type EmailBase } from './components/layout'
import { defineTemplate } from './define'

/** The other side declined a pending relationship (PRODUCT.md: "Either side may decline while pending, with an optional note"). */
type Props = { role: 'mentor' | 'mentee'; otherPartyName: string; note: string | null }

function RelationshipDeclined(props: Props & EmailBase) {
	const mentee = props.role === 'mentee'
	return (
		<Layout {...props} preview={`${props.otherPartyName} declined the mentoring relationship`} heading="A match was declined">
			<Paragraph>
				{props.otherPartyName} declined the mentoring relationship with you{props.note ? ', and left a note:' : '.'}
			</Paragraph>
			{props.note ? <Quote>{props.note}</Quote> : null}
			{mentee ? (
				<Action href={`${props.appUrl}/mentors`}>Find another mentor</Action>
			) : (
				<Action href={`${props.appUrl}/relationships`}>Open your relationships</Action>
			)}
		</Layout>
	)
}

export const relationshipDeclined = defineTemplate<Props>({
	component: RelationshipDeclined,
	subject: (p) => `${p.otherPartyName} declined the mentoring relationship`,
	category: 'transactional',
	sample: { role: 'mentee', otherPartyName: 'Lena Hoffmann', note: 'My calendar is full until the autumn; I am sorry.' },
})
