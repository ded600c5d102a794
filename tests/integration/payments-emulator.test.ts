import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startStripeEmulator, type StripeEmulator } from '../../server/stripe-emulator'

/**
 * The emulator keeps what Stripe keeps: objects and, for 24 hours, each Idempotency-Key's first
 * answer, both in its state file, so a restart (or a kill) forgets neither.
 */

let dir: string
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'mentora-emulator-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const DAY = 24 * 3_600_000
const sdk = (emulator: StripeEmulator) => new Stripe('sk_test_emulator', { host: '127.0.0.1', port: emulator.port, protocol: 'http', maxNetworkRetries: 0 })

async function restarted(stateFile: string, clock?: () => number) {
	return startStripeEmulator({ appUrl: 'http://localhost:3000', stateFile, clock })
}

describe('idempotency keys beside the objects', () => {
	test('the same key after a restart answers the first request’s object, and makes no second one', async () => {
		const stateFile = path.join(dir, 'same-key.json')
		const first = await restarted(stateFile)
		const made = await sdk(first).accounts.create({ type: 'express', email: 'a@example.com' }, { idempotencyKey: 'account:a' })
		await first.stop()

		const second = await restarted(stateFile)
		try {
			const again = await sdk(second).accounts.create({ type: 'express', email: 'a@example.com' }, { idempotencyKey: 'account:a' })
			expect(again.id).toBe(made.id)
			expect(second.store.all('account')).toHaveLength(1)
		} finally {
			await second.stop()
		}
	})

	test('the same key with other parameters is refused with Stripe’s idempotency_error, after a restart too', async () => {
		const stateFile = path.join(dir, 'other-params.json')
		const first = await restarted(stateFile)
		await sdk(first).accounts.create({ type: 'express', email: 'b@example.com' }, { idempotencyKey: 'account:b' })
		const before = await sdk(first)
			.accounts.create({ type: 'express', email: 'other@example.com' }, { idempotencyKey: 'account:b' })
			.catch((e: unknown) => e)
		expect(before).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
		await first.stop()

		const second = await restarted(stateFile)
		try {
			const after = await sdk(second)
				.accounts.create({ type: 'express', email: 'other@example.com' }, { idempotencyKey: 'account:b' })
				.catch((e: unknown) => e)
			expect(after).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
			expect(after).toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 })
			expect(second.store.all('account')).toHaveLength(1)
		} finally {
			await second.stop()
		}
	})

	test('a key is forgotten 24 hours after its first use, also across a restart', async () => {
		const stateFile = path.join(dir, 'expiry.json')
		let now = Date.now()
		const first = await restarted(stateFile, () => now)
		const made = await sdk(first).accounts.create({ type: 'express' }, { idempotencyKey: 'account:c' })
		await first.stop()

		now += DAY + 60_000
		const second = await restarted(stateFile, () => now)
		try {
			const again = await sdk(second).accounts.create({ type: 'express' }, { idempotencyKey: 'account:c' })
			expect(again.id).not.toBe(made.id)
			expect(second.store.all('account')).toHaveLength(2)
		} finally {
			await second.stop()
		}
	})
})
