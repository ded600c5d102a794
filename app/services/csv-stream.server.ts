import { type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { stringify, type Options } from 'csv-stringify/sync'
import { getConnection } from '../../db/client'
import { neutraliseCell } from '../rules/exports'

/**
 * A query's rows as a CSV file, streamed: a database cursor hands over `batchSize` rows at a time,
 * and the next batch is fetched only when the reader asks for more (a pull stream), so a slow
 * client holds the cursor still rather than filling memory. UTF-8 with a BOM and RFC 4180 quoting
 * (CRLF between records, fields quoted where needed), as Excel opens them.
 *
 * The query runs in its own read-only, repeatable-read transaction on a reserved connection, so
 * the whole file is one snapshot of the data, with the session's time zone set to the programme's
 * (the queries format instants with `to_char`, which reads it). Cancelling the stream, or the
 * request's `signal` aborting, closes the cursor and gives the connection back.
 */

const BOM = '\uFEFF'
const OPTIONS: Options = { record_delimiter: 'windows', eof: true, cast: { boolean: (b) => (b ? 'true' : 'false') } }
const dialect = new PgDialect()
const encoder = new TextEncoder()

export const DEFAULT_BATCH_SIZE = 1000
const SORT_MEMORY = '64MB'

type Cell = string | number | boolean | null

function cells(row: Cell[]): Cell[] {
	return row.map((value) => (typeof value === 'string' ? neutraliseCell(value) : value))
}

async function* cursorBatches(query: SQL, timeZone: string, batchSize: number): AsyncGenerator<Cell[][]> {
	const { sql: text, params } = dialect.sqlToQuery(query)
	const connection = await getConnection().sql.reserve()
	let committed = false
	try {
		await connection`begin isolation level repeatable read read only`
		await connection`select set_config('TimeZone', ${timeZone}, true)`
		// The file's order is sorted in memory rather than through temporary files, for this transaction only.
		await connection`select set_config('work_mem', ${SORT_MEMORY}, true)`
		for await (const rows of connection.unsafe(text, params as never[]).values().cursor(batchSize)) yield rows as unknown as Cell[][]
		await connection`commit`
		committed = true
	} finally {
		if (!committed) await connection`rollback`.catch(() => {})
		connection.release()
	}
}

export function csvStream(input: { header: string[]; query: SQL; timeZone: string; signal?: AbortSignal; batchSize?: number }): ReadableStream<Uint8Array> {
	const batches = cursorBatches(input.query, input.timeZone, input.batchSize ?? DEFAULT_BATCH_SIZE)
	let stopped = false
	const stop = async () => {
		if (stopped) return
		stopped = true
		await batches.return(undefined)
	}
	return new ReadableStream<Uint8Array>(
		{
			start(controller) {
				controller.enqueue(encoder.encode(BOM + stringify([input.header], OPTIONS)))
				input.signal?.addEventListener(
					'abort',
					() => {
						void stop()
						try {
							controller.error(new Error('The client went away.'))
						} catch {
							// Already closed.
						}
					},
					{ once: true },
				)
			},
			async pull(controller) {
				if (stopped) return
				const next = await batches.next()
				if (stopped) return
				if (next.done) {
					stopped = true
					controller.close()
					return
				}
				controller.enqueue(encoder.encode(stringify(next.value.map(cells), OPTIONS)))
			},
			cancel: stop,
		},
		// One batch waits in the queue at most: the cursor moves only as fast as the reader reads.
		{ highWaterMark: 1 },
	)
}
