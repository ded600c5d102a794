import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ErrorList, inputClass } from '~/components/forms'
import { MarketplaceReportView } from '~/components/marketplace-report'
import { MAX_REPORT_PERIODS } from '~/rules/marketplace-report'
import { getMarketplaceReport, readMarketplaceReportQuery } from '~/services/marketplace-report.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { requireAdmin } from '~/utils/session.server'

/**
 * The marketplace report (admins): bookings, intro-to-bundle conversion, revenue, refunds, fees and
 * payouts by week or month. The form is a GET, so a report is a link; it reads the query with the
 * API's schema (`GET /api/v1/admin/reports/marketplace`).
 */

export const meta: MetaFunction = () => [{ title: 'Marketplace report · Admin · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireAdmin(request, context)
	const params = new URL(request.url).searchParams
	try {
		const query = readMarketplaceReportQuery(params, now())
		return { values: { from: query.from, to: query.to, interval: query.interval as string }, errors: null, report: await getMarketplaceReport(query) }
	} catch (error) {
		if (!isDomainError(error)) throw error
		// The form comes back as it was sent, with a message on each field that is wrong.
		const values = { from: params.get('from') ?? '', to: params.get('to') ?? '', interval: params.get('interval') ?? '' }
		return data({ values, errors: error.fields ?? { _form: [error.message] }, report: null }, { status: error.status })
	}
}

export default function AdminReports() {
	const { values, errors, report } = useLoaderData<typeof loader>()
	const fieldProps = (name: 'from' | 'to' | 'interval') => ({
		id: `report-${name}`,
		name,
		'aria-invalid': errors?.[name] ? true : undefined,
		'aria-describedby': errors?.[name] ? `report-${name}-errors` : undefined,
	})
	return (
		<section className="space-y-6">
			<h1 className="text-2xl font-bold tracking-tight">Marketplace report</h1>
			<Form method="get" aria-label="Report range" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
				<div className="grid gap-3 sm:grid-cols-3">
					<div>
						<label htmlFor="report-from" className="block text-sm font-medium">
							From
						</label>
						<input type="date" defaultValue={values.from} className={inputClass} {...fieldProps('from')} />
						<ErrorList id="report-from-errors" errors={errors?.from} />
					</div>
					<div>
						<label htmlFor="report-to" className="block text-sm font-medium">
							To (included)
						</label>
						<input type="date" defaultValue={values.to} className={inputClass} {...fieldProps('to')} />
						<ErrorList id="report-to-errors" errors={errors?.to} />
					</div>
					<div>
						<label htmlFor="report-interval" className="block text-sm font-medium">
							By
						</label>
						<select defaultValue={values.interval} className={inputClass} {...fieldProps('interval')}>
							<option value="week">Week</option>
							<option value="month">Month</option>
						</select>
						<ErrorList id="report-interval-errors" errors={errors?.interval} />
					</div>
				</div>
				<p className="text-sm text-slate-600">
					Days and periods in UTC; weeks start on Monday. Up to {MAX_REPORT_PERIODS.week} weeks or {MAX_REPORT_PERIODS.month} months. Money in euros.
				</p>
				<button className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white">Show report</button>
			</Form>
			{report ? <MarketplaceReportView report={report} /> : <p className="text-slate-700">Correct the range above to see the report.</p>}
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
