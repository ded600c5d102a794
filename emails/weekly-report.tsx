import { describeChange, describeDays, type DigestLine } from '../app/rules/report-digest'
import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate } from './define'

/**
 * Monday 08:00 in the coordinator's zone, to a coordinator subscribed to this programme's weekly
 * report: the last 7 days' key numbers against the week before, and a link to the full report.
 */
type Props = {
	programme: { slug: string; name: string }
	current: { from: string; to: string }
	previous: { from: string; to: string }
	lines: DigestLine[]
}

const shown = (value: number | null) => (value === null ? 'none' : String(value))

function WeeklyReport(props: Props & EmailBase) {
	const week = describeDays(props.current)
	return (
		<Layout {...props} preview={`${props.programme.name}, ${week}: the week in numbers`} heading={`${props.programme.name}: the week in numbers`}>
			<Paragraph>
				The key numbers of {props.programme.name} for {week}, beside the week before ({describeDays(props.previous)}). Days are counted in the programme’s
				time zone.
			</Paragraph>
			<Details items={props.lines.map((line) => [line.label, `${shown(line.value)} (week before: ${shown(line.previous)}; ${describeChange(line)})`])} />
			<Action href={`${props.appUrl}/admin/programmes/${props.programme.slug}/report`}>Open the full report</Action>
			<Paragraph>You get this because you subscribed on the programme’s admin page; untick it there, or use the link below, to stop it.</Paragraph>
		</Layout>
	)
}

export const weeklyReport = defineTemplate<Props>({
	component: WeeklyReport,
	subject: (p) => `${p.programme.name} weekly report: ${describeDays(p.current)}`,
	// Not muted with the reminder categories: the subscription is its own opt-in, and the link its
	// email carries ends exactly that subscription.
	category: 'transactional',
	sample: {
		programme: { slug: 'leadership-2027', name: 'Leadership 2027' },
		current: { from: '2027-03-01', to: '2027-03-07' },
		previous: { from: '2027-02-22', to: '2027-02-28' },
		lines: [
			{ label: 'Registrations', value: 6, previous: 4 },
			{ label: 'Matches', value: 3, previous: 3 },
			{ label: 'Sessions held', value: 9, previous: 12 },
			{ label: 'Feedback average (1–5)', value: 4.4, previous: null },
			{ label: 'Lapsed relationships', value: 1, previous: 2 },
		],
	},
})
