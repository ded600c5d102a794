import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate } from './define'
import { formatDate } from './format'
import { formatPeriod, type PeriodDates } from './quarterly-reflection'

/**
 * The mission ended: the participant confirms their participation on the programme's page, or the
 * partner organisation's contact confirms it through a link that needs no account.
 */
type Props = {
	programme: { slug: string; name: string }
	participantName: string
	periods: PeriodDates[]
	/** The partner contact's link; null in the participant's own email. */
	linkUrl: string | null
	linkExpiresAt: string | null
}

function ParticipationToConfirm(props: Props & EmailBase) {
	const partner = props.linkUrl !== null
	return (
		<Layout {...props} preview={`Confirm ${partner ? `${props.participantName}'s` : 'your'} participation in ${props.programme.name}`} heading="A participation to confirm">
			<Paragraph>
				{partner
					? `${props.participantName} took part in ${props.programme.name} and says the mission has ended. As the partner organisation's contact, please confirm the participation.`
					: `You said your mission in ${props.programme.name} has ended. Confirm your participation to complete it.`}
			</Paragraph>
			<Details
				items={[
					['Programme', props.programme.name],
					...(partner ? [['Participant', props.participantName] as [string, string]] : []),
					...props.periods.map((p, i): [string, string] => [props.periods.length > 1 ? `Period ${i + 1}` : 'Period', formatPeriod(p)]),
				]}
			/>
			{partner ? (
				<>
					<Action href={props.linkUrl!}>Confirm the participation</Action>
					<Paragraph>
						No account is needed. The link works once, until {formatDate(props.linkExpiresAt!, props.timeZone)}.
					</Paragraph>
				</>
			) : (
				<Action href={`${props.appUrl}/programmes/${props.programme.slug}`}>Confirm my participation</Action>
			)}
		</Layout>
	)
}

export const participationToConfirm = defineTemplate<Props>({
	component: ParticipationToConfirm,
	subject: (p) => (p.linkUrl ? `Please confirm ${p.participantName}'s participation in ${p.programme.name}` : `Confirm your participation in ${p.programme.name}`),
	category: 'transactional',
	sample: {
		programme: { slug: 'volunteer-mentoring', name: 'Volunteer mentoring with Lindenschule' },
		participantName: 'Jonas Weber',
		periods: [{ start: '2026-09-01', end: '2027-01-29' }],
		linkUrl: 'http://localhost:3000/links/sample-token',
		linkExpiresAt: '2027-03-01T09:00:00.000Z',
	},
})
