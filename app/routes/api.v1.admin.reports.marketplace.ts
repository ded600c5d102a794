import { type LoaderFunctionArgs } from '@remix-run/node'
import { getMarketplaceReport, readMarketplaceReportQuery } from '~/services/marketplace-report.server'
import { handleApi, methodNotAllowed } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { requireAdmin } from '~/utils/session.server'

/**
 * GET the marketplace report (admins): `from`, `to` (YYYY-MM-DD, UTC) and `interval` (week or
 * month), each optional; the same query and numbers as /admin/reports.
 */

export const loader = ({ request, context }: LoaderFunctionArgs) =>
	handleApi(async () => {
		await requireAdmin(request, context)
		const query = readMarketplaceReportQuery(new URL(request.url).searchParams, now())
		const report = await getMarketplaceReport(query)
		// Money and people's names for admins only: never kept by a shared cache.
		return Response.json({ report }, { headers: { 'Cache-Control': 'private, no-store' } })
	})

export const action = () => methodNotAllowed(['GET'])
