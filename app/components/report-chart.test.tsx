import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { ReportChart, type ReportChartProps } from './report-chart'
import { isEmptyChart, stackSegments, visibleCategoryIndices } from './report-chart-data'

const html = (props: Partial<ReportChartProps> = {}) =>
	renderToStaticMarkup(
		<ReportChart
			kind="bar"
			title="Bookings"
			caption="Sessions booked each week."
			categories={['W1', 'W2', 'W3']}
			series={[{ label: 'Intro', values: [4, 2, 1] }]}
			id="bookings"
			{...props}
		/>,
	)

/** Every drawn mark carrying a value, with its attributes. */
function marks(markup: string, tag: 'rect' | 'circle') {
	return [...markup.matchAll(new RegExp(`<${tag} [^>]*data-value="([^"]*)"[^>]*>`, 'g'))].map((m) => {
		const attr = (name: string) => Number(new RegExp(` ${name}="([^"]*)"`).exec(m[0])?.[1])
		return { raw: m[0], value: Number(m[1]), height: attr('height'), y: attr('y'), cy: attr('cy'), fill: /fill="([^"]*)"/.exec(m[0])?.[1] }
	})
}

/** The table's cells, row by row. */
function tableRows(markup: string) {
	const body = /<tbody>(.*)<\/tbody>/.exec(markup)?.[1] ?? ''
	return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1]))
}

