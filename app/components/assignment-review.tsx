import { Link, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { inputClass } from '~/components/forms'
import { type AssignmentReview } from '~/services/assignments.server'

/**
 * A cohort assignment as the coordinator reviews it: the progress while it runs (polled every
 * second with JavaScript, a refresh without), then the total and how it compares with a greedy
 * pass, the pairs with their scores and reasons (each may be locked or forbidden for the next
 * run), the unassigned mentees and the locks that could not be kept, each with why.
 */

export const pairValue = (p: { mentee: { id: string }; mentor: { id: string } }) => `${p.mentee.id}:${p.mentor.id}`

const number = new Intl.NumberFormat('en-GB')

/** "+120 points (+1.5%)" of the optimal total over the greedy one. */
export function describeGain(total: number, greedy: number): string {
	const diff = total - greedy
	const sign = diff > 0 ? '+' : diff < 0 ? '−' : ''
	const percent = greedy > 0 ? ` (${sign}${(Math.abs(diff) / greedy * 100).toFixed(1)}%)` : ''
	return `${sign}${number.format(Math.abs(diff))} ${Math.abs(diff) === 1 ? 'point' : 'points'}${percent}`
}

/** While a run is going, the page reloads its data every second without a full reload. */
export function useRefreshWhileRunning(running: boolean) {
	const revalidator = useRevalidator()
	useEffect(() => {
		if (!running) return
		const timer = setInterval(() => {
			if (revalidator.state === 'idle') revalidator.revalidate()
		}, 1000)
		return () => clearInterval(timer)
	}, [running, revalidator])
}

export function RunProgress({ review, refreshTo }: { review: AssignmentReview; refreshTo: string }) {
	const percent = Math.round(review.progress * 100)
	return (
		<div className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
			<noscript>
				<meta httpEquiv="refresh" content="2" />
			</noscript>
			<label htmlFor="assignment-progress" className="block text-sm font-medium">
				Cohort assignment progress
			</label>
			<progress id="assignment-progress" value={review.progress} max={1} className="h-3 w-full">
				{percent}%
			</progress>
			<p role="status" className="text-sm text-slate-700">
				Running: {percent}% done.{' '}
				<Link to={refreshTo} className="text-brand-700 underline">
					Refresh
				</Link>
			</p>
		</div>
	)
}

/** `max` comes from the loader: the rule's module hashes with node:crypto and stays on the server. */
export function CandidateLimitField({ defaultValue, id, max }: { defaultValue?: number; id: string; max: number }) {
	return (
		<details className="text-sm" open={defaultValue !== undefined}>
			<summary className="cursor-pointer font-medium">Advanced</summary>
			<div className="mt-2 space-y-1">
				<label htmlFor={id} className="block font-medium">
					Consider only each mentee’s best K mentors
				</label>
				<input
					id={id}
					name="candidateLimit"
					type="number"
					inputMode="numeric"
					min={1}
					max={max}
					defaultValue={defaultValue}
					aria-describedby={`${id}-hint`}
					className={`${inputClass} max-w-[10rem]`}
				/>
				<p id={`${id}-hint`} className="text-slate-600">
					Empty considers every pair (the default). A number is faster on a very large cohort but may cost total score.
				</p>
			</div>
		</details>
	)
}

export function ScoreSummary({ review }: { review: AssignmentReview }) {
	if (review.totalScore === null || review.greedyTotalScore === null) return null
	return (
		<dl className="grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-3">
			<div>
				<dt className="text-sm text-slate-600">Total score</dt>
				<dd className="text-xl font-semibold">{number.format(review.totalScore)}</dd>
			</div>
			<div>
				<dt className="text-sm text-slate-600">Greedy pass (best pair first)</dt>
				<dd className="text-xl font-semibold">{number.format(review.greedyTotalScore)}</dd>
			</div>
			<div>
				<dt className="text-sm text-slate-600">Optimal over greedy</dt>
				<dd className="text-xl font-semibold">{describeGain(review.totalScore, review.greedyTotalScore)}</dd>
			</div>
			<div className="sm:col-span-3 text-sm text-slate-700">
				{review.pairCount} {review.pairCount === 1 ? 'pair' : 'pairs'}, {review.unassignedCount} unassigned {review.unassignedCount === 1 ? 'mentee' : 'mentees'}
				{review.input.candidateLimit ? `, each mentee's best ${review.input.candidateLimit} mentors considered` : ', every pair considered'}.
			</div>
		</dl>
	)
}

/** The pairs of one page, with lock and forbid boxes for the next run. */
export function PairTable({ review, editable }: { review: AssignmentReview; editable: boolean }) {
	if (review.pairs.length === 0) return <p className="text-slate-700">{review.pairCount === 0 ? 'This run made no pair.' : 'No pair matches this search.'}</p>
	return (
		<div role="region" aria-label="Proposed pairs" tabIndex={0} className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
			<table className="w-full min-w-[44rem] text-left text-sm">
				<thead>
					<tr className="border-b border-slate-200">
						<th scope="col" className="px-3 py-2">
							Mentee
						</th>
						<th scope="col">Mentor</th>
						<th scope="col">Score</th>
						<th scope="col">Reasons</th>
						{editable ? (
							<>
								<th scope="col">Lock</th>
								<th scope="col" className="px-3">
									Forbid
								</th>
							</>
						) : null}
					</tr>
				</thead>
				<tbody>
					{review.pairs.map((p) => {
						const value = pairValue(p)
						return (
							<tr key={value} className="border-b border-slate-100 align-top">
								<th scope="row" className="px-3 py-2 font-normal">
									{p.mentee.name}
									{p.locked ? <span className="ml-1 rounded bg-slate-100 px-1 text-xs">locked</span> : null}
								</th>
								<td className="py-2">{p.mentor.name}</td>
								<td className="py-2">{p.score}</td>
								<td className="py-2">
									<ul className="list-disc pl-4">
										{p.reasons.map((reason) => (
											<li key={reason}>{reason}</li>
										))}
									</ul>
								</td>
								{editable ? (
									<>
										<td className="py-2">
											<input type="hidden" name="shown" value={value} />
											<input type="checkbox" name="lock" value={value} defaultChecked={p.locked} aria-label={`Lock ${p.mentee.name} with ${p.mentor.name}`} />
										</td>
										<td className="px-3 py-2">
											<input type="checkbox" name="forbid" value={value} aria-label={`Forbid ${p.mentee.name} with ${p.mentor.name}`} />
										</td>
									</>
								) : null}
							</tr>
						)
					})}
				</tbody>
			</table>
		</div>
	)
}

export function WhyNot({ review, editable }: { review: AssignmentReview; editable: boolean }) {
	return (
		<>
			{review.infeasibleLocks.length > 0 ? (
				<section aria-labelledby="infeasible-heading" className="space-y-2">
					<h3 id="infeasible-heading" className="font-semibold">
						Locks that could not be kept
					</h3>
					<ul className="space-y-1 text-sm">
						{review.infeasibleLocks.map((l) => (
							<li key={pairValue(l)}>
								{l.mentee.name} with {l.mentor.name}: {l.reason}
							</li>
						))}
					</ul>
				</section>
			) : null}
			{review.unassignedCount > 0 ? (
				<section aria-labelledby="unassigned-heading" className="space-y-2">
					<h3 id="unassigned-heading" className="font-semibold">
						Unassigned mentees ({review.unassignedCount})
					</h3>
					<ul aria-label="Unassigned mentees" className="space-y-1 text-sm">
						{review.unassigned.map((u) => (
							<li key={u.mentee.id}>
								{u.mentee.name}: {u.reason}
							</li>
						))}
					</ul>
					{review.unassignedCount > review.unassigned.length ? <p className="text-sm text-slate-600">The first {review.unassigned.length} by name.</p> : null}
				</section>
			) : null}
			{review.forbidden.length > 0 ? (
				<fieldset className="space-y-1">
					<legend className="font-semibold">Forbidden in this run</legend>
					{review.forbidden.map((f) => (
						<label key={pairValue(f)} className="flex items-center gap-2 text-sm">
							{editable ? <input type="checkbox" name="keepForbidden" value={pairValue(f)} defaultChecked /> : null}
							{f.mentee.name} with {f.mentor.name}
							{editable ? ' (untick to allow it again)' : ''}
						</label>
					))}
				</fieldset>
			) : null}
		</>
	)
}
