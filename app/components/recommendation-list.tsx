import { Form, Link } from '@remix-run/react'

/**
 * A searching mentee's recommended mentors, best first, each with its score and the reasons in
 * words, a link to the mentor's public page and a plain form asking for them.
 */

export type RecommendationItem = { mentor: { id: string; slug: string; name: string }; score: number; reasons: string[] }

export function RecommendationList({
	recommendations,
	refusal,
	busy,
}: {
	recommendations: RecommendationItem[]
	/** The refusal of the last request, shown on that mentor's card. */
	refusal?: { mentorId: string; message: string } | null
	busy?: boolean
}) {
	// A refusal for a mentor no longer listed (their last place went meanwhile) shows above the list.
	const unplaced = refusal && !recommendations.some((r) => r.mentor.id === refusal.mentorId) ? (
		<p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800">
			{refusal.message}
		</p>
	) : null
	if (recommendations.length === 0) {
		return (
			<>
				{unplaced}
				<p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">
					No mentor of this programme fits you yet (a shared language and a free place are needed). Check back later, or add languages and subjects to your profile.
				</p>
			</>
		)
	}
	return (
		<>
			{unplaced}
			<ol aria-label="Recommended mentors" className="space-y-3">
				{recommendations.map((r) => (
					<li key={r.mentor.id} aria-label={r.mentor.name} className="space-y-2 rounded-lg bg-white p-3 ring-1 ring-slate-200">
						<div className="flex flex-wrap items-baseline justify-between gap-2">
							<Link to={`/mentors/${r.mentor.slug}`} className="font-semibold text-brand-700 underline">
								{r.mentor.name}
							</Link>
							<span className="text-sm text-slate-700">Score {r.score}</span>
						</div>
						{r.reasons.length > 0 ? (
							<ul aria-label={`Why ${r.mentor.name}`} className="list-disc space-y-0.5 pl-5 text-sm text-slate-700">
								{r.reasons.map((reason) => (
									<li key={reason}>{reason}</li>
								))}
							</ul>
						) : null}
						{refusal?.mentorId === r.mentor.id ? (
							<p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800">
								{refusal.message}
							</p>
						) : null}
						<Form method="post" preventScrollReset>
							<input type="hidden" name="intent" value="request" />
							<input type="hidden" name="mentorId" value={r.mentor.id} />
							<button type="submit" disabled={busy} className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto">
								Request {r.mentor.name}
							</button>
						</Form>
					</li>
				))}
			</ol>
		</>
	)
}
