import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate } from './define'
import { formatDate } from './format'

type Props = { relationshipId: string; mentorName: string; menteeName: string; lastCompletedAt: string | null; lapsedDays: number }

function LapsedRelationshipAlert(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`${props.menteeName} and ${props.mentorName} have lapsed`} heading="A relationship has lapsed">
			<Paragraph>
				{props.menteeName} and {props.mentorName} have had no completed session in {props.lapsedDays} days. You may end the
				relationship and re-match the mentee.
			</Paragraph>
			<Details
				items={[
					['Mentor', props.mentorName],
					['Mentee', props.menteeName],
					['Last completed session', props.lastCompletedAt ? formatDate(props.lastCompletedAt, props.timeZone) : 'none yet'],
				]}
			/>
			<Action href={`${props.appUrl}/admin/relationships?filter=lapsed`}>Open the follow-up list</Action>
		</Layout>
	)
}

export const lapsedRelationshipAlert = defineTemplate<Props>({
	component: LapsedRelationshipAlert,
	subject: (p) => `Lapsed: ${p.menteeName} and ${p.mentorName}`,
	category: 'admin_alert',
	sample: {
		relationshipId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
		mentorName: 'Marcus Johnson',
		menteeName: 'Jonas Weber',
		lastCompletedAt: '2027-01-05T15:00:00.000Z',
		lapsedDays: 45,
	},
})
