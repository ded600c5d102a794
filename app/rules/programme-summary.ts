/** How the participant's programme list describes a programme, pure. */
import type { MatchingMode } from '../../db/schema/programmes'

export const SUMMARY_MAX_LENGTH = 160

/** "self: mentees pick from their recommendations; admin: coordinators run cohort assignment; facilitator: coordinators propose pairs one by one." */
export const MODE_LABELS: Record<MatchingMode, string> = {
	self: 'Mentees choose their mentor',
	admin: 'Coordinators match the cohort',
	facilitator: 'Coordinators propose each match',
}

/**
 * One line from the programme's markdown description: its first line of prose (headings, lists
 * and quotes lose their markers, links keep their text), cut at a word near SUMMARY_MAX_LENGTH.
 */
export function summaryOf(markdown: string): string {
	const line =
		markdown
			.split(/\r?\n/)
			.map((l) =>
				l
					.replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/, '')
					.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
					.replace(/[*_`~]/g, '')
					.trim(),
			)
			.find((l) => l !== '' && !/^[-=|:\s]+$/.test(l)) ?? ''
	if (line.length <= SUMMARY_MAX_LENGTH) return line
	const cut = line.slice(0, SUMMARY_MAX_LENGTH - 1)
	const space = cut.lastIndexOf(' ')
	return `${(space > SUMMARY_MAX_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}
