import { Action, Details, InlineLink, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_SESSION } from './define'
import { formatSessionTime, type SessionTimes } from './format'

type Props = { mentorName: string; session: SessionTimes; decision: 'approve_continuation' | 'reject' }

function IntroDecision(props: Props & EmailBase) {
	const approved = props.decision === 'approve_continuation'
	return (
		<Layout
			{...props}
			preview={approved ? `${props.mentorName} would like to keep mentoring you` : `${props.mentorName} will not continue after the intro`}
			heading={approved ? `${props.mentorName} would like to continue` : 'About your intro'}
		>
			{approved ? (
				<Paragraph>
					After your intro, {props.mentorName} would like to keep mentoring you. Confirm the mentoring relationship, and you can
					buy a bundle of sessions and book them directly.
				</Paragraph>
			) : (
				<Paragraph>
					Thank you for your intro with {props.mentorName}. They decided not to continue mentoring you; another mentor may be a
					better fit for what you are looking for.
				</Paragraph>
			)}
			<Details items={[['Intro', formatSessionTime(props.session, props.timeZone)]]} />
			<Paragraph>
				How was the intro?{' '}
				<InlineLink href={`${props.appUrl}/sessions?role=mentee#session-${props.session.id}`}>Rate it on My sessions</InlineLink>
				: {props.mentorName} never sees your rating.
			</Paragraph>
			{approved ? (
				<Action href={`${props.appUrl}/relationships`}>Confirm the relationship</Action>
			) : (
				<Action href={`${props.appUrl}/mentors`}>Find another mentor</Action>
			)}
		</Layout>
	)
}

export const introDecision = defineTemplate<Props>({
	component: IntroDecision,
	subject: (p) => (p.decision === 'approve_continuation' ? `${p.mentorName} would like to keep mentoring you` : `Your intro with ${p.mentorName}`),
	category: 'transactional',
	sample: { mentorName: 'Lena Hoffmann', session: SAMPLE_SESSION, decision: 'approve_continuation' },
})
