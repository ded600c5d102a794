import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_PAID_SESSION } from './define'
import { formatSessionTime, type SessionTimes } from './format'

type Props = { mentorName: string; menteeName: string; session: SessionTimes }

function UnconfirmedSessionAlert(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`${props.mentorName} has not confirmed a session for a week`} heading="A session is still unconfirmed">
			<Paragraph>
				{props.mentorName} has not confirmed their session with {props.menteeName} a week after it ended. Until someone does,
				the credit stays reserved and no payout is released. You may confirm it for them.
			</Paragraph>
			<Details
				items={[
					['Session', formatSessionTime(props.session, props.timeZone)],
					['Mentor', props.mentorName],
					['Mentee', props.menteeName],
				]}
			/>
			<Action href={`${props.appUrl}/admin/sessions?status=awaiting_confirmation`}>Review unconfirmed sessions</Action>
		</Layout>
	)
}

export const unconfirmedSessionAlert = defineTemplate<Props>({
	component: UnconfirmedSessionAlert,
	subject: (p) => `Unconfirmed for 7 days: ${p.mentorName}'s session with ${p.menteeName}`,
	category: 'admin_alert',
	sample: { mentorName: 'Marcus Johnson', menteeName: 'Aisha Bello', session: SAMPLE_PAID_SESSION },
})
