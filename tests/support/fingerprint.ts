import { sql } from 'drizzle-orm'
import { getDb } from '../../db/client'

/**
 * A digest of every row of every table the product writes, to prove that a refused request wrote
 * nothing. Throttle counters are left out: counting a refused attempt is their whole point.
 */
const IGNORED = new Set(['throttle_counters', '__drizzle_migrations'])

let query: string | undefined

export async function databaseFingerprint(): Promise<string> {
	if (!query) {
		const tables = await getDb().execute<{ name: string }>(
			sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
		)
		const digests = tables
			.map((t) => t.name)
			.filter((name) => !IGNORED.has(name))
			.map((name) => `(select md5(coalesce(string_agg(md5(t::text), ',' order by md5(t::text)), '')) from "${name}" t)`)
		query = `select md5(${digests.join(' || ')}) as digest`
	}
	const [row] = await getDb().execute<{ digest: string }>(sql.raw(query))
	return row!.digest
}
