import postgres from 'postgres'

/**
 * A request rate shared by every process on one database, such as the Stripe account's 100
 * requests per second: web processes creating checkouts and every worker releasing payouts draw on
 * one budget instead of each guessing its share.
 *
 * It is the generic cell rate algorithm held in one row of `request_budgets`: `next_at` is when the
 * next request may go. Taking a turn is one statement that moves `next_at` on by one interval and
 * answers how long this caller waits for its turn, all on the database's clock, so the processes'
 * own clocks never matter. At most `ratePerSecond + burst` requests go in any one second (a caller
 * woken more than 100 ms after its turn queues again rather than crowd the next ones). `pause`
 * holds every process back, e.g. after Stripe answered 429.
 *
 * The budget has its own two connections, apart from the process's pool: a caller that holds a
 * pooled connection (a transaction) while it waits for Stripe can never starve the budget of one.
 */

export type RequestBudget = {
	/** Resolves when this caller's turn has come. */
	take: () => Promise<void>
	/** No caller anywhere goes for the next `ms` milliseconds. */
	pause: (ms: number) => Promise<void>
}

/** How late after its turn a waiting caller may still go. */
const LATE_TOLERANCE_MS = 100

type Connection = { url: string; sql: postgres.Sql }
const cache = globalThis as unknown as { __mentoraBudgetDb?: Connection }

function connection(): postgres.Sql {
	const url = process.env.DATABASE_URL
	if (!url) throw new Error('DATABASE_URL is not set')
	if (cache.__mentoraBudgetDb?.url !== url) {
		void cache.__mentoraBudgetDb?.sql.end({ timeout: 1 })
		cache.__mentoraBudgetDb = { url, sql: postgres(url, { max: 2, onnotice: () => {} }) }
	}
	return cache.__mentoraBudgetDb.sql
}

export async function closeRequestBudgets(): Promise<void> {
	const conn = cache.__mentoraBudgetDb
	cache.__mentoraBudgetDb = undefined
	await conn?.sql.end({ timeout: 5 })
}

export function sharedRequestBudget(options: { key: string; ratePerSecond: number; burst?: number; sql?: postgres.Sql }): RequestBudget {
	const intervalSeconds = 1 / options.ratePerSecond
	const toleranceSeconds = ((options.burst ?? 1) - 1) * intervalSeconds
	const sql = () => options.sql ?? connection()
	const reserve = async () => {
		// The new next_at less one interval is this caller's turn; a burst may go that much earlier.
		const [row] = await sql()<{ wait_ms: number }[]>`
				insert into request_budgets as b (key, next_at)
				values (${options.key}, clock_timestamp() + make_interval(secs => ${intervalSeconds}::float8))
				on conflict (key) do update set next_at = greatest(b.next_at, clock_timestamp()) + make_interval(secs => ${intervalSeconds}::float8)
				returning greatest(0, extract(epoch from b.next_at - clock_timestamp()) - ${intervalSeconds + toleranceSeconds}::float8) * 1000 as wait_ms`
		return Number(row?.wait_ms ?? 0)
	}
	return {
		async take() {
			for (;;) {
				const waitMs = await reserve()
				if (waitMs <= 0) return
				const turn = Date.now() + waitMs
				await new Promise((resolve) => setTimeout(resolve, waitMs))
				// Woken well after its turn (a busy event loop): going now would crowd the turns after
				// it, so this one is let go and the caller queues again.
				if (Date.now() - turn <= LATE_TOLERANCE_MS) return
			}
		},
		async pause(ms) {
			await sql()`
				insert into request_budgets as b (key, next_at)
				values (${options.key}, clock_timestamp() + make_interval(secs => ${ms / 1000}::float8))
				on conflict (key) do update set next_at = greatest(b.next_at, clock_timestamp() + make_interval(secs => ${ms / 1000}::float8))`
		},
	}
}
