import { type LoaderFunctionArgs } from '@remix-run/node'
import { exportOfFile, readExportFilters } from '~/rules/exports'
import { openProgrammeExport } from '~/services/programme-exports.server'
import { apiError, handleApi, methodNotAllowed } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DomainError } from '~/utils/errors'
import { requireUser } from '~/utils/session.server'

/**
 * GET a programme's CSV export (its coordinators, admins): registrations.csv,
 * participation-dates.csv, relationships.csv or sessions.csv, filtered by the registrations
 * table's query parameters, streamed as an attachment named for the programme and today's date.
 */

export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
	handleApi(async () => {
		const user = await requireUser(request, context)
		const name = exportOfFile(params.file ?? '')
		if (!name) return apiError(new DomainError('not_found', 'There is no such export: use registrations.csv, participation-dates.csv, relationships.csv or sessions.csv.'))
		const filters = readExportFilters(new URL(request.url).searchParams)
		const opened = await openProgrammeExport({ viewer: user, slug: params.slug ?? '', name, filters, now: now(), signal: request.signal })
		return new Response(opened.body, {
			headers: {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': `attachment; filename="${opened.fileName}"`,
				// Coordinators' data about people: never kept by a shared cache.
				'Cache-Control': 'private, no-store',
			},
		})
	})

export const action = () => methodNotAllowed(['GET'])
