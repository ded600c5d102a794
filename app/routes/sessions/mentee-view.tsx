import { Link } from '@remix-run/react'
import { type SessionItem } from '~/services/my-sessions.server'
import { CancelControl, DisputeControl, FeedbackControl, FitControl } from './action-forms'
import { cardMessage, type ActionResult, type FitQuestions } from './mentor-view'
import { SessionCard } from './session-card'

type MenteeData = { upcoming: SessionItem[]; invitations: SessionItem[]; past: SessionItem[] }

function List({ id, title, empty, items, fit, zone, actionData }: { id: string; title: string; empty: string; items: SessionItem[]; fit: FitQuestions; zone: string; actionData: ActionResult }) {
	return (
		<section aria-labelledby={id} className="space-y-3">
			<h2 id={id} className="text-lg font-semibold">
				{title}
			</h2>
			{items.length === 0 ? (
				<p className="rounded-xl bg-white p-4 text-slate-700 ring-1 ring-slate-200">{empty}</p>
			) : (
				<ul aria-label={title} className="space-y-3">
					{items.map((session) => (
						<SessionCard key={session.id} session={session} side="mentee" zone={zone} message={cardMessage(actionData, session.id)}>
							{/* Scheduled sessions and unanswered invitations alike, on the same 24-hour terms. */}
							<CancelControl session={session} errors={actionData?.sessionId === session.id ? actionData.fields : undefined} />
							<DisputeControl session={session} side="mentee" zone={zone} errors={actionData?.sessionId === session.id ? actionData.fields : undefined} />
							<FeedbackControl session={session} errors={actionData?.sessionId === session.id ? actionData.fields : undefined} />
							<FitControl session={session} fit={fit.completed[session.id] ?? null} side="mentee" errors={actionData?.sessionId === session.id ? actionData.fields : undefined} />
						</SessionCard>
					))}
				</ul>
			)}
		</section>
	)
}

/** The mentee's side of "My sessions": what is coming, the invitations they sent, and the rest. */
export function MenteeView({ data, fit, zone, actionData }: { data: MenteeData; fit: FitQuestions; zone: string; actionData: ActionResult }) {
	return (
		<div className="space-y-8">
			<List id="upcoming" title="Upcoming sessions" empty="No sessions scheduled." items={data.upcoming} fit={fit} zone={zone} actionData={actionData} />
			<List
				id="invitations"
				title="Intro invitations you sent"
				empty="No intro invitations. Find a mentor and book a free 20-minute intro."
				items={data.invitations}
				fit={fit}
				zone={zone}
				actionData={actionData}
			/>
			<List id="past" title="Past and cancelled sessions" empty="Nothing here yet." items={data.past} fit={fit} zone={zone} actionData={actionData} />
			<p>
				<Link to="/mentors" className="font-semibold text-brand-700 underline">
					Find a mentor
				</Link>
			</p>
		</div>
	)
}
