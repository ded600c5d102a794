import { AxisBottom, AxisLeft } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar, LinePath } from '@visx/shape'
import { useId } from 'react'
import {
	cleanValues,
	isEmptyChart,
	px,
	seriesColour,
	seriesDash,
	stackSegments,
	valueExtent,
	visibleCategoryIndices,
} from './report-chart-data'

export type ChartSeries = { label: string; values: number[] }
export type ReportChartProps = {
	kind: 'bar' | 'line'
	/** Shown as the figure's heading (an h3). */
	title: string
	/** One sentence saying what it shows (the figcaption). */
	caption: string
	/** X-axis labels (periods, statuses, ratings…). */
	categories: string[]
	/** One value per category each. */
	series: ChartSeries[]
	/** How values read in the table and on the axis (default: a plain number). */
	format?: (n: number) => string
	/** Bar charts only. */
	stacked?: boolean
	/** A stable prefix for the aria ids. */
	id?: string
}

const plainNumber = new Intl.NumberFormat('en-GB')
const defaultFormat = (n: number) => plainNumber.format(n)

/*
 * One fixed drawing size, scaled by CSS to the width it gets (width: 100%, height: auto): nothing is
 * measured, so the server's markup is the final chart. 480 units wide keeps a 12-unit label about
 * 10 px tall on a 390 px phone.
 */
const WIDTH = 480
const HEIGHT = 260
const FONT_SIZE = 12
const MAX_X_LABELS = 6
const AXIS_COLOUR = '#475569'

/**
 * A bar or line chart with the table of its numbers, as server-rendered SVG. The table holds
 * exactly the numbers drawn, for screen readers and for anyone who wants the figures; all-zero or
 * empty data shows a sentence instead of an empty frame.
 */
export function ReportChart({ kind, title, caption, categories, series, format = defaultFormat, stacked = false, id }: ReportChartProps) {
	const autoId = useId()
	const prefix = id ?? autoId
	const headingId = `${prefix}-heading`
	const rows = series.map((s) => cleanValues(s.values, categories.length))
	const empty = isEmptyChart(categories, series)

	return (
		<figure className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
			<h3 id={headingId} className="text-base font-semibold text-slate-900">
				{title}
			</h3>
			{empty ? (
				<p className="rounded bg-slate-50 p-4 text-center text-sm text-slate-700">No data for this period</p>
			) : (
				<div className="grid gap-4 lg:grid-cols-5">
					<div className="space-y-2 lg:col-span-3">
						<ChartSvg kind={kind} title={title} caption={caption} categories={categories} rows={rows} format={format} stacked={stacked} prefix={prefix} />
						{series.length >= 2 ? <Legend kind={kind} labels={series.map((s) => s.label)} /> : null}
					</div>
					<NumbersTable title={title} categories={categories} labels={series.map((s) => s.label)} rows={rows} format={format} />
				</div>
			)}
			<figcaption className="text-sm text-slate-600">{caption}</figcaption>
		</figure>
	)
}

function ChartSvg({
	kind,
	title,
	caption,
	categories,
	rows,
	format,
	stacked,
	prefix,
}: {
	kind: 'bar' | 'line'
	title: string
	caption: string
	categories: string[]
	rows: number[][]
	format: (n: number) => string
	stacked: boolean
	prefix: string
}) {
	const isStacked = kind === 'bar' && stacked
	const [low, high] = valueExtent(rows, isStacked)
	const y = scaleLinear<number>({ domain: [low, high], nice: true })
	// Counts get whole-number ticks only: "1.5 bookings" is no value anyone had.
	const whole = rows.every((values) => values.every(Number.isInteger))
	const ticks = y.ticks(4).filter((t) => !whole || Number.isInteger(t))
	// The left margin grows with the longest tick label, estimated from its length (no measuring).
	const longest = Math.max(1, ...ticks.map((t) => format(t).length))
	const margin = { top: 12, right: 12, bottom: 28, left: Math.min(140, Math.ceil(longest * FONT_SIZE * 0.6) + 16) }
	const innerWidth = WIDTH - margin.left - margin.right
	const innerHeight = HEIGHT - margin.top - margin.bottom
	y.range([innerHeight, 0])
	const titleId = `${prefix}-svg-title`
	const descId = `${prefix}-svg-desc`

	return (
		<svg
			role="img"
			aria-labelledby={titleId}
			aria-describedby={descId}
			viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
			className="h-auto w-full"
		>
			<title id={titleId}>{title}</title>
			<desc id={descId}>{caption}</desc>
			<Group left={margin.left} top={margin.top}>
				{ticks.map((t) => (
					<line key={t} x1={0} x2={innerWidth} y1={px(y(t))} y2={px(y(t))} stroke="#e2e8f0" />
				))}
				{kind === 'bar' ? (
					<Bars categories={categories} rows={rows} y={y} width={innerWidth} stacked={isStacked} />
				) : (
					<Lines categories={categories} rows={rows} y={y} width={innerWidth} />
				)}
				<AxisLeft
					scale={y}
					tickValues={ticks}
					tickFormat={(v) => format(Number(v))}
					stroke={AXIS_COLOUR}
					tickStroke={AXIS_COLOUR}
					tickComponent={({ x, y: ty, formattedValue }) => (
						<text x={px(x)} y={px(ty)} dx="-0.25em" dy="0.32em" textAnchor="end" fontSize={FONT_SIZE} fill="#334155">
							{formattedValue}
						</text>
					)}
				/>
				<AxisBottom
					top={innerHeight}
					scale={categoryScale(categories, innerWidth)}
					tickValues={visibleCategoryIndices(categories.length, MAX_X_LABELS)}
					tickFormat={(i) => categories[Number(i)]}
					stroke={AXIS_COLOUR}
					tickStroke={AXIS_COLOUR}
					tickComponent={({ x, y: ty, formattedValue }) => (
						<text x={px(x)} y={px(ty)} dy="0.71em" textAnchor="middle" fontSize={FONT_SIZE} fill="#334155">
							{formattedValue}
						</text>
					)}
				/>
			</Group>
		</svg>
	)
}

