import { exportFileName, type ExportFilters, type ExportFiltersResult, type ProgrammeExport } from '../rules/exports'
import { DomainError } from '../utils/errors'
import { getProgrammeToAdminister } from './programmes.server'
import { csvStream } from './csv-stream.server'
import { participationDatesQuery, registrationsQuery, relationshipsQuery, sessionsQuery, type ExportQuery } from './programme-export-queries.server'

/**
 * A programme's CSV exports (PRODUCT.md "Reports and exports") for its coordinators and admins:
 * "Registrations follow-up", "Participation dates follow-up", its relationships and its sessions,
 * each streamed from a database cursor (app/services/csv-stream.server.ts), so memory stays the
 * same at any size.
 */

const QUERIES: Record<ProgrammeExport, (p: { id: string; name: string; timeZone: string }, filters: ExportFilters) => ExportQuery> = {
	registrations: registrationsQuery,
	'participation-dates': participationDatesQuery,
	relationships: relationshipsQuery,
	sessions: sessionsQuery,
}

export type OpenedExport = { fileName: string; body: ReadableStream<Uint8Array> }

/**
 * Opens one export: who may read it is checked before anything streams (a programme the viewer
 * cannot see is not found; one they see but do not administer is `not_allowed`), then its filters
 * (refused with their messages, 422), then the rows follow as the reader takes them. `signal` (the request's) closes the cursor when the client goes.
 */
export async function openProgrammeExport(input: {
	viewer: { id: string; email: string; isAdmin: boolean; isMentor: boolean; isMentee: boolean }
	slug: string
	name: ProgrammeExport
	filters: ExportFiltersResult
	now: Date
	signal?: AbortSignal
	batchSize?: number
}): Promise<OpenedExport> {
	const { programme } = await getProgrammeToAdminister(input.viewer, input.slug)
	if (!input.filters.ok) throw new DomainError('validation_failed', 'Some query parameters are invalid.', input.filters.fields)
	const query = QUERIES[input.name](programme, input.filters.filters)
	return {
		fileName: exportFileName(programme.slug, input.name, input.now, programme.timeZone),
		body: csvStream({ header: query.header, query: query.sql, timeZone: programme.timeZone, signal: input.signal, batchSize: input.batchSize }),
	}
}
