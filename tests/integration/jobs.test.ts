import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { authSessions } from '../../db/schema'
import { purgeExpiredSessions } from '../../jobs/purge-expired-sessions'
import { BOSS_SCHEMA, enqueue } from '../../jobs/queue.server'
import { createSession } from '../../app/services/auth-sessions.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { createUser } from '../support/factories'

const queued = async () =>
	(await getDb().execute(sql.raw(`select count(*)::int as n from ${BOSS_SCHEMA}.job where name = '${purgeExpiredSessions.name}'`)))[0]!.n as number

describe('enqueueing inside a transaction', () => {
	test('a job exists only when the change that caused it commits', async () => {
		const before = await queued()
		await getDb()
			.transaction(async (tx) => {
				await enqueue(tx, purgeExpiredSessions, {})
				throw new Error('the change failed')
			})
			.catch(() => {})
		expect(await queued()).toBe(before)
		await getDb().transaction(async (tx) => {
			await enqueue(tx, purgeExpiredSessions, {})
		})
		expect(await queued()).toBe(before + 1)
	})

	test('a payload that does not fit the job schema is refused before anything is written', async () => {
		const before = await queued()
		await expect(
			getDb().transaction((tx) => enqueue(tx, purgeExpiredSessions, 'not an object' as never)),
		).rejects.toThrow()
		expect(await queued()).toBe(before)
	})
})

describe('purge-expired-sessions', () => {
	test('deletes expired sessions only, and running it twice changes nothing more', async () => {
		const { user } = await createUser()
		await createSession(user.id, new Date('2020-01-01T00:00:00Z'))
		freezeClockAt(new Date())
		try {
			const count = async () =>
				(await getDb().select({ n: sql<number>`count(*)::int` }).from(authSessions).where(sql`${authSessions.userId} = ${user.id}`))[0]!.n
			expect(await count()).toBe(2)
			await purgeExpiredSessions.run({})
			expect(await count()).toBe(1)
			await purgeExpiredSessions.run({})
			expect(await count()).toBe(1)
		} finally {
			resetClock()
		}
	})
})
