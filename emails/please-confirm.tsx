import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_SESSION } from './define'
import { formatSessionTime, sessionKind, type SessionTimes } from './format'

type Props = { menteeName: string; session: SessionTimes }

function body(reminder: boolean) {
	return function PleaseConfirm(props: Props & EmailBase) {
		const intro = props.session.type === 'intro'
		return (
			<Layout
				{...props}
				preview={`How did your ${sessionKind(props.session)} with ${props.menteeName} go?`}
				heading={reminder ? 'Your session still waits for confirmation' : 'Please confirm your session'}
			>
				<Paragraph>
					{reminder ? 'A day has passed since' : 'Your'} {sessionKind(props.session)} with {props.menteeName}{' '}
					{reminder ? 'ended, and it is not confirmed yet.' : 'has ended.'} Tell us whether it took place
					{intro ? ', and whether you would like to continue mentoring them.' : '; confirming it releases your payout.'}
				</Paragraph>
				<Details items={[['When', formatSessionTime(props.session, props.timeZone)], ['With', props.menteeName]]} />
				<Action href={`${props.appUrl}/sessions?tab=confirm`}>Confirm the session</Action>
			</Layout>
		)
	}
}

/** Sent when the session ends (the state change). */
export const pleaseConfirm = defineTemplate<Props>({
	component: body(false),
	subject: (p) => `Please confirm your session with ${p.menteeName}`,
	category: 'transactional',
	sample: { menteeName: 'Maya Chen', session: SAMPLE_SESSION },
})

/** Sent 24 hours later if it is still unconfirmed: a reminder, so it can be muted. */
export const confirmReminder = defineTemplate<Props>({
	component: body(true),
	subject: (p) => `Reminder: confirm your session with ${p.menteeName}`,
	category: 'confirm_reminder',
	sample: { menteeName: 'Maya Chen', session: SAMPLE_SESSION },
})
