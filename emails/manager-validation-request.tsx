import { Action, Details, Layout, Paragraph, Quote, type EmailBase } from './components/layout'
import { defineTemplate } from './define'
import { formatDate } from './format'
import { formatPeriod, type PeriodDates } from './quarterly-reflection'

/**
 * The programme asks the participant's manager to validate the engagement: approve or reject,
 * through one link that needs no account. Only what the manager needs: who, which programme, when.
 */
type RequestProps = {
	programme: { slug: string; name: string }
	participantName: string
	role: 'mentor' | 'mentee'
	period: PeriodDates | null
	linkUrl: string
	linkExpiresAt: string
}

function ManagerValidationRequest(props: RequestProps & EmailBase) {
	return (
		<Layout {...props} preview={`${props.participantName} asks you to validate their engagement in ${props.programme.name}`} heading="An engagement to validate">
			<Paragraph>
				{props.participantName} takes part in {props.programme.name} as {props.role} and named you as their manager. The programme asks you
				to approve this engagement period, or to reject it.
			</Paragraph>
			<Details
				items={[
					['Participant', props.participantName],
					['Programme', props.programme.name],
					['Role', props.role],
					['Engagement period', props.period ? formatPeriod(props.period) : 'not set yet'],
				]}
			/>
			<Action href={`${props.linkUrl}?choice=approve`}>Approve</Action>
			<Action href={`${props.linkUrl}?choice=reject`}>Reject</Action>
			<Paragraph>
				No account is needed. The link works once, until {formatDate(props.linkExpiresAt, props.timeZone)}; the page it opens asks you to
				confirm before anything happens.
			</Paragraph>
		</Layout>
	)
}

export const managerValidationRequest = defineTemplate<RequestProps>({
	component: ManagerValidationRequest,
	subject: (p) => `Please validate ${p.participantName}'s engagement in ${p.programme.name}`,
	category: 'transactional',
	sample: {
		programme: { slug: 'volunteer-mentoring', name: 'Volunteer mentoring with Lindenschule' },
		participantName: 'Jonas Weber',
		role: 'mentor',
		period: { start: '2027-02-01', end: '2027-06-30' },
		linkUrl: 'http://localhost:3000/links/sample-token',
		linkExpiresAt: '2027-02-15T09:00:00.000Z',
	},
})

/** The participant hears the manager's answer; a rejection sends them back to searching. */
type DecisionProps = { programme: { slug: string; name: string }; approved: boolean; note: string | null }

function ManagerDecision(props: DecisionProps & EmailBase) {
	return (
		<Layout
			{...props}
			preview={`Your manager ${props.approved ? 'approved' : 'did not approve'} your engagement in ${props.programme.name}`}
			heading={props.approved ? 'Your engagement is approved' : 'Your engagement was not approved'}
		>
			<Paragraph>
				{props.approved
					? `Your manager approved your engagement in ${props.programme.name}: your mentoring is in progress.`
					: `Your manager did not approve this engagement in ${props.programme.name}. You keep your place in the programme and are looking for a match again; your coordinator can help.`}
			</Paragraph>
			{props.note ? <Quote>{props.note}</Quote> : null}
			<Action href={`${props.appUrl}/programmes/${props.programme.slug}`}>{`Open ${props.programme.name}`}</Action>
		</Layout>
	)
}

export const managerDecision = defineTemplate<DecisionProps>({
	component: ManagerDecision,
	subject: (p) => (p.approved ? `Your manager approved your engagement in ${p.programme.name}` : `Your manager did not approve your engagement in ${p.programme.name}`),
	category: 'transactional',
	sample: { programme: { slug: 'volunteer-mentoring', name: 'Volunteer mentoring with Lindenschule' }, approved: false, note: 'The spring term is our busiest; let us talk about the autumn.' },
})
