import { createHash } from 'node:crypto'
import Stripe from 'stripe'
import { getEnv } from '../utils/env.server'
import { sharedRequestBudget, type RequestBudget } from './request-budget.server'

/**
 * The process's Stripe client. With STRIPE_SECRET_KEY it talks to Stripe; without, the same SDK is
 * pointed (host, port, protocol) at the local emulator (server/stripe-emulator), so every code path
 * is the production one. Every request waits for its turn in the account's request budget, which
 * every web and worker process shares through PostgreSQL, and a 429 holds all of them back with
 * exponential backoff before the request is sent again (a 429 means Stripe did nothing, so
 * resending is safe).
 */

export type { Stripe }

const MAX_RATE_LIMIT_RETRIES = 6

function limitedHttpClient(inner: Stripe.HttpClient, budget: RequestBudget): Stripe.HttpClient {
	let backoffMs = 100
	const client = Object.create(inner) as Stripe.HttpClient
	client.makeRequest = async (...args: Parameters<Stripe.HttpClient['makeRequest']>) => {
		for (let attempt = 0; ; attempt++) {
			await budget.take()
			const response = await inner.makeRequest(...args)
			if (response.getStatusCode() !== 429 || attempt >= MAX_RATE_LIMIT_RETRIES) {
				if (response.getStatusCode() !== 429) backoffMs = 100
				return response
			}
			response.dispose?.()
			const retryAfter = Number(response.getHeaders()['retry-after'])
			await budget.pause(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoffMs * (0.5 + Math.random()))
			backoffMs = Math.min(backoffMs * 2, 8000)
		}
	}
	return client
}

type Cached = { key: string; stripe: Stripe }
const cache = globalThis as unknown as { __mentoraStripe?: Cached }

export function isStripeEmulated(): boolean {
	return !getEnv().STRIPE_SECRET_KEY
}

export function emulatorUrl(): string {
	return `http://127.0.0.1:${getEnv().STRIPE_EMULATOR_PORT}`
}

export function getStripe(): Stripe {
	const env = getEnv()
	const key = `${env.STRIPE_SECRET_KEY ?? `emulator:${env.STRIPE_EMULATOR_PORT}`}:${env.STRIPE_REQUESTS_PER_SECOND}`
	if (cache.__mentoraStripe?.key !== key) {
		// One budget per Stripe account, named without its key: a hash of it, or the emulator's port.
		const account = env.STRIPE_SECRET_KEY ? createHash('sha256').update(env.STRIPE_SECRET_KEY).digest('hex').slice(0, 16) : `emulator-${env.STRIPE_EMULATOR_PORT}`
		const budget = sharedRequestBudget({ key: `stripe:${account}`, ratePerSecond: env.STRIPE_REQUESTS_PER_SECOND })
		const config: Stripe.StripeConfig = {
			maxNetworkRetries: 2,
			timeout: 30_000,
			httpClient: limitedHttpClient(Stripe.createNodeHttpClient(), budget),
			appInfo: { name: 'Mentora' },
			// Request-latency telemetry rides on later requests; at a backlog's pace its buffer only overflows.
			telemetry: false,
		}
		const stripe = env.STRIPE_SECRET_KEY
			? new Stripe(env.STRIPE_SECRET_KEY, config)
			: new Stripe('sk_test_mentora_emulator', { ...config, host: '127.0.0.1', port: env.STRIPE_EMULATOR_PORT, protocol: 'http' })
		cache.__mentoraStripe = { key, stripe }
	}
	return cache.__mentoraStripe.stripe
}

/** How far a webhook's signed timestamp may be from our clock, either way (Stripe's default: five minutes). */
export const WEBHOOK_TOLERANCE_SECONDS = 300

export type WebhookRefusal = 'invalid_signature' | 'webhook_timestamp_out_of_tolerance' | 'invalid_webhook_event'

export class WebhookVerificationError extends Error {
	constructor(readonly refusal: WebhookRefusal) {
		super(refusal)
	}
}

/**
 * Verifies a webhook's signature against STRIPE_WEBHOOK_SECRET, then its timestamp. The SDK only
 * refuses timestamps too far in the past; one too far in the future is as suspect (a replay signed
 * ahead, or a clock that is wrong), so both directions are checked here, once the signature holds.
 */
export function verifyWebhook(payload: string, signature: string | null, receivedAt = Date.now()): Stripe.Event {
	let event: Stripe.Event
	try {
		event = Stripe.webhooks.constructEvent(payload, signature ?? '', getEnv().STRIPE_WEBHOOK_SECRET, 0)
	} catch (error) {
		// The SDK parses the body only once the signature holds: a signed body that is not JSON.
		throw new WebhookVerificationError(error instanceof SyntaxError ? 'invalid_webhook_event' : 'invalid_signature')
	}
	const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signature ?? '')?.[1])
	if (!Number.isFinite(signedAt) || Math.abs(receivedAt / 1000 - signedAt) > WEBHOOK_TOLERANCE_SECONDS) {
		throw new WebhookVerificationError('webhook_timestamp_out_of_tolerance')
	}
	return event
}

export function isRateLimitError(error: unknown): boolean {
	return error instanceof Stripe.errors.StripeRateLimitError
}
