import { whereItem } from './components/meeting-location'
import { Action, Details, Layout, Paragraph, Quote, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_PAID_SESSION } from './define'
import { formatSessionTime, formatShortTime, sessionKind, type SessionTimes } from './format'

/** `timeLeft` ("in 5 hours") is said when the reminder is queued; emails queued before it existed say "soon". */
type Props = { role: 'mentor' | 'mentee'; otherPartyName: string; session: SessionTimes; agenda: string | null; timeLeft?: string; meetingLocation?: string | null }

const timeLeftOf = (p: Props) => p.timeLeft ?? 'soon'

function SessionReminder(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`Your ${sessionKind(props.session)} with ${props.otherPartyName} starts ${timeLeftOf(props)}`} heading={`Your session starts ${timeLeftOf(props)}`}>
			<Paragraph>
				A reminder of your {sessionKind(props.session)} with {props.otherPartyName}.
			</Paragraph>
			<Details items={[['When', formatSessionTime(props.session, props.timeZone)], ['With', props.otherPartyName], ...whereItem(props.meetingLocation, props.role)]} />
			{props.agenda ? (
				<>
					<Paragraph>The agenda:</Paragraph>
					<Quote>{props.agenda}</Quote>
				</>
			) : (
				<Paragraph>There is no agenda yet: a few lines on what you want to cover make the time count.</Paragraph>
			)}
			<Action href={`${props.appUrl}/sessions`}>Open your upcoming sessions</Action>
		</Layout>
	)
}

export const sessionReminder = defineTemplate<Props>({
	component: SessionReminder,
	subject: (p) => `Session with ${p.otherPartyName} ${timeLeftOf(p)}, at ${formatShortTime(p.session.startsAt, p.timeZone)}`,
	category: 'session_reminder',
	sample: {
		role: 'mentee',
		otherPartyName: 'Lena Hoffmann',
		session: SAMPLE_PAID_SESSION,
		agenda: '1. Feedback on my promotion packet\n2. How to run my first skip-level meeting',
		timeLeft: 'in 24 hours',
		meetingLocation: 'https://meet.example.com/lena-hoffmann',
	},
})
