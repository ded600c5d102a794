import { DateTime } from 'luxon'
import { RATING_LABELS, type FeedbackRating } from '~/rules/feedback'
import { formatMoney } from '~/rules/money'
import { plural } from '~/rules/wording'
import { type MentorNumbers as Numbers } from '~/services/mentor-numbers.server'

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
	return (
		<div className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
			<dt className="text-sm text-slate-600">{label}</dt>
			<dd className="mt-1 text-xl font-semibold text-slate-900">{value}</dd>
			{detail ? <dd className="text-xs text-slate-600">{detail}</dd> : null}
		</div>
	)
}

/** Sessions held and earnings this month, and what mentees rate the mentor's sessions. */
export function MentorNumbers({ numbers }: { numbers: Numbers }) {
	const month = DateTime.fromFormat(numbers.month, 'yyyy-MM', { zone: 'UTC' }).setLocale('en-GB').toFormat('LLLL yyyy')
	const { average, count } = numbers.feedback
	return (
		<dl aria-label={`Your numbers for ${month}`} className="grid gap-3 sm:grid-cols-3">
			<Stat label={`Sessions held in ${month}`} value={String(numbers.sessionsHeld)} />
			<Stat
				label={`Earned from ${month}’s sessions`}
				value={numbers.earnings.length === 0 ? 'Nothing yet' : numbers.earnings.map((e) => formatMoney(e.cents, e.currency)).join(' + ')}
			/>
			<Stat
				label="Average rating from mentees"
				value={average === null ? 'No ratings yet' : `${average.toFixed(1)} of 5`}
				detail={average === null ? undefined : `${RATING_LABELS[Math.round(average) as FeedbackRating]}, from ${plural(count, 'rating', 'ratings')}`}
			/>
		</dl>
	)
}
