/**
 * The programme report of PRODUCT.md "Reports and exports", pure: its date ranges and presets,
 * the periods its charts are drawn in, the metrics a programme may choose, and the arithmetic that
 * turns counted rows into rates (never NaN: an empty programme shows zeros).
 *
 * Every range is of whole days, both ends included, in the programme's time zone.
 */
import { DateTime } from 'luxon'
import { z } from 'zod'
import { REPORT_METRICS, type ReportMetric } from '../../db/schema/programmes'
import { readExportFilters, type ExportFilters } from './exports'

export const REPORT_PRESETS = ['last_30_days', 'this_quarter', 'this_year', 'all_time'] as const
export type ReportPreset = (typeof REPORT_PRESETS)[number]

export const PRESET_LABELS: Record<ReportPreset, string> = {
	last_30_days: 'Last 30 days',
	this_quarter: 'This quarter',
	this_year: 'This year',
	all_time: 'All time',
}

/** What a report shows when its programme has not chosen: the numbers every programme is asked about. */
export const DEFAULT_REPORT_METRICS: readonly ReportMetric[] = ['registrations', 'matching', 'relationships', 'sessions', 'contact', 'feedback', 'participation']

export const METRIC_LABELS: Record<ReportMetric, string> = {
	registrations: 'Registrations by status',
	matching: 'Match rate and time to match',
	relationships: 'Confirmed, lapsed and ended relationships',
	sessions: 'Sessions per relationship per month',
	no_shows: 'No-show rate',
	goals: 'Goals reached',
	assignments: 'Learning assignments done',
	contact: 'Contact activity',
	feedback: 'Session feedback',
	participation: 'Participation days',
}

export const chosenMetrics = (chosen: readonly ReportMetric[] | null | undefined): ReportMetric[] =>
	REPORT_METRICS.filter((m) => (chosen ?? DEFAULT_REPORT_METRICS).includes(m))

/** The last day a range may end on. */
const LAST_DAY = '9998-12-31'

/** The longest range a report covers: ten years of days. */
export const MAX_REPORT_DAYS = 3_660

export type DayRange = { from: string; to: string }

/**
 * A preset's days as seen on `today` in the programme's zone. "All time" runs from the day the
 * programme was created.
 */
export function presetRange(preset: ReportPreset, today: string, programmeStart: string): DayRange {
	const day = DateTime.fromISO(today, { zone: 'UTC' })
	switch (preset) {
		case 'last_30_days':
			return { from: day.minus({ days: 29 }).toISODate()!, to: today }
		case 'this_quarter':
			return { from: day.startOf('quarter').toISODate()!, to: today }
		case 'this_year':
			return { from: day.startOf('year').toISODate()!, to: today }
		case 'all_time':
			return { from: programmeStart < today ? programmeStart : today, to: today }
	}
}

/** The range of the same length that ends the day before this one starts: what "against the previous period" compares with. */
export function previousRange(range: DayRange): DayRange {
	const from = DateTime.fromISO(range.from, { zone: 'UTC' })
	const days = daysIn(range)
	return { from: from.minus({ days }).toISODate()!, to: from.minus({ days: 1 }).toISODate()! }
}

export const daysIn = (range: DayRange): number =>
	DateTime.fromISO(range.to, { zone: 'UTC' }).diff(DateTime.fromISO(range.from, { zone: 'UTC' }), 'days').days + 1

/** A chart's periods: weeks (starting Monday) for a range of up to 92 days, calendar months beyond. */
export type PeriodUnit = 'week' | 'month'
export const periodUnit = (range: DayRange): PeriodUnit => (daysIn(range) <= 92 ? 'week' : 'month')

/** The first day of every period that meets the range, in order: the keys the SQL's `date_trunc` gives. */
export function periodsOf(range: DayRange): string[] {
	const unit = periodUnit(range)
	const end = DateTime.fromISO(range.to, { zone: 'UTC' })
	const periods: string[] = []
	for (let p = DateTime.fromISO(range.from, { zone: 'UTC' }).startOf(unit); p <= end; p = p.plus({ [`${unit}s`]: 1 })) {
		periods.push(p.toISODate()!)
	}
	return periods
}

