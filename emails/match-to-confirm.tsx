import { Action, Layout, Paragraph, Quote, type EmailBase } from './components/layout'
import { defineTemplate } from './define'

/** The other side of a pending relationship asks this person to confirm it (or an admin proposed it). */
type Props = { role: 'mentor' | 'mentee'; otherPartyName: string; proposedBy: 'other_party' | 'admin'; note: string | null }

function MatchToConfirm(props: Props & EmailBase) {
	const asWhat = props.role === 'mentor' ? 'your mentee' : 'your mentor'
	return (
		<Layout {...props} preview={`Confirm ${props.otherPartyName} as ${asWhat}`} heading="A match to confirm">
			<Paragraph>
				{props.proposedBy === 'admin' ? 'The Mentora team matched you with' : 'A mentoring relationship is waiting for you with'}{' '}
				{props.otherPartyName}, as {asWhat}. It starts once both of you confirm; you may also decline it.
			</Paragraph>
			{props.note ? <Quote>{props.note}</Quote> : null}
			<Action href={`${props.appUrl}/relationships`}>Confirm or decline</Action>
		</Layout>
	)
}

export const matchToConfirm = defineTemplate<Props>({
	component: MatchToConfirm,
	subject: (p) => `Confirm ${p.otherPartyName} as ${p.role === 'mentor' ? 'your mentee' : 'your mentor'}`,
	category: 'transactional',
	sample: { role: 'mentee', otherPartyName: 'Priya Raman', proposedBy: 'admin', note: 'You share data science and a wish to move into ML.' },
})
