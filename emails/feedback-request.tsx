import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_PAID_SESSION } from './define'
import { formatSessionTime, type SessionTimes } from './format'

/** To the mentee once a paid session is confirmed as held: rate it (an intro's decision email asks the same), and after a programme relationship's first session, whether it is a good fit. */
type Props = {
	mentorName: string
	session: SessionTimes
	/** The programme, when this was the first session of the pair's relationship in it: "is this a good fit?" is asked too. */
	fitProgramme?: string | null
}

function FeedbackRequest(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`How was your session with ${props.mentorName}?`} heading="How was your session?">
			<Paragraph>
				{props.mentorName} confirmed your session took place. Rate it from 1 to 5, with a comment if you like: {props.mentorName} never
				sees it, and it helps other mentees and the people who run Mentora.
			</Paragraph>
			<Details items={[['Session', formatSessionTime(props.session, props.timeZone)]]} />
			{props.fitProgramme ? (
				<Paragraph>
					It was your first session together in {props.fitProgramme}, so you are also asked there whether {props.mentorName} is a good fit for you. Only the
					programme’s coordinators see your answer, and you can change it later.
				</Paragraph>
			) : null}
			<Action href={`${props.appUrl}/sessions?role=mentee#session-${props.session.id}`}>Rate this session</Action>
		</Layout>
	)
}

export const feedbackRequest = defineTemplate<Props>({
	component: FeedbackRequest,
	subject: (p) => `How was your session with ${p.mentorName}?`,
	category: 'transactional',
	sample: { mentorName: 'Lena Hoffmann', session: SAMPLE_PAID_SESSION, fitProgramme: 'Leadership 2027' },
})
