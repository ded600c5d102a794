import { expect, test } from 'vitest'
import { SUMMARY_MAX_LENGTH, summaryOf } from './programme-summary'

test('the summary is the first line of prose, without markdown markers', () => {
	expect(summaryOf('# Leadership 2027\n\nSix months with a senior mentor.')).toBe('Leadership 2027')
	expect(summaryOf('\n\n> Read the [guide](https://example.org) **first**\nmore')).toBe('Read the guide first')
	expect(summaryOf('')).toBe('')
})

test('a long line is cut at a word and marked', () => {
	const long = 'word '.repeat(100)
	const summary = summaryOf(long)
	expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_LENGTH)
	expect(summary.endsWith('word…')).toBe(true)
})
