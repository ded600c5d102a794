import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { payouts } from '../../db/schema'
import { getBoss } from '../../jobs/queue.server'
import { releasePayoutJob } from '../../jobs/release-payout'
import { type StripeObject } from '../../server/stripe-emulator'
import { pendingPayouts, until } from '../support/payments'
import { useStripeEmulator } from '../support/stripe'

/**
 * `kill -9` of everything at once, mid-batch: the app (webhook endpoint and worker) and the Stripe
 * emulator run as separate processes in one process group, the group is killed with SIGKILL while
 * payouts are being released, then started again. Every payout must end with exactly one transfer.
 */

const PAYOUTS = 60
const BUNDLES = 5

let dir: string
let stateFile: string
const groups: ChildProcess[] = []
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'mentora-crash-'))
	stateFile = path.join(dir, 'stripe-emulator.json')
})
afterAll(async () => {
	for (const group of groups) killGroup(group)
	await rm(dir, { recursive: true, force: true })
})

const freePort = () =>
	new Promise<number>((resolve) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number }
			server.close(() => resolve(port))
		})
	})

function killGroup(group: ChildProcess) {
	try {
		process.kill(-group.pid!, 'SIGKILL')
	} catch {
		// Already gone.
	}
}

/** The emulator (its objects and keys in `stateFile`) and the app, each its own process, in one new process group. */
async function startGroup(stripePort: number, webPort: number): Promise<ChildProcess> {
	const node = `"${process.execPath}" --import tsx`
	const group = spawn('sh', ['-c', `${node} server/stripe-emulator/cli.ts & ${node} tests/support/payout-worker.ts & wait`], {
		detached: true,
		env: {
			...process.env,
			STRIPE_EMULATOR_PORT: String(stripePort),
			EMULATOR_STATE_FILE: stateFile,
			EMULATOR_LATENCY_MS: '150',
			APP_URL: `http://127.0.0.1:${webPort}`,
			PAYOUT_WORKER_WEB_PORT: String(webPort),
			// Slow enough that the kill finds transfers made at Stripe but not yet answered.
			STRIPE_REQUESTS_PER_SECOND: '25',
		},
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	groups.push(group)
	let output = ''
	await new Promise<void>((resolve, reject) => {
		group.stdout!.on('data', (chunk: Buffer) => {
			output += chunk.toString()
			if (output.includes('worker ready') && output.includes('stripe emulator listening')) resolve()
		})
		group.once('exit', (code) => reject(new Error(`the process group exited with ${code}`)))
	})
	return group
}

async function killAll(group: ChildProcess) {
	const exited = new Promise((r) => group.once('exit', r))
	killGroup(group)
	await exited
}

const count = async (status: 'released' | 'failed' | 'dead') =>
	(await getDb().select({ n: sql<number>`count(*)::int` }).from(payouts).where(eq(payouts.status, status)))[0]!.n

/** What the emulator wrote down: what a restarted Stripe would know. */
const transfersAtStripe = (): StripeObject[] =>
	Object.values((JSON.parse(readFileSync(stateFile, 'utf8')) as { objects: Record<string, StripeObject> }).objects).filter((o) => o.object === 'transfer')

test('web, worker and emulator killed together (SIGKILL to the group) mid-batch, then restarted: every payout transferred exactly once', { timeout: 180_000 }, async () => {
	// Set up at an emulator of this process that keeps its state in the file, then hand the file over.
	const setup = await useStripeEmulator({ stateFile })
	await (await getBoss()).updateQueue(releasePayoutJob.name, { expireInSeconds: 5 } as never)
	await pendingPayouts(setup, PAYOUTS, BUNDLES)
	await setup.stop()
	const [stripePort, webPort] = [setup.port, await freePort()]

	const first = await startGroup(stripePort, webPort)
	await until(async () => (await count('released')) >= 15, 60_000, 'the first payouts to be released')
	await killAll(first)
	expect(await count('released')).toBeLessThan(PAYOUTS)

	const second = await startGroup(stripePort, webPort)
	await until(async () => (await count('released')) === PAYOUTS, 120_000, 'every payout to be released')
	await killAll(second)

	const transfers = transfersAtStripe()
	const perPayout = new Map<string, number>()
	for (const t of transfers) perPayout.set(t.metadata.payout_id, (perPayout.get(t.metadata.payout_id) ?? 0) + 1)
	const rows = await getDb().select().from(payouts)
	expect(rows).toHaveLength(PAYOUTS)
	expect(rows.filter((p) => perPayout.get(p.id) !== 1).map((p) => ({ id: p.id, transfers: perPayout.get(p.id) ?? 0 }))).toEqual([])
	expect(transfers).toHaveLength(PAYOUTS)
	// Each payout names the one transfer Stripe holds for it; none is failed (or dead) while its transfer exists.
	const byPayout = new Map(transfers.map((t) => [t.metadata.payout_id as string, t.id]))
	expect(rows.filter((p) => p.status !== 'released' || p.stripeTransferId !== byPayout.get(p.id))).toEqual([])
	expect([await count('failed'), await count('dead')]).toEqual([0, 0])
})
