import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_SESSION } from './define'
import { formatSessionTime, type SessionTimes } from './format'

/** To both people of a disputed no-show, once an admin has decided it. */
type Props = { otherName: string; role: 'mentee' | 'mentor'; decision: 'upheld' | 'overturned'; session: SessionTimes }

function outcome(p: Props): string {
	if (p.decision === 'upheld') {
		return p.role === 'mentee'
			? `The outcome ${p.otherName} recorded stands: the session counts as missed, its credit is used and ${p.otherName} is paid.`
			: 'Your outcome stands: the session counts as missed by the mentee, and your payout is on its way.'
	}
	return p.role === 'mentee'
		? `The admin found that ${p.otherName} did not show: your credit is back in your bundle.`
		: `The admin found that you did not show: ${p.otherName}’s credit is returned and there is no payout for this session.`
}

function DisputeDecided(props: Props & EmailBase) {
	return (
		<Layout {...props} preview="The disputed no-show is decided" heading="The dispute is decided">
			<Paragraph>{outcome(props)}</Paragraph>
			<Details items={[['Session', formatSessionTime(props.session, props.timeZone)]]} />
			<Action href={`${props.appUrl}/sessions?role=${props.role}${props.role === 'mentor' ? '&tab=all' : ''}#session-${props.session.id}`}>See the session</Action>
		</Layout>
	)
}

export const disputeDecided = defineTemplate<Props>({
	component: DisputeDecided,
	subject: (p) => (p.decision === 'upheld' ? 'The no-show stands' : 'The no-show is overturned'),
	category: 'transactional',
	sample: { otherName: 'Lena Hoffmann', role: 'mentee', decision: 'overturned', session: { ...SAMPLE_SESSION, type: 'paid' } },
})
