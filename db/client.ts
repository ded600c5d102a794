import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema'

export type Database = PostgresJsDatabase<typeof schema>
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]
export type Executor = Database | Transaction

type Connection = { url: string; sql: postgres.Sql; db: Database }

const cache = globalThis as unknown as { __mentoraDb?: Connection }

export function databaseUrl(): string {
	const url = process.env.DATABASE_URL
	if (!url) throw new Error('DATABASE_URL is not set: start Mentora with `npm start`, which provides one.')
	return url
}

/** One connection pool per process (cached on globalThis so HMR and the server bundle share it). */
export function getConnection(): Connection {
	const url = databaseUrl()
	if (cache.__mentoraDb?.url !== url) {
		// Validated with the rest of the environment at start-up (app/utils/env.server.ts); read here
		// as it is now, since a benchmark may size its own pool before connecting.
		const sql = postgres(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} })
		cache.__mentoraDb = { url, sql, db: drizzle(sql, { schema }) }
	}
	return cache.__mentoraDb
}

export function getDb(): Database {
	return getConnection().db
}

export async function closeDb(): Promise<void> {
	const conn = cache.__mentoraDb
	cache.__mentoraDb = undefined
	await conn?.sql.end({ timeout: 5 })
}
