import { whereItem } from './components/meeting-location'
import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_PAID_SESSION } from './define'
import { formatSessionTime, formatShortTime, type SessionTimes } from './format'

/** `meetingLocation`: where it happens when the email was queued (absent in emails queued before sessions said so). */
type Props = { role: 'mentor' | 'mentee'; otherPartyName: string; session: SessionTimes; meetingLocation?: string | null }

function BookingConfirmed(props: Props & EmailBase) {
	const intro = props.role === 'mentor' ? `${props.otherPartyName} booked a session with you.` : `Your session with ${props.otherPartyName} is booked.`
	return (
		<Layout {...props} preview={intro} heading="Session booked">
			<Paragraph>{intro} The calendar file attached adds it to your calendar.</Paragraph>
			<Details items={[['When', formatSessionTime(props.session, props.timeZone)], ['With', props.otherPartyName], ...whereItem(props.meetingLocation, props.role)]} />
			<Action href={`${props.appUrl}/sessions`}>See your upcoming sessions</Action>
		</Layout>
	)
}

export const bookingConfirmed = defineTemplate<Props>({
	component: BookingConfirmed,
	subject: (p) => `Booked: session with ${p.otherPartyName} on ${formatShortTime(p.session.startsAt, p.timeZone)}`,
	category: 'transactional',
	sample: { role: 'mentee', otherPartyName: 'Lena Hoffmann', session: SAMPLE_PAID_SESSION, meetingLocation: 'https://meet.example.com/lena-hoffmann' },
})