/** How a period reads on a chart: "12 Jan" for a week (its Monday), "Jan 2027" for a month. */
export function periodLabel(start: string, unit: PeriodUnit): string {
	const day = DateTime.fromISO(start, { zone: 'UTC' })
	return unit === 'week' ? day.toFormat('d LLL') : day.toFormat('LLL yyyy')
}

/** A share as a fraction from 0 to 1, four places kept; nothing to count is 0, never NaN. */
export const rate = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0)

/** A number kept to `places` decimals (the report's averages and medians). */
export const round = (n: number, places = 2): number => Math.round(n * 10 ** places) / 10 ** places

/** The average length of a month in days (365.25 / 12): what "per month" divides by. */
export const DAYS_PER_MONTH = 30.4375

/** Completed sessions per relationship per month: sessions over the relationship-months the range held (0 when none). */
export const perRelationshipMonth = (sessions: number, relationshipDays: number): number =>
	relationshipDays > 0 ? round(sessions / (relationshipDays / DAYS_PER_MONTH)) : 0

/** How a number moved against the previous period: the difference, and the relative change where there was something before. */
export function change(current: number, previous: number): { delta: number; relative: number | null } {
	return { delta: round(current - previous, 4), relative: previous !== 0 ? round((current - previous) / Math.abs(previous), 4) : null }
}

export type ReportFilters = Pick<ExportFilters, 'department' | 'location' | 'role'>

export type ReportQuery = { range: DayRange; preset: ReportPreset | null; filters: ReportFilters }
export type ReportQueryResult = { ok: true; query: ReportQuery } | { ok: false; fields: Record<string, string[]> }

const PresetSchema = z.enum(['', ...REPORT_PRESETS], { errorMap: () => ({ message: `A preset is one of ${REPORT_PRESETS.join(', ')}.` }) })

/**
 * The report's query string: `from` and `to` (YYYY-MM-DD), or a `preset`, and the filters
 * `department`, `location` and `role` (the exports' filters and messages). Given neither, the
 * report covers all time. A range with one end takes the other from all time: up to today, or
 * from the programme's first day.
 */
export function readReportQuery(params: URLSearchParams, today: string, programmeStart: string): ReportQueryResult {
	const fields: Record<string, string[]> = {}
	const filters = readExportFilters(params)
	if (!filters.ok) Object.assign(fields, filters.fields)
	const preset = PresetSchema.safeParse(params.get('preset') ?? '')
	if (!preset.success) fields.preset = [preset.error.issues[0]!.message]
	if (Object.keys(fields).length > 0 || !filters.ok || !preset.success) return { ok: false, fields }

	const { from, to, department, location, role } = filters.filters
	const chosen: ReportPreset | null = preset.data !== '' ? preset.data : from || to ? null : 'all_time'
	const whole = presetRange('all_time', today, programmeStart)
	const range = chosen && !from && !to ? presetRange(chosen, today, programmeStart) : { from: from ?? whole.from, to: to ?? whole.to }
	// The day after the range must still be a date PostgreSQL takes (year 9999 at most).
	if (range.to > LAST_DAY) return { ok: false, fields: { to: [`Choose a date up to ${LAST_DAY}.`] } }
	if (range.from > range.to) return { ok: false, fields: { [from ? 'from' : 'to']: ['The end of the range comes on or after its start.'] } }
	if (daysIn(range) > MAX_REPORT_DAYS) return { ok: false, fields: { from: [`A report covers at most ${MAX_REPORT_DAYS} days.`] } }
	const reportFilters: ReportFilters = Object.fromEntries(Object.entries({ department, location, role }).filter(([, v]) => v !== undefined))
	return { ok: true, query: { range, preset: from || to ? null : chosen, filters: reportFilters } }
}

/** The query string of a report (its range and filters), for links that keep them. */
export function reportSearch(query: ReportQuery): string {
	const params = new URLSearchParams()
	if (query.preset) params.set('preset', query.preset)
	else {
		params.set('from', query.range.from)
		params.set('to', query.range.to)
	}
	for (const key of ['department', 'location', 'role'] as const) {
		const value = query.filters[key]
		if (value) params.set(key, value)
	}
	return `?${params.toString()}`
}