describe('a report chart is a figure a person and a screen reader can read', () => {
	test('heading, labelled image, table and caption', () => {
		const out = html()
		expect(out).toMatch(/^<figure/)
		expect(out).toContain('<h3 id="bookings-heading"')
		expect(out).toMatch(/<svg role="img" aria-labelledby="bookings-svg-title"[^>]*viewBox="0 0 480 260"/)
		expect(out).toContain('<title id="bookings-svg-title">Bookings</title>')
		expect(out).toContain('class="h-auto w-full"')
		expect(out).toContain('<caption class="sr-only">Bookings: the numbers</caption>')
		expect(out).toContain('<th scope="col"')
		expect(out).toContain('<th scope="row"')
		expect(out).toMatch(/<figcaption[^>]*>Sessions booked each week.<\/figcaption><\/figure>$/)
	})

	test('the table carries the same numbers the chart draws, formatted', () => {
		const out = html({
			series: [
				{ label: 'Revenue', values: [123456, 0, 99] },
				{ label: 'Refunds', values: [1000, 50, 0] },
			],
			format: (n) => `€${(n / 100).toFixed(2)}`,
		})
		expect(tableRows(out)).toEqual([
			['W1', '€1234.56', '€10.00'],
			['W2', '€0.00', '€0.50'],
			['W3', '€0.99', '€0.00'],
		])
		expect(marks(out, 'rect').map((m) => m.value)).toEqual([123456, 0, 99, 1000, 50, 0])
	})

	test('bar heights are proportional to the values', () => {
		const bars = marks(html({ series: [{ label: 'Sessions', values: [8, 4, 2] }] }), 'rect')
		expect(bars.map((b) => b.value)).toEqual([8, 4, 2])
		expect(bars[0]!.height).toBeGreaterThan(0)
		expect(bars[1]!.height / bars[0]!.height).toBeCloseTo(0.5, 2)
		expect(bars[2]!.height / bars[0]!.height).toBeCloseTo(0.25, 2)
		// Every bar stands on the same baseline.
		const baselines = bars.map((b) => b.y + b.height)
		expect(new Set(baselines.map((b) => b.toFixed(1))).size).toBe(1)
	})

	test('stacked bars pile up: each segment as tall as its value, one on top of the other', () => {
		const bars = marks(
			html({
				stacked: true,
				series: [
					{ label: 'Completed', values: [3, 1, 0] },
					{ label: 'Cancelled', values: [1, 1, 2] },
				],
			}),
			'rect',
		)
		const [completed1, , , cancelled1] = bars
		expect(cancelled1!.height / completed1!.height).toBeCloseTo(1 / 3, 2)
		expect(cancelled1!.y + cancelled1!.height).toBeCloseTo(completed1!.y, 1)
		expect(stackSegments([[3, -1], [1, -2]])).toEqual([
			[{ from: 0, to: 3 }, { from: 0, to: -1 }],
			[{ from: 3, to: 4 }, { from: -1, to: -3 }],
		])
	})

	test('line points sit at heights proportional to the values, one line per series', () => {
		const out = html({ kind: 'line', series: [{ label: 'Rate', values: [0, 50, 100] }] })
		const points = marks(out, 'circle')
		expect(points.map((p) => p.value)).toEqual([0, 50, 100])
		const baseline = points[0]!.cy
		expect((baseline - points[1]!.cy) / (baseline - points[2]!.cy)).toBeCloseTo(0.5, 2)
		expect(out.match(/<path /g)?.length).toBeGreaterThanOrEqual(1)
	})

	test('two or more series get a legend, in colours of the colour-blind-safe palette', () => {
		const one = html()
		expect(one).not.toContain('<ul')
		const two = html({
			series: [
				{ label: 'Intro', values: [1, 2, 3] },
				{ label: 'Paid', values: [3, 2, 1] },
			],
		})
		expect(two).toMatch(/<ul[^>]*>.*Intro.*Paid.*<\/ul>/)
		expect(new Set(marks(two, 'rect').map((b) => b.fill))).toEqual(new Set(['#0072B2', '#E69F00']))
	})

	test('empty or all-zero data shows a friendly sentence, never a broken chart', () => {
		for (const props of [
			{ categories: [], series: [] },
			{ series: [] },
			{ series: [{ label: 'Intro', values: [0, 0, 0] }] },
			{ kind: 'line' as const, series: [{ label: 'Rate', values: [0, 0, 0] }] },
		]) {
			const out = html(props)
			expect(out).toContain('No data for this period')
			expect(out).not.toContain('<svg')
			expect(out).toContain('<figcaption')
			expect(out).not.toContain('NaN')
		}
		expect(isEmptyChart(['a'], [{ values: [Number.NaN] }])).toBe(true)
	})

	test('no NaN anywhere, even with missing or non-finite values or a single category', () => {
		const outs = [
			html({ series: [{ label: 'Intro', values: [1, Number.NaN] }] }),
			html({ kind: 'line', series: [{ label: 'Rate', values: [Number.POSITIVE_INFINITY, 2, 3] }] }),
			html({ kind: 'line', categories: ['Only'], series: [{ label: 'Rate', values: [5] }] }),
			html({ categories: ['Only'], series: [{ label: 'Refunds', values: [-5] }] }),
		]
		for (const out of outs) {
			expect(out).not.toContain('NaN')
			expect(out).not.toContain('Infinity')
		}
		expect(tableRows(outs[0]!)).toEqual([
			['W1', '1'],
			['W2', '0'],
			['W3', '0'],
		])
	})

	test('many categories: the axis names some, the table all', () => {
		const categories = Array.from({ length: 20 }, (_, i) => `P${i + 1}`)
		expect(visibleCategoryIndices(20, 6)).toEqual([0, 4, 8, 12, 16])
		expect(visibleCategoryIndices(3, 6)).toEqual([0, 1, 2])
		const out = html({ categories, series: [{ label: 'n', values: categories.map((_, i) => i) }] })
		const axisLabels = [...out.matchAll(/<text [^>]*text-anchor="middle"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])
		expect(axisLabels).toEqual(['P1', 'P5', 'P9', 'P13', 'P17'])
		expect(tableRows(out)).toHaveLength(20)
	})

	test('two categories that read alike still get a bar each', () => {
		const bars = marks(html({ categories: ['Mar', 'Mar'], series: [{ label: 'n', values: [1, 2] }] }), 'rect')
		expect(new Set(bars.map((b) => /x="([^"]*)"/.exec(b.raw)?.[1])).size).toBe(2)
	})
})
