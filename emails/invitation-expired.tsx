import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_SESSION } from './define'
import { formatSessionTime, type SessionTimes } from './format'

type Props = { mentorName: string; mentorSlug: string | null; session: SessionTimes }

function InvitationExpired(props: Props & EmailBase) {
	const mentorPage = props.mentorSlug ? `${props.appUrl}/mentors/${props.mentorSlug}` : `${props.appUrl}/mentors`
	return (
		<Layout {...props} preview={`${props.mentorName} did not answer your intro request in time`} heading="Your intro request expired">
			<Paragraph>
				{props.mentorName} did not answer your intro invitation before its start time, so it expired. It does not count against your monthly
				intros.
			</Paragraph>
			<Details items={[['Requested time', formatSessionTime(props.session, props.timeZone)]]} />
			<Paragraph>You can ask {props.mentorName} for another time, or find another mentor.</Paragraph>
			<Action href={mentorPage}>Pick another time</Action>
		</Layout>
	)
}

export const invitationExpired = defineTemplate<Props>({
	component: InvitationExpired,
	subject: (p) => `Your intro request to ${p.mentorName} expired`,
	category: 'transactional',
	sample: { mentorName: 'Lena Hoffmann', mentorSlug: 'lena-hoffmann', session: SAMPLE_SESSION },
})
