import { DateTime } from 'luxon'
import { Action, Details, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate } from './define'
import { formatDate } from './format'

/** An engagement period as emails carry it: calendar dates, both inclusive; no end means still going. */
export type PeriodDates = { start: string; end: string | null }

/** "2 March 2027": a calendar date is the same day in every zone, so it is read as it is written. */
export function formatCalendarDate(date: string): string {
	return DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLLL yyyy')
}

/** "2 March 2027 – 30 June 2027", or "from 2 March 2027, ongoing". */
export function formatPeriod(period: PeriodDates): string {
	return period.end ? `${formatCalendarDate(period.start)} – ${formatCalendarDate(period.end)}` : `from ${formatCalendarDate(period.start)}, ongoing`
}

/**
 * Every quarter, to a participant in progress: their engagement dates so far, and one-click links
 * (no sign-in) to add dates or to say the mission has ended. One link serves both buttons.
 */
type Props = { programme: { slug: string; name: string }; periods: PeriodDates[]; linkUrl: string; linkExpiresAt: string }

function QuarterlyReflection(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`How is your mentoring in ${props.programme.name} going?`} heading="Your quarterly reflection">
			<Paragraph>
				A new quarter in {props.programme.name}: a good moment to look back. Here are the engagement dates we have for you. Is your mentoring
				still going, or has your mission ended?
			</Paragraph>
			<Details
				items={
					props.periods.length > 0
						? props.periods.map((p, i): [string, string] => [props.periods.length > 1 ? `Period ${i + 1}` : 'Period', formatPeriod(p)])
						: [['Periods', 'none yet']]
				}
			/>
			<Action href={`${props.linkUrl}?choice=add_dates`}>Add dates</Action>
			<Action href={`${props.linkUrl}?choice=mission_ended`}>My mission has ended</Action>
			<Paragraph>
				These buttons work without signing in, once, until {formatDate(props.linkExpiresAt, props.timeZone)}. You can also change your dates
				on the programme's page: {`${props.appUrl}/programmes/${props.programme.slug}`}
			</Paragraph>
		</Layout>
	)
}

export const quarterlyReflection = defineTemplate<Props>({
	component: QuarterlyReflection,
	subject: (p) => `Your quarterly reflection for ${p.programme.name}`,
	category: 'programme_reminder',
	sample: {
		programme: { slug: 'leadership-2027', name: 'Leadership 2027' },
		periods: [
			{ start: '2026-09-01', end: '2026-12-18' },
			{ start: '2027-01-11', end: null },
		],
		linkUrl: 'http://localhost:3000/links/sample-token',
		linkExpiresAt: '2027-05-01T09:00:00.000Z',
	},
})