type YScale = ReturnType<typeof scaleLinear<number>>

/** Categories are placed by index, so two that read alike still get a band each. */
function categoryScale(categories: string[], width: number, padding = 0) {
	return scaleBand<number>({ domain: categories.map((_, i) => i), range: [0, width], padding })
}

function Bars({ categories, rows, y, width, stacked }: { categories: string[]; rows: number[][]; y: YScale; width: number; stacked: boolean }) {
	const x = categoryScale(categories, width, 0.25)
	const inner = scaleBand<number>({ domain: rows.map((_, i) => i), range: [0, x.bandwidth()], padding: 0.1 })
	const segments = stacked ? stackSegments(rows) : rows.map((values) => values.map((value) => ({ from: 0, to: value })))
	return (
		<>
			{segments.map((values, s) =>
				values.map(({ from, to }, i) => {
					const top = Math.min(y(from), y(to))
					const left = (x(i) ?? 0) + (stacked ? 0 : (inner(s) ?? 0))
					return (
						<Bar
							key={`${s}-${i}`}
							x={px(left)}
							y={px(top)}
							width={px(stacked ? x.bandwidth() : inner.bandwidth())}
							height={px(Math.abs(y(from) - y(to)))}
							fill={seriesColour(s)}
							data-value={to - from}
						/>
					)
				}),
			)}
		</>
	)
}

function Lines({ categories, rows, y, width }: { categories: string[]; rows: number[][]; y: YScale; width: number }) {
	const band = categoryScale(categories, width)
	// Points sit at the middle of each category's band, under its axis label.
	const xOf = (i: number) => (band(i) ?? 0) + band.bandwidth() / 2
	return (
		<>
			{rows.map((values, s) => (
				<g key={s}>
					<LinePath<number>
						data={values}
						x={(_, i) => px(xOf(i))}
						y={(v) => px(y(v))}
						stroke={seriesColour(s)}
						strokeWidth={2.5}
						strokeDasharray={seriesDash(s)}
						fill="none"
					/>
					{values.map((v, i) => (
						<circle key={i} cx={px(xOf(i))} cy={px(y(v))} r={3.5} fill={seriesColour(s)} data-value={v} />
					))}
				</g>
			))}
		</>
	)
}

function Legend({ kind, labels }: { kind: 'bar' | 'line'; labels: string[] }) {
	return (
		<ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
			{labels.map((label, s) => (
				<li key={s} className="flex items-center gap-1.5">
					<svg aria-hidden="true" viewBox="0 0 20 10" className="h-2.5 w-5">
						{kind === 'bar' ? (
							<rect width={20} height={10} fill={seriesColour(s)} />
						) : (
							<line x1={0} x2={20} y1={5} y2={5} stroke={seriesColour(s)} strokeWidth={3} strokeDasharray={seriesDash(s)} />
						)}
					</svg>
					{label}
				</li>
			))}
		</ul>
	)
}

function NumbersTable({
	title,
	categories,
	labels,
	rows,
	format,
}: {
	title: string
	categories: string[]
	labels: string[]
	rows: number[][]
	format: (n: number) => string
}) {
	return (
		// A long table scrolls in its own box; it takes focus so a keyboard can scroll it too.
		<div tabIndex={0} role="region" aria-label={`${title}: the numbers`} className="max-h-80 overflow-auto lg:col-span-2">
			<table className="w-full text-left text-sm">
				<caption className="sr-only">{title}: the numbers</caption>
				<thead>
					<tr className="border-b border-slate-200">
						<th scope="col" className="py-1 pr-3 font-medium">
							<span className="sr-only">Category</span>
						</th>
						{labels.map((label, s) => (
							<th key={s} scope="col" className="py-1 pr-3 text-right font-medium">
								{label}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{categories.map((category, i) => (
						<tr key={i} className="border-b border-slate-100">
							<th scope="row" className="py-1 pr-3 font-normal text-slate-700">
								{category}
							</th>
							{rows.map((values, s) => (
								<td key={s} className="py-1 pr-3 text-right tabular-nums">
									{format(values[i] ?? 0)}
								</td>
							))}
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}
