import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useRef } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { inputClass } from '~/components/forms'
import { ProgrammeAdminNav } from '~/components/programme-admin-nav'
import { ReportSections } from '~/components/programme-report-sections'
import { EXPORT_TITLES, exportSearch, PROGRAMME_EXPORTS } from '~/rules/exports'
import { chosenMetrics, PRESET_LABELS, REPORT_PRESETS, type ReportQuery } from '~/rules/programme-report'
import { getProgrammeReport, reportFilterOptions } from '~/services/programme-report.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { formatLocalDate } from '~/utils/format-time'
import { requireProgrammeAdmin } from '~/utils/programme-admin.server'

/**
 * A programme's report for its coordinators and admins: a period (a preset or two dates) and
 * filters by department, location and role, all in the URL (a GET form that works without
 * JavaScript); then the metrics the programme chose, each as numbers against the previous period
 * and a chart with its table; and the CSV exports with the same filters.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Report · ${data?.programme.name ?? 'Programme'} · Mentora` }]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user, programme } = await requireProgrammeAdmin(request, context, params.slug)
	const url = new URL(request.url)
	const options = await reportFilterOptions(programme.id)
	const page = { programme: { slug: programme.slug, name: programme.name, timeZone: programme.timeZone }, metrics: chosenMetrics(programme.reportMetrics), options }
	try {
		const { query, report } = await getProgrammeReport({ viewer: user, slug: programme.slug, params: url.searchParams, now: now() })
		return { ...page, query, report, errors: null, typed: null }
	} catch (error) {
		if (!isDomainError(error) || error.code !== 'validation_failed') throw error
		// The form comes back as typed, with each refusal beside its field.
		return data({ ...page, query: null, report: null, errors: error.fields ?? {}, typed: Object.fromEntries(url.searchParams) }, { status: 422 })
	}
}

const day = (date: string) => formatLocalDate(date, 'en-GB')

export default function ProgrammeReportPage() {
	const { programme, metrics, options, query, report, errors, typed } = useLoaderData<typeof loader>()
	const presetRef = useRef<HTMLSelectElement>(null)
	const fromRef = useRef<HTMLInputElement>(null)
	const toRef = useRef<HTMLInputElement>(null)
	const value = (name: 'from' | 'to' | 'department' | 'location' | 'role' | 'preset') =>
		typed?.[name] ?? (query ? (name === 'from' || name === 'to' ? (query.preset ? '' : query.range[name]) : name === 'preset' ? (query.preset ?? '') : (query.filters[name] ?? '')) : '')
	const fieldError = (name: string) => errors?.[name]?.join(' ')
	const invalid = (name: string) => (fieldError(name) ? { 'aria-invalid': true, 'aria-describedby': `report-${name}-error` } : {})
	const exportQuery = query ? exportSearch({ ...query.filters, from: query.range.from, to: query.range.to }) : ''
	const empty = report && Object.values(report.metrics.registrationsByStatus).every((n) => n === 0) && report.metrics.relationships.confirmed === 0 && report.metrics.contactActivity.sessions === 0

	return (
		<section className="space-y-6">
			<ProgrammeAdminNav slug={programme.slug} name={programme.name} />
			<h1 className="text-2xl font-bold tracking-tight">Report · {programme.name}</h1>

			<Form method="get" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Report period and filters">
				<div className="grid gap-3 sm:grid-cols-3">
					<ReportField label="Period" name="preset" error={fieldError('preset')}>
						<select
							ref={presetRef}
							id="report-preset"
							name="preset"
							defaultValue={value('preset')}
							className={inputClass}
							{...invalid('preset')}
							onChange={(event) => {
								// A preset replaces the dates; the dates, when typed, replace the preset.
								if (event.currentTarget.value && fromRef.current && toRef.current) fromRef.current.value = toRef.current.value = ''
							}}
						>
							{REPORT_PRESETS.map((preset) => (
								<option key={preset} value={preset}>
									{PRESET_LABELS[preset]}
								</option>
							))}
							<option value="">Dates below</option>
						</select>
					</ReportField>
					{(['from', 'to'] as const).map((name) => (
						<ReportField key={name} label={name === 'from' ? 'From' : 'To (included)'} name={name} error={fieldError(name)}>
							<input
								ref={name === 'from' ? fromRef : toRef}
								id={`report-${name}`}
								type="date"
								name={name}
								defaultValue={value(name)}
								className={inputClass}
								aria-describedby="report-dates-hint"
								{...invalid(name)}
								onChange={() => presetRef.current && (presetRef.current.value = '')}
							/>
						</ReportField>
					))}
				</div>
				<p id="report-dates-hint" className="text-sm text-slate-600">
					Dates in the programme&apos;s zone, {programme.timeZone}; when given, they win over the period.
				</p>
				<div className="grid gap-3 sm:grid-cols-3">
					{(['department', 'location'] as const).map((name) => (
						<ReportField key={name} label={name === 'department' ? 'Department' : 'Location'} name={name} error={fieldError(name)}>
							<input id={`report-${name}`} name={name} list={`report-${name}-options`} defaultValue={value(name)} maxLength={200} className={inputClass} {...invalid(name)} />
							<datalist id={`report-${name}-options`}>
								{(name === 'department' ? options.departments : options.locations).map((option) => (
									<option key={option} value={option} />
								))}
							</datalist>
						</ReportField>
					))}
					<ReportField label="Role" name="role" error={fieldError('role')}>
						<select id="report-role" name="role" defaultValue={value('role')} className={inputClass} {...invalid('role')}>
							<option value="">Mentors and mentees</option>
							<option value="mentor">Mentors</option>
							<option value="mentee">Mentees</option>
						</select>
					</ReportField>
				</div>
				<div className="flex gap-3">
					<button className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">Show report</button>
					<Link to="." className="self-center text-sm text-brand-700 underline">
						Clear filters
					</Link>
				</div>
			</Form>

			{query && report ? (
				<>
					<Summary query={query} previous={report.previous} />
					<nav aria-label="Export CSV" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
						<span className="font-medium">Export CSV (this period and these filters):</span>
						{PROGRAMME_EXPORTS.map((name) => (
							<a key={name} href={`/api/v1/programmes/${programme.slug}/exports/${name}.csv${exportQuery}`} download className="text-brand-700 underline">
								{EXPORT_TITLES[name]}
							</a>
						))}
					</nav>
					{empty ? (
						<p className="rounded-xl bg-slate-50 p-4 text-slate-700 ring-1 ring-slate-200">
							Nothing to report for this period and these filters yet: no registrations, relationships or sessions. Try all time, or fewer filters.
						</p>
					) : null}
					<ReportSections metrics={metrics} report={report} previous={report.previous} />
				</>
			) : (
				<p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
					The report needs a valid period and filters: see the messages beside the fields.
				</p>
			)}
		</section>
	)
}

function Summary({ query, previous }: { query: ReportQuery; previous: { from: string; to: string } | null }) {
	return (
		<p className="text-sm text-slate-700">
			{query.preset ? `${PRESET_LABELS[query.preset]}: ` : ''}
			<strong>
				{day(query.range.from)} – {day(query.range.to)}
			</strong>
			{previous ? `, against ${day(previous.from)} – ${day(previous.to)}` : ''}.
			{query.filters.department ? ` Department ${query.filters.department}.` : ''}
			{query.filters.location ? ` Location ${query.filters.location}.` : ''}
			{query.filters.role ? ` ${query.filters.role === 'mentor' ? 'Mentors' : 'Mentees'} only.` : ''}
		</p>
	)
}

function ReportField({ label, name, error, children }: { label: string; name: string; error?: string; children: React.ReactNode }) {
	return (
		<div>
			<label htmlFor={`report-${name}`} className="block text-sm font-medium">
				{label}
			</label>
			{children}
			{error ? (
				<p id={`report-${name}-error`} className="mt-1 text-sm text-red-700">
					{error}
				</p>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
