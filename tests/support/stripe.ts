/**
 * A Stripe emulator of the test file's own, whose webhooks reach the app's real endpoint
 * (`POST /webhooks/stripe`, signed with the configured secret), or are held back for the test to
 * deliver itself: twice, late, or out of order.
 */
import { afterAll } from 'vitest'
import Stripe from 'stripe'
import { action as webhookAction } from '../../app/routes/webhooks.stripe'
import { getEnv } from '../../app/utils/env.server'
import { startStripeEmulator, type StripeObject } from '../../server/stripe-emulator'

export async function postWebhook(payload: string, signature: string | null): Promise<{ status: number; body: any }> {
	const headers = new Headers({ 'Content-Type': 'application/json' })
	if (signature !== null) headers.set('Stripe-Signature', signature)
	const request = new Request('http://localhost:3000/webhooks/stripe', { method: 'POST', headers, body: payload })
	const response = await webhookAction({ request, context: { ip: '127.0.0.1', responseCookies: [] }, params: {} })
	return { status: response.status, body: await response.json() }
}

/** Signed as Stripe signs it, with the app's webhook secret (at `timestamp`, in Unix seconds; now by default). */
export function signed(event: StripeObject | Record<string, unknown> | string, timestamp?: number): { payload: string; signature: string } {
	const payload = typeof event === 'string' ? event : JSON.stringify(event, null, 2)
	return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret: getEnv().STRIPE_WEBHOOK_SECRET, timestamp }) }
}

export async function deliver(event: StripeObject) {
	const { payload, signature } = signed(event)
	return postWebhook(payload, signature)
}

export async function useStripeEmulator(options: { autoDeliver?: boolean; latencyMs?: number; stateFile?: string } = {}) {
	const emulator = await startStripeEmulator({
		appUrl: 'http://localhost:3000',
		latencyMs: options.latencyMs,
		stateFile: options.stateFile,
		webhook:
			options.autoDeliver === false
				? undefined
				: {
						secret: getEnv().STRIPE_WEBHOOK_SECRET,
						handler: async (payload, signature) => {
							const { status, body } = await postWebhook(payload, signature)
							if (status !== 200) throw new Error(`webhook answered ${status}: ${JSON.stringify(body)}`)
						},
					},
	})
	process.env.STRIPE_EMULATOR_PORT = String(emulator.port)
	// The environment is parsed once per process; this file's emulator replaces the shared one.
	delete (globalThis as { __mentoraEnv?: unknown }).__mentoraEnv
	afterAll(async () => {
		// A webhook still on its way would reach the database while the file's database is dropped.
		// On a loaded runner a delivery can take seconds; the hook's own limit is a minute.
		await Promise.race([emulator.settled(), new Promise((resolve) => setTimeout(resolve, 30_000))])
		await emulator.stop()
	})
	return emulator
}
