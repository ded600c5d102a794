import { spawn, type ChildProcess } from 'node:child_process'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { payouts } from '../../db/schema'
import { getBoss } from '../../jobs/queue.server'
import { releasePayoutJob } from '../../jobs/release-payout'
import { type StripeEmulator } from '../../server/stripe-emulator'
import { pendingPayouts, until } from '../support/payments'
import { useStripeEmulator } from '../support/stripe'

let emulator: StripeEmulator
const children: ChildProcess[] = []
beforeAll(async () => {
	emulator = await useStripeEmulator({ latencyMs: 25 })
})
afterAll(() => {
	for (const child of children) child.kill('SIGKILL')
})

const PAYOUTS = 200
const BUNDLES = 5

/** The worker as a separate process against this file's database and emulator. */
async function startWorkerProcess(): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/payout-worker.ts'], {
		env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, STRIPE_EMULATOR_PORT: process.env.STRIPE_EMULATOR_PORT },
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	children.push(child)
	await new Promise<void>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('worker ready') && resolve())
		child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)))
	})
	return child
}

const released = async () => (await getDb().select({ n: sql<number>`count(*)::int` }).from(payouts).where(eq(payouts.status, 'released')))[0]!.n

test('a worker killed (SIGKILL) while releasing 200 payouts, then restarted, leaves exactly 200 transfers, none twice', { timeout: 120_000 }, async () => {
	// Jobs a dead worker left active are taken back once their expiry passes; a short one keeps this test short.
	await (await getBoss()).updateQueue(releasePayoutJob.name, { expireInSeconds: 5 } as never)
	await pendingPayouts(emulator, PAYOUTS, BUNDLES)
	emulator.resetStats()

	const first = await startWorkerProcess()
	await until(() => emulator.store.all('transfer').length >= 50, 60_000, 'the first transfers')
	first.kill('SIGKILL')
	await new Promise((r) => first.once('exit', r))
	const atKill = emulator.store.all('transfer').length
	expect(atKill).toBeLessThan(PAYOUTS)

	const second = await startWorkerProcess()
	await until(async () => (await released()) === PAYOUTS, 90_000, 'every payout to be released')
	second.kill('SIGKILL')

	const transfers = emulator.store.all('transfer')
	const payoutIds = new Set(transfers.map((t) => t.metadata.payout_id))
	expect(transfers).toHaveLength(PAYOUTS)
	expect(payoutIds.size).toBe(PAYOUTS)
	const rows = await getDb().select().from(payouts)
	expect(new Set(rows.map((p) => p.stripeTransferId))).toEqual(new Set(transfers.map((t) => t.id)))
	// Some transfer requests were in flight when the first worker died: their retry got Stripe's first answer back.
	expect(emulator.stats.byRoute['POST /v1/transfers']).toBeGreaterThanOrEqual(PAYOUTS)
})
