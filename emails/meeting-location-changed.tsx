import { whereItem } from './components/meeting-location'
import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_PAID_SESSION } from './define'
import { formatSessionTime, formatShortTime, sessionKind, type SessionTimes } from './format'

/** To the mentee of a scheduled session whose effective location changed; null: the mentor cleared it. */
type Props = { mentorName: string; session: SessionTimes; meetingLocation: string | null }

function MeetingLocationChanged(props: Props & EmailBase) {
	const lead = props.meetingLocation
		? `${props.mentorName} changed where your ${sessionKind(props.session)} happens.`
		: `${props.mentorName} no longer gives a meeting link or place for your ${sessionKind(props.session)}; they will tell you where it happens.`
	return (
		<Layout {...props} preview={lead} heading="Where your session happens changed">
			<Paragraph>{lead} The time stays the same.</Paragraph>
			<Details items={[['When', formatSessionTime(props.session, props.timeZone)], ['With', props.mentorName], ...whereItem(props.meetingLocation, 'mentee')]} />
			<Action href={`${props.appUrl}/sessions`}>See your upcoming sessions</Action>
		</Layout>
	)
}

export const meetingLocationChanged = defineTemplate<Props>({
	component: MeetingLocationChanged,
	subject: (p) => `New place for your session with ${p.mentorName} on ${formatShortTime(p.session.startsAt, p.timeZone)}`,
	category: 'transactional',
	sample: { mentorName: 'Lena Hoffmann', session: SAMPLE_PAID_SESSION, meetingLocation: 'https://meet.example.com/lena-hoffmann' },
})
