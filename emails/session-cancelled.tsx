import { Action, Details, Layout, Paragraph, Quote, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_PAID_SESSION } from './define'
import { formatSessionTime, formatShortTime, sessionKind, type SessionTimes } from './format'

/** Both parties hear of a cancellation: the one who cancelled gets it confirmed (and their calendar updated). */
type Props = {
	otherPartyName: string
	cancelledBy: 'you' | 'other_party' | 'admin'
	reason: string | null
	session: SessionTimes
	creditReturned: boolean
	/** Only people who were sent the event get a cancelling calendar file (a declined-to-be invitation never was). */
	calendarFile?: boolean
}

function SessionCancelled(props: Props & EmailBase) {
	const who = props.cancelledBy === 'admin' ? 'The Mentora team' : props.cancelledBy === 'you' ? 'You' : props.otherPartyName
	const what = `${who} cancelled your ${sessionKind(props.session)}${props.cancelledBy === 'other_party' ? '' : ` with ${props.otherPartyName}`}.`
	return (
		<Layout {...props} preview={what} heading="Session cancelled">
			<Paragraph>
				{what}
				{props.calendarFile === false ? '' : ' The calendar file attached removes it from your calendar.'}
			</Paragraph>
			<Details items={[['Was planned for', formatSessionTime(props.session, props.timeZone)]]} />
			{props.reason ? <Quote>{props.reason}</Quote> : null}
			{props.creditReturned ? <Paragraph>The session credit is back in the bundle, ready to book another time.</Paragraph> : null}
			<Action href={`${props.appUrl}/sessions`}>See your sessions</Action>
		</Layout>
	)
}

export const sessionCancelled = defineTemplate<Props>({
	component: SessionCancelled,
	subject: (p) => `Cancelled: session with ${p.otherPartyName} on ${formatShortTime(p.session.startsAt, p.timeZone)}`,
	category: 'transactional',
	sample: { otherPartyName: 'Lena Hoffmann', cancelledBy: 'other_party', reason: 'I am ill this week, sorry.', session: SAMPLE_PAID_SESSION, creditReturned: true },
})
