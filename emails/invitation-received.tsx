import { Action, Details, Layout, Paragraph, Quote, type EmailBase } from './components/layout'
import { defineTemplate, SAMPLE_SESSION } from './define'
import { formatSessionTime, formatShortTime, type SessionTimes } from './format'

type Props = { menteeName: string; session: SessionTimes; introForm: { helpWith: string; background: string; goals: string } }

function InvitationReceived(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`${props.menteeName} asks for a free intro`} heading="New intro invitation">
			<Paragraph>
				{props.menteeName} would like a free 20-minute intro with you. Accept it to add it to both your calendars, or
				decline it with a reason. If nobody reviews it before it starts, it expires.
			</Paragraph>
			<Details items={[['When', formatSessionTime(props.session, props.timeZone)], ['From', props.menteeName]]} />
			<Paragraph>What they would like help with:</Paragraph>
			<Quote>{props.introForm.helpWith}</Quote>
			<Paragraph>Their background:</Paragraph>
			<Quote>{props.introForm.background}</Quote>
			<Paragraph>Their goals:</Paragraph>
			<Quote>{props.introForm.goals}</Quote>
			<Action href={`${props.appUrl}/sessions?tab=invitations`}>Review pending invitations</Action>
		</Layout>
	)
}

export const invitationReceived = defineTemplate<Props>({
	component: InvitationReceived,
	subject: (p) => `Intro invitation from ${p.menteeName} for ${formatShortTime(p.session.startsAt, p.timeZone)}`,
	category: 'transactional',
	sample: {
		menteeName: 'Maya Chen',
		session: SAMPLE_SESSION,
		introForm: {
			helpWith: 'Moving from support into product management',
			background: 'Five years in customer support at a SaaS company',
			goals: 'A plan for the next year and a first PM interview',
		},
	},
})
