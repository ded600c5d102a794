/**
 * The pure side of a report chart: which numbers it draws, in which colours, and which axis labels
 * fit. Kept apart from the drawing so that the table and the chart read the very same numbers.
 */

/**
 * Okabe & Ito's palette, which stays distinguishable under every common colour-vision deficiency;
 * ordered so the first colours keep the most contrast on white (its yellow comes last).
 */
export const CHART_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'] as const

export function seriesColour(index: number): string {
	return CHART_COLOURS[index % CHART_COLOURS.length]!
}

/** Line series also differ by dash, so two of them never depend on colour alone. */
const DASHES = [undefined, '6 3', '2 3', '8 3 2 3'] as const

export function seriesDash(index: number): string | undefined {
	return DASHES[index % DASHES.length]
}

/** A series' value for each category: missing or non-finite values read 0, never NaN. */
export function cleanValues(values: readonly number[], categoryCount: number): number[] {
	return Array.from({ length: categoryCount }, (_, i) => {
		const value = values[i]
		return typeof value === 'number' && Number.isFinite(value) ? value : 0
	})
}

/** Nothing worth drawing: no categories, no series, or every value zero. */
export function isEmptyChart(categories: readonly string[], series: readonly { values: readonly number[] }[]): boolean {
	if (categories.length === 0 || series.length === 0) return true
	return series.every((s) => cleanValues(s.values, categories.length).every((v) => v === 0))
}

/**
 * The lowest and highest value the y axis must reach, always including 0 so bar heights stay
 * proportional to their values. Stacked bars reach the sum of a category's positive (or negative)
 * values.
 */
export function valueExtent(rows: readonly number[][], stacked: boolean): [number, number] {
	let low = 0
	let high = 0
	const categoryCount = rows[0]?.length ?? 0
	for (let i = 0; i < categoryCount; i++) {
		const column = rows.map((values) => values[i] ?? 0)
		if (stacked) {
			low = Math.min(low, column.filter((v) => v < 0).reduce((a, b) => a + b, 0))
			high = Math.max(high, column.filter((v) => v > 0).reduce((a, b) => a + b, 0))
		} else {
			low = Math.min(low, ...column)
			high = Math.max(high, ...column)
		}
	}
	return [low, high]
}

/** Where each stacked segment starts and ends: positives grow up from 0, negatives down. */
export function stackSegments(rows: readonly number[][]): { from: number; to: number }[][] {
	const categoryCount = rows[0]?.length ?? 0
	const up = new Array<number>(categoryCount).fill(0)
	const down = new Array<number>(categoryCount).fill(0)
	return rows.map((values) =>
		values.map((value, i) => {
			const base = value < 0 ? down : up
			const from = base[i]!
			base[i] = from + value
			return { from, to: from + value }
		}),
	)
}

/**
 * Which categories the x axis names, by index: all of them when they fit, otherwise every n-th
 * one, always starting with the first. The table beside the chart names every category.
 */
export function visibleCategoryIndices(count: number, maxLabels: number): number[] {
	const step = count <= maxLabels ? 1 : Math.ceil(count / maxLabels)
	return Array.from({ length: count }, (_, i) => i).filter((i) => i % step === 0)
}

/** Rounds a coordinate for the markup: two decimals are far below a pixel. */
export function px(n: number): number {
	return Math.round(n * 100) / 100
}
