import { whereItem } from './components/meeting-location'
import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_SESSION } from './define'
import { formatSessionTime, formatShortTime, type SessionTimes } from './format'

type Props = { mentorName: string; session: SessionTimes; meetingLocation?: string | null }

function InvitationAccepted(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`${props.mentorName} accepted your intro`} heading="Your intro is booked">
			<Paragraph>{props.mentorName} accepted your invitation. The calendar file attached adds it to your calendar.</Paragraph>
			<Details items={[['When', formatSessionTime(props.session, props.timeZone)], ['With', props.mentorName], ...whereItem(props.meetingLocation, 'mentee')]} />
			<Action href={`${props.appUrl}/sessions`}>See your upcoming sessions</Action>
		</Layout>
	)
}

export const invitationAccepted = defineTemplate<Props>({
	component: InvitationAccepted,
	subject: (p) => `${p.mentorName} accepted your intro on ${formatShortTime(p.session.startsAt, p.timeZone)}`,
	category: 'transactional',
	sample: { mentorName: 'Lena Hoffmann', session: SAMPLE_SESSION, meetingLocation: 'Café Central, Herrengasse 14, Vienna' },
})
