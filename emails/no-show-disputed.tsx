import { Action, Details, Layout, Paragraph, Quote, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_SESSION } from './define'
import { formatSessionTime, type SessionTimes } from './format'

/** To the admins: a mentee disputes a "did not show"; the payout waits for their decision. */
type Props = { mentorName: string; menteeName: string; session: SessionTimes; note: string }

function NoShowDisputed(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`${props.menteeName} disputes a no-show`} heading="A no-show is disputed">
			<Paragraph>
				{props.mentorName} recorded that {props.menteeName} did not show; {props.menteeName} disputes it. The payout waits for your decision.
			</Paragraph>
			<Details items={[['Session', formatSessionTime(props.session, props.timeZone)]]} />
			<Quote>{props.note}</Quote>
			<Action href={`${props.appUrl}/admin/payouts#disputes`}>Decide the dispute</Action>
		</Layout>
	)
}

export const noShowDisputed = defineTemplate<Props>({
	component: NoShowDisputed,
	subject: (p) => `${p.menteeName} disputes a no-show recorded by ${p.mentorName}`,
	category: 'transactional',
	sample: { mentorName: 'Lena Hoffmann', menteeName: 'Jonas Weber', session: { ...SAMPLE_SESSION, type: 'paid' }, note: 'I was in the meeting for 20 minutes; nobody came.' },
})
