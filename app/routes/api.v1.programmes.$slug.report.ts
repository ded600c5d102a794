import { type LoaderFunctionArgs } from '@remix-run/node'
import { getProgrammeReport, type ProgrammeReport } from '~/services/programme-report.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireUser } from '~/utils/session.server'

/**
 * GET a programme's report (its coordinators, admins): the metrics over `from`–`to` (or a
 * `preset`), filtered by `department`, `location` and `role`, with the period before it and the
 * numbers per week or month its charts draw.
 */

const metricsOf = (r: ProgrammeReport) => ({ from: r.from, to: r.to, metrics: r.metrics })

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const user = await requireUser(request, context)
		const { report } = await getProgrammeReport({ viewer: user, slug: params.slug ?? '', params: new URL(request.url).searchParams, now: now() })
		return Response.json(
			{ report: { ...metricsOf(report), previous: report.previous ? metricsOf(report.previous) : null, series: report.series } },
			{ headers: { 'Cache-Control': 'private, no-store' } },
		)
	})

export const action = () => methodNotAllowed(['GET'])
