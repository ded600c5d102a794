import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { type ReactNode } from 'react'
import { MentorNumbers } from '~/components/mentor-numbers'
import { isListedInDirectory } from '~/rules/dossier'
import { describeTimeZone } from '~/rules/time-zones'
import { getConnectStatus } from '~/services/connect.server'
import { getMentorNumbers } from '~/services/mentor-numbers.server'
import { countMentorTodos, listMenteeSessions, listMentorUpcoming, type SessionItem } from '~/services/my-sessions.server'
import { listMenteeBundles } from '~/services/bundles.server'
import { countPeople, getMentorDossierState } from '~/services/profiles.server'
import { countRelationshipsAwaitingAnswer } from '~/services/relationships.server'
import { availableCredits } from '~/rules/money'
import { now } from '~/utils/clock.server'
import { formatRange } from '~/utils/format-time'
import { requireUser } from '~/utils/session.server'
import { describeStripeRequirements } from '~/utils/stripe-requirements'
import { plural } from '~/rules/wording'
import { VerifyEmailNotice } from '~/components/verify-email-notice'

export const meta: MetaFunction = () => [{ title: 'Dashboard · Mentora' }]

/** What each of the person's roles should look at next; the pages behind the links do the work. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const at = now()
	const [menteeSessions, menteeBundles, relationshipsToAnswer, dossier, todos, upcoming, connect, counts, numbers] = await Promise.all([
		user.isMentee ? listMenteeSessions(user.id, at) : null,
		user.isMentee ? listMenteeBundles(user.id) : [],
		countRelationshipsAwaitingAnswer(user.id),
		user.isMentor ? getMentorDossierState(user.id) : null,
		user.isMentor ? countMentorTodos(user.id, at) : null,
		user.isMentor ? listMentorUpcoming(user.id, at) : null,
		user.isMentor ? getConnectStatus(user.id) : null,
		user.isAdmin ? countPeople() : null,
		user.isMentor ? getMentorNumbers(user.id, user.timeZone, at) : null,
	])
	return {
		name: user.name,
		unverifiedEmail: user.isMentee && !user.emailVerifiedAt ? user.email : null,
		zone: user.timeZone,
		zoneLabel: describeTimeZone(user.timeZone, at),
		relationshipsToAnswer,
		mentee: menteeSessions
			? {
					upcoming: menteeSessions.upcoming.slice(0, 3),
					pendingInvitations: menteeSessions.invitations.filter((s) => s.status === 'pending').length,
					pastSessions: menteeSessions.past.length,
					creditsLeft: menteeBundles.filter((b) => b.status === 'active').reduce((sum, b) => sum + availableCredits(b), 0),
				}
			: null,
		mentor:
			user.isMentor && dossier && todos && upcoming && connect && numbers
				? { slug: dossier.slug, listed: isListedInDirectory(dossier), todos, upcoming: upcoming.slice(0, 3), connect, numbers }
				: null,
		counts,
	}
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
	return (
		<section aria-labelledby={id} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
			<h2 id={id} className="text-lg font-semibold">
				{title}
			</h2>
			<div className="mt-3 space-y-3 text-slate-700">{children}</div>
		</section>
	)
}

function NextSessions({ sessions, zone, zoneLabel, otherParty }: { sessions: SessionItem[]; zone: string; zoneLabel: string; otherParty: 'mentor' | 'mentee' }) {
	return (
		<div>
			<p className="text-sm text-slate-600">Next sessions (times in {zoneLabel})</p>
			<ul className="mt-1 divide-y divide-slate-100">
				{sessions.map((s) => (
					<li key={s.id} className="flex flex-wrap justify-between gap-2 py-2">
						<span className="font-medium text-slate-900">
							{s.type === 'intro' ? 'Intro' : 'Session'} with {s[otherParty].name}
						</span>
						<span>{formatRange(s.start, s.end, zone)}</span>
					</li>
				))}
			</ul>
		</div>
	)
}

const linkButton = 'inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700'
const linkSecondary = 'inline-block rounded-md border border-brand-600 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50'

export default function Dashboard() {
	const { name, unverifiedEmail, zone, zoneLabel, mentee, mentor, counts, relationshipsToAnswer } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<h1 className="text-2xl font-bold tracking-tight">Welcome, {name}</h1>
			{unverifiedEmail ? <VerifyEmailNotice email={unverifiedEmail} action="book sessions" /> : null}
			{relationshipsToAnswer > 0 ? (
				<p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
					<Link to="/relationships" className="font-semibold underline">
						{plural(relationshipsToAnswer, 'relationship waits', 'relationships wait')} for you to confirm
					</Link>
					: a relationship starts once both of you have.
				</p>
			) : null}
			{mentee ? (
				<Section id="mentee" title="Your mentoring">
					{mentee.upcoming.length > 0 ? (
						<NextSessions sessions={mentee.upcoming} zone={zone} zoneLabel={zoneLabel} otherParty="mentor" />
					) : mentee.pendingInvitations > 0 ? (
						<p>
							{plural(mentee.pendingInvitations, 'intro request waits', 'intro requests wait')} for the mentor’s answer.
							You will get an email when they reply.
						</p>
					) : mentee.creditsLeft > 0 ? (
						<p>Nothing booked right now. {plural(mentee.creditsLeft, 'session is', 'sessions are')} left in your bundles: book one from your mentor’s page.</p>
					) : mentee.pastSessions > 0 ? (
						<p>Nothing booked right now. Your past sessions are under My sessions.</p>
					) : (
						<p>No sessions yet. Browse mentors and book a free 20-minute intro.</p>
					)}
					<div className="flex flex-wrap gap-3">
						<Link to="/mentors" className={linkButton}>
							Browse mentors
						</Link>
						<Link to="/sessions?role=mentee" className={linkSecondary}>
							My sessions
						</Link>
					</div>
				</Section>
			) : null}
			{mentor ? (
				<Section id="mentor" title="Mentoring others">
					{mentor.listed ? null : (
						<p>
							Complete your dossier so mentees can find you: add a headline, the languages you mentor in and your
							subjects.
						</p>
					)}
					{mentor.todos.invitations > 0 || mentor.todos.confirm > 0 ? (
						<ul className="space-y-1">
							{mentor.todos.invitations > 0 ? (
								<li>
									<Link to="/sessions?tab=invitations" className="font-medium text-brand-700 underline">
										{plural(mentor.todos.invitations, 'intro invitation waits', 'intro invitations wait')} for your answer
									</Link>
								</li>
							) : null}
							{mentor.todos.confirm > 0 ? (
								<li>
									<Link to="/sessions?tab=confirm" className="font-medium text-brand-700 underline">
										{plural(mentor.todos.confirm, 'session ended and needs', 'sessions ended and need')} your confirmation
									</Link>
								</li>
							) : null}
						</ul>
					) : mentor.listed ? (
						<p>Nothing waits for you. New intro invitations from mentees will appear here.</p>
					) : null}
					{mentor.upcoming.length > 0 ? (
						<NextSessions sessions={mentor.upcoming} zone={zone} zoneLabel={zoneLabel} otherParty="mentee" />
					) : null}
					<MentorNumbers numbers={mentor.numbers} />
					{mentor.connect.transfersActive ? null : (
						<p role="status" className="rounded-md bg-amber-50 p-3 text-amber-900 ring-1 ring-amber-200">
							{mentor.connect.connected
								? `Stripe still needs ${mentor.connect.requirementsDue.length > 0 ? describeStripeRequirements(mentor.connect.requirementsDue).join(', ') : 'a few details'} before your payouts can be sent.`
								: 'Connect a Stripe account to receive payouts; payouts for sessions you confirm wait until you do.'}{' '}
							<Link to="/settings/payouts" className="font-medium underline">
								Payout settings
							</Link>
						</p>
					)}
					<div className="flex flex-wrap gap-3">
						<Link to="/settings/profile" className={mentor.listed ? linkSecondary : linkButton}>
							{mentor.listed ? 'Edit your dossier' : 'Complete your dossier'}
						</Link>
						<Link to={`/mentors/${mentor.slug}`} className={linkSecondary}>
							View your public page
						</Link>
						<Link to="/sessions?role=mentor" className={linkSecondary}>
							My sessions
						</Link>
						<Link to="/settings/availability" className={linkSecondary}>
							Availability
						</Link>
					</div>
				</Section>
			) : null}
			{counts ? (
				<Section id="admin" title="Admin overview">
					<dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
						{(
							[
								['Users', counts.users],
								['Mentors', counts.mentors],
								['Mentees', counts.mentees],
								['Admins', counts.admins],
							] as const
						).map(([label, value]) => (
							<div key={label} className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
								<dt className="text-sm text-slate-600">{label}</dt>
								<dd className="text-2xl font-bold text-slate-900">{value}</dd>
							</div>
						))}
					</dl>
					<div className="flex flex-wrap gap-3">
						<Link to="/admin/relationships?filter=lapsed" className={linkSecondary}>
							Lapsed relationships
						</Link>
						<Link to="/admin/sessions?status=awaiting_confirmation" className={linkSecondary}>
							Unconfirmed sessions
						</Link>
						<Link to="/admin/bundles" className={linkSecondary}>
							Bundles and refunds
						</Link>
						<Link to="/admin/payouts" className={linkSecondary}>
							Payouts
						</Link>
						<Link to="/admin/reports" className={linkSecondary}>
							Marketplace report
						</Link>
					</div>
				</Section>
			) : null}
			{!mentee && !mentor && !counts ? (
				<Section id="start" title="Get started">
					<p>Browse mentors to find someone who has done what you want to do.</p>
					<Link to="/mentors" className={linkButton}>
						Browse mentors
					</Link>
				</Section>
			) : null}
		</div>
	)
}
