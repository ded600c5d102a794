import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_SESSION } from './define'
import { formatSessionTime, formatShortTime, type SessionTimes } from './format'

/** To the mentee, when the mentor records that she did not show for a paid session: she may dispute it. */
type Props = { mentorName: string; session: SessionTimes; disputableUntil: string }

function OutcomeToDispute(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`${props.mentorName} recorded that you did not attend`} heading="Your mentor recorded that you did not attend">
			<Paragraph>
				{props.mentorName} recorded that you did not show for this session, so its credit is used and {props.mentorName} is paid for it.
			</Paragraph>
			<Details items={[['Session', formatSessionTime(props.session, props.timeZone)]]} />
			<Paragraph>
				If that is not what happened, dispute it until {formatShortTime(props.disputableUntil, props.timeZone)} ({props.timeZone}): the payment
				then waits, and an admin decides. If they find the mentor did not show, your credit comes back.
			</Paragraph>
			<Action href={`${props.appUrl}/sessions?role=mentee#session-${props.session.id}`}>Dispute this outcome</Action>
		</Layout>
	)
}

export const outcomeToDispute = defineTemplate<Props>({
	component: OutcomeToDispute,
	subject: (p) => `${p.mentorName} recorded that you did not attend: dispute it within 48 hours`,
	category: 'transactional',
	sample: { mentorName: 'Lena Hoffmann', session: { ...SAMPLE_SESSION, type: 'paid' }, disputableUntil: '2027-03-04T09:00:00.000Z' },
})
