import { Action, Details, Layout, Paragraph, Quote, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_SESSION } from './define'
import { formatSessionTime, type SessionTimes } from './format'

type Props = { mentorName: string; session: SessionTimes; reason: string }

function InvitationRejected(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`${props.mentorName} declined your intro`} heading="Your intro was declined">
			<Paragraph>{props.mentorName} cannot take your intro invitation. Their reason:</Paragraph>
			<Quote>{props.reason}</Quote>
			<Details items={[['Requested time', formatSessionTime(props.session, props.timeZone)]]} />
			<Paragraph>It does not count against your monthly intros. Another mentor may be a better fit.</Paragraph>
			<Action href={`${props.appUrl}/mentors`}>Find another mentor</Action>
		</Layout>
	)
}

export const invitationRejected = defineTemplate<Props>({
	component: InvitationRejected,
	subject: (p) => `${p.mentorName} declined your intro invitation`,
	category: 'transactional',
	sample: { mentorName: 'Lena Hoffmann', session: SAMPLE_SESSION, reason: 'I mostly mentor engineering managers; Priya is a better fit for data roles.' },
})
