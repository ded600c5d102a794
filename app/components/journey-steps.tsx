import { type JourneyStep } from '~/rules/journey-steps'

/**
 * A registration's journey drawn as steps: a column on a phone, a row from `sm` up. The step
 * where the person stands (or where a declined or withdrawn registration stopped) is the list's
 * aria-current="step"; each step also says its state in words, not only in colour.
 */

const STATE_WORDS: Record<JourneyStep['state'], string> = { done: 'done', current: 'you are here', stopped: 'stopped here', upcoming: 'to come' }

const DOT: Record<JourneyStep['state'], string> = {
	done: 'bg-green-600 text-white',
	current: 'bg-brand-600 text-white ring-4 ring-brand-100',
	stopped: 'bg-red-700 text-white ring-4 ring-red-100',
	upcoming: 'bg-white text-slate-600 ring-1 ring-slate-300',
}

export function JourneySteps({ steps, label }: { steps: JourneyStep[]; label: string }) {
	return (
		<ol aria-label={label} className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-4">
			{steps.map((step, i) => (
				<li
					key={step.key}
					aria-current={step.state === 'current' || step.state === 'stopped' ? 'step' : undefined}
					className="flex items-center gap-2 text-sm"
				>
					<span aria-hidden="true" className={`inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${DOT[step.state]}`}>
						{step.state === 'done' ? '✓' : i + 1}
					</span>
					<span className={step.state === 'upcoming' ? 'text-slate-600' : 'font-semibold text-slate-900'}>
						{step.label}
						<span className="sr-only">, {STATE_WORDS[step.state]}</span>
					</span>
				</li>
			))}
		</ol>
	)
}
