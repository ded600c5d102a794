import { Action, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate } from './define'
import { formatDate } from './format'

type Props = { role: 'mentor' | 'mentee'; otherPartyName: string; mentorSlug: string | null; lastSessionAt: string | null }

function ScheduleReminder(props: Props & EmailBase) {
	// Mentees book; mentors can only nudge, so they go to their sessions and messages.
	const href = props.role === 'mentee' && props.mentorSlug ? `${props.appUrl}/mentors/${props.mentorSlug}` : `${props.appUrl}/sessions`
	return (
		<Layout {...props} preview={`Time for your next session with ${props.otherPartyName}?`} heading="Time to schedule a session">
			<Paragraph>
				You and {props.otherPartyName} have nothing booked.{' '}
				{props.lastSessionAt ? `Your last session was on ${formatDate(props.lastSessionAt, props.timeZone)}.` : 'You have not had a session together yet.'}{' '}
				Regular sessions are what make mentoring work.
			</Paragraph>
			<Action href={href}>{props.role === 'mentee' ? 'Book a session' : 'See your sessions'}</Action>
		</Layout>
	)
}

export const scheduleReminder = defineTemplate<Props>({
	component: ScheduleReminder,
	subject: (p) => `Time for your next session with ${p.otherPartyName}`,
	category: 'schedule_reminder',
	sample: { role: 'mentee', otherPartyName: 'Lena Hoffmann', mentorSlug: 'lena-hoffmann', lastSessionAt: '2027-01-12T09:00:00.000Z' },
})
