import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_PAID_SESSION } from './define'
import { formatSessionTime, type SessionTimes } from './format'

/** To the mentee once a paid session is confirmed as held: rate it (an intro's decision email asks the same). */
type Props = { mentorName: string; session: SessionTimes }

function FeedbackRequest(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`How was your session with ${props.mentorName}?`} heading="How was your session?">
			<Paragraph>
				{props.mentorName} confirmed your session took place. Rate it from 1 to 5, with a comment if you like: {props.mentorName} never
				sees it, and it helps other mentees and the people who run Mentora.
			</Paragraph>
			<Details items={[['Session', formatSessionTime(props.session, props.timeZone)]]} />
			<Action href={`${props.appUrl}/sessions?role=mentee#session-${props.session.id}`}>Rate this session</Action>
		</Layout>
	)
}

export const feedbackRequest = defineTemplate<Props>({
	component: FeedbackRequest,
	subject: (p) => `How was your session with ${p.mentorName}?`,
	category: 'transactional',
	sample: { mentorName: 'Lena Hoffmann', session: SAMPLE_PAID_SESSION },
})
