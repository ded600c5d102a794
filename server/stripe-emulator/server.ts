import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { type AddressInfo } from 'node:net'
import path from 'node:path'
import Stripe from 'stripe'
import { list, parseStripeForm, type FormObject } from './form'
import { StripeApiError, StripeStore, stripeId, type CheckoutOutcome, type StoreState, type StoredAnswer, type StripeObject } from './store'

/**
 * A small stateful Stripe for local runs and tests: the real `stripe` SDK talks to it over HTTP
 * (its host, port and protocol options), so the code path is the production one. It keeps
 * Idempotency-Key answers for 24 hours like Stripe, can add latency and answer 429 like Stripe's
 * rate limiter (for the benchmark), and sends webhooks signed exactly as Stripe signs them.
 *
 * With a state file, what Stripe would never lose is never lost: each change is written, with the
 * idempotency answer it produced, before it is answered, so a `kill -9` at any instant leaves
 * either nothing or the object and its key, never an object a retry cannot find by its key.
 *
 * `/v1/...` is the Stripe API; `/_emulator/...` is what the local test-checkout and onboarding
 * pages (and tests) use to act as the buyer, the bank, or the mentor at Stripe.
 */

export type EmulatorOptions = {
	/** 0 picks a free port. */
	port?: number
	appUrl: string
	webhook?: { url?: string; secret: string; handler?: (payload: string, signature: string) => Promise<void> }
	latencyMs?: number
	/** Requests per second before answering 429 (Stripe's live mode allows 100). */
	rateLimitPerSecond?: number | null
	/** Share of requests (0–1) answered 429 at random, on top of the limit. */
	random429Ratio?: number
	/** Keeps the objects across restarts of `npm start` (a JSON file). */
	stateFile?: string
	clock?: () => number
	log?: (line: string) => void
}

export type EmulatorStats = { requests: number; rateLimited: number; overLimit: number; byRoute: Record<string, number>; arrivals: number[] }

/** The most requests that arrived within any one second. */
export function peakPerSecond(arrivals: number[]): number {
	const sorted = [...arrivals].sort((a, b) => a - b)
	let peak = 0
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (sorted[i]! - sorted[j]! >= 1000) j++
		peak = Math.max(peak, i - j + 1)
	}
	return peak
}

const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000

export type StripeEmulator = Awaited<ReturnType<typeof startStripeEmulator>>

export async function startStripeEmulator(options: EmulatorOptions) {
	const clock = options.clock ?? Date.now
	const config = {
		latencyMs: options.latencyMs ?? 0,
		rateLimitPerSecond: options.rateLimitPerSecond ?? null,
		random429Ratio: options.random429Ratio ?? 0,
		/** Routes (e.g. `POST /v1/transfers`) answered with an API error, to test failures and retries. */
		failingRoutes: [] as string[],
	}
	const state: StoreState = loadState(options.stateFile)
	const stats: EmulatorStats = { requests: 0, rateLimited: 0, overLimit: 0, byRoute: {}, arrivals: [] }
	let window: number[] = []
	const pending = new Set<Promise<void>>()
	let justEmitted: StripeObject[] = []
	let justDelivering: Promise<void>[] = []

	const store = new StripeStore(state, {
		appUrl: options.appUrl,
		clock,
		emit: (event) => {
			justEmitted.push(event)
			const delivery = track(deliver(event, 0))
			pending.add(delivery)
			justDelivering.push(delivery)
		},
	})

	function track(p: Promise<void>): Promise<void> {
		const tracked = p.finally(() => pending.delete(tracked))
		return tracked
	}

	/**
	 * Signed like Stripe: `t=<unix>,v1=<HMAC-SHA256(secret, "<t>.<payload>")>`. The first attempt is
	 * what callers wait for; failed ones are retried with backoff in the background, as Stripe does.
	 */
	async function deliver(event: StripeObject, attempt: number): Promise<void> {
		const webhook = options.webhook
		if (!webhook?.url && !webhook?.handler) return
		const payload = JSON.stringify(event, null, 2)
		const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhook.secret, timestamp: Math.floor(clock() / 1000) })
		try {
			if (webhook.handler) return await webhook.handler(payload, signature)
			const response = await fetch(webhook.url!, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body: payload })
			if (!response.ok) throw new Error(`answered ${response.status}`)
		} catch (error) {
			if (attempt >= 5) return options.log?.(`[stripe-emulator] gave up delivering ${event.type} ${event.id}: ${(error as Error).message}`)
			const retry = new Promise((r) => setTimeout(r, 500 * 2 ** attempt)).then(() => deliver(event, attempt + 1))
			pending.add(track(retry))
		}
	}

	/** Written whole to a temporary file, then renamed over the old one: a kill mid-write leaves the previous state. */
	function save() {
		if (!options.stateFile) return
		const expired = clock() - IDEMPOTENCY_TTL_MS
		for (const [key, answer] of Object.entries(state.idempotency)) if (answer.at < expired) delete state.idempotency[key]
		mkdirSync(path.dirname(options.stateFile), { recursive: true })
		const temporary = `${options.stateFile}.${process.pid}.tmp`
		writeFileSync(temporary, JSON.stringify({ ...state, events: state.events.slice(-500) }))
		renameSync(temporary, options.stateFile)
	}

	/**
	 * Runs a change. The buyer's and mentor's actions (control endpoints) wait for the first delivery
	 * of the webhooks they caused, so the page they return to is up to date; API calls never wait,
	 * as on Stripe, where webhooks follow the answer.
	 */
	async function act<T>(change: () => T, waitForWebhooks = true, remember?: (result: T) => void): Promise<{ result: T; events: StripeObject[] }> {
		justEmitted = []
		justDelivering = []
		const result = change()
		remember?.(result)
		const events = justEmitted
		const deliveries = justDelivering
		save()
		if (waitForWebhooks) await Promise.all(deliveries)
		return { result, events }
	}

	function route(method: string, pathname: string, params: FormObject, body: FormObject): StripeObject | { status: number; body: unknown } {
		const expand = list(params.expand ?? body.expand).filter((e): e is string => typeof e === 'string')
		const m = (pattern: RegExp) => pathname.match(pattern)
		let match: RegExpMatchArray | null
		if (method === 'POST' && pathname === '/v1/checkout/sessions') return store.createCheckoutSession(body)
		if (method === 'GET' && (match = m(/^\/v1\/checkout\/sessions\/([^/]+)$/))) return store.retrieveCheckoutSession(match[1]!, expand)
		if (method === 'GET' && (match = m(/^\/v1\/payment_intents\/([^/]+)$/))) return store.retrievePaymentIntent(match[1]!, expand)
		if (method === 'GET' && (match = m(/^\/v1\/charges\/([^/]+)$/))) return store.get(match[1]!, 'charge')
		if (method === 'POST' && pathname === '/v1/refunds') return store.createRefund(body)
		if (method === 'POST' && pathname === '/v1/transfers') return store.createTransfer(body)
		if (method === 'GET' && pathname === '/v1/transfers') return store.listTransfers(params)
		if (method === 'GET' && (match = m(/^\/v1\/transfers\/([^/]+)$/))) return store.get(match[1]!, 'transfer')
		if (method === 'POST' && (match = m(/^\/v1\/transfers\/([^/]+)\/reversals$/))) return store.createTransferReversal(match[1]!, body)
		if (method === 'POST' && pathname === '/v1/accounts') return store.createAccount(body)
		if (method === 'GET' && (match = m(/^\/v1\/accounts\/([^/]+)$/))) return store.get(match[1]!, 'account')
		if (method === 'POST' && pathname === '/v1/account_links') return store.createAccountLink(body)
		if (method === 'GET' && (match = m(/^\/v1\/events\/([^/]+)$/))) {
			const event = state.events.find((e) => e.id === match![1])
			if (!event) throw new StripeApiError(404, 'invalid_request_error', `No such event: '${match[1]}'`, 'resource_missing', 'id')
			return event
		}
		throw new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${pathname}). The Mentora Stripe emulator only knows the endpoints Mentora uses.`)
	}

	function routeKey(method: string, pathname: string) {
		return `${method} ${pathname.replace(/\/(cs_test|pi|ch|re|tr|trr|acct|evt)_[A-Za-z0-9]+/g, '/:id')}`
	}

	/** Like Stripe's limiter, every request counts against the last second, refused ones too. */
	function rateLimited(at: number): boolean {
		window = window.filter((t) => t > at - 1000)
		window.push(at)
		if (config.rateLimitPerSecond !== null && window.length > config.rateLimitPerSecond) {
			stats.overLimit += 1
			return true
		}
		return Math.random() < config.random429Ratio
	}

	async function handleApi(req: IncomingMessage, url: URL, raw: string): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
		const arrived = Date.now()
		stats.requests += 1
		stats.arrivals.push(arrived)
		const key = routeKey(req.method ?? 'GET', url.pathname)
		stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1
		if (!/^Bearer .+/.test(req.headers.authorization ?? '')) {
			return { status: 401, body: new StripeApiError(401, 'invalid_request_error', 'You did not provide an API key.').toJSON() }
		}
		if (rateLimited(arrived)) {
			stats.rateLimited += 1
			return { status: 429, body: new StripeApiError(429, 'invalid_request_error', 'Too many requests made to the API too quickly', 'rate_limit').toJSON() }
		}
		if (config.failingRoutes.includes(key)) {
			return { status: 402, body: new StripeApiError(402, 'invalid_request_error', 'Emulated failure of this route.', 'emulated_failure').toJSON() }
		}
		const idempotencyKey = req.method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined
		const fingerprint = createHash('sha256').update(`${req.method} ${url.pathname} ${raw}`).digest('hex')
		let answer: StoredAnswer | undefined
		if (idempotencyKey) {
			answer = state.idempotency[idempotencyKey]
			if (answer && answer.at < clock() - IDEMPOTENCY_TTL_MS) answer = undefined
			if (answer && answer.fingerprint !== fingerprint) {
				answer = undefined
				return {
					status: 400,
					body: new StripeApiError(400, 'idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`).toJSON(),
				}
			}
		}
		if (!answer) {
			// The change happens on arrival and the answer waits out the latency, so a client that dies
			// meanwhile leaves the object made, exactly the case idempotency keys exist for.
			const at = clock()
			// The key's answer is stored with the change it made, in the same write.
			const remember = (result: { status: number; body: unknown }) => {
				if (idempotencyKey && result.status !== 429) state.idempotency[idempotencyKey] = { fingerprint, at, ...result }
			}
			const made = req.method === 'POST' ? await act(() => tryRoute(req.method ?? 'POST', url, raw), false, remember) : { result: tryRoute(req.method ?? 'GET', url, raw) }
			answer = { fingerprint, at, ...made.result }
		}
		if (config.latencyMs > 0) await new Promise((r) => setTimeout(r, config.latencyMs))
		return { status: answer.status, body: answer.body, headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} }
	}

	function tryRoute(method: string, url: URL, raw: string): { status: number; body: unknown } {
		try {
			const result = route(method, url.pathname, parseStripeForm(url.search.slice(1)), method === 'POST' ? parseStripeForm(raw) : {})
			return 'status' in result && 'body' in result ? (result as { status: number; body: unknown }) : { status: 200, body: result }
		} catch (error) {
			if (error instanceof StripeApiError) return { status: error.status, body: error.toJSON() }
			return { status: 500, body: { error: { type: 'api_error', message: (error as Error).message } } }
		}
	}

	async function handleControl(req: IncomingMessage, url: URL, raw: string): Promise<{ status: number; body: unknown }> {
		const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
		const parts = url.pathname.split('/').slice(2)
		try {
			if (req.method === 'POST' && parts[0] === 'checkout' && parts[2] === 'complete') {
				return { status: 200, body: (await act(() => store.completeCheckout(parts[1]!, body.outcome as CheckoutOutcome))).result }
			}
			if (req.method === 'POST' && parts[0] === 'checkout' && parts[2] === 'settle') {
				return { status: 200, body: (await act(() => store.settleAsyncPayment(parts[1]!, body.succeeded === true))).result }
			}
			if (req.method === 'GET' && parts[0] === 'account_links' && parts[1]) return { status: 200, body: store.get(parts[1], 'account_link') }
			if (req.method === 'POST' && parts[0] === 'accounts' && parts[2] === 'enable') {
				return { status: 200, body: (await act(() => store.setAccountEnabled(parts[1]!, body.enabled !== false))).result }
			}
			if (req.method === 'POST' && parts[0] === 'config') {
				Object.assign(config, body)
				return { status: 200, body: config }
			}
			if (req.method === 'GET' && parts[0] === 'stats') return { status: 200, body: { ...stats, arrivals: undefined, peakPerSecond: peakPerSecond(stats.arrivals), firstArrival: stats.arrivals[0] ?? null, lastArrival: stats.arrivals.at(-1) ?? null } }
			if (req.method === 'POST' && parts[0] === 'stats' && parts[1] === 'reset') {
				Object.assign(stats, { requests: 0, rateLimited: 0, overLimit: 0, byRoute: {}, arrivals: [] })
				return { status: 200, body: {} }
			}
		} catch (error) {
			if (error instanceof StripeApiError) return { status: error.status, body: error.toJSON() }
			throw error
		}
		return { status: 404, body: { error: { message: 'unknown emulator control' } } }
	}

	const server = createServer((req, res) => {
		const chunks: Buffer[] = []
		req.on('data', (c: Buffer) => chunks.push(c))
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8')
			const url = new URL(req.url ?? '/', 'http://emulator')
			const handled = url.pathname.startsWith('/_emulator/') ? handleControl(req, url, raw) : handleApi(req, url, raw)
			handled.then(
				(a) => send(res, a.status, a.body, 'headers' in a ? (a.headers as Record<string, string>) : {}),
				(error: Error) => send(res, 500, { error: { type: 'api_error', message: error.message } }, {}),
			)
		})
	})
	server.keepAliveTimeout = 60_000
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject)
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
	})
	const port = (server.address() as AddressInfo).port
	options.log?.(`[stripe-emulator] listening on http://127.0.0.1:${port}`)

	return {
		port,
		url: `http://127.0.0.1:${port}`,
		store,
		stats,
		config,
		events: () => state.events,
		act,
		/** As Stripe does after 24 hours: a retried request with an old key is a new request. */
		forgetIdempotencyKeys: () => {
			state.idempotency = {}
			save()
		},
		/** Resolves once no webhook is on its way: each delivered or given up on, those sent meanwhile too. */
		settled: async () => {
			while (pending.size > 0) await Promise.all([...pending])
		},
		resetStats() {
			Object.assign(stats, { requests: 0, rateLimited: 0, overLimit: 0, byRoute: {}, arrivals: [] })
		},
		async stop() {
			server.closeAllConnections()
			await new Promise<void>((resolve) => server.close(() => resolve()))
		},
	}
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>) {
	res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': stripeId('req'), 'Stripe-Version': '2026-10-28.endive', ...headers })
	res.end(JSON.stringify(body))
}

function loadState(file: string | undefined): StoreState {
	const empty: StoreState = { objects: {}, private: {}, events: [], idempotency: {} }
	if (!file || !existsSync(file)) return empty
	try {
		return { ...empty, ...(JSON.parse(readFileSync(file, 'utf8')) as StoreState) }
	} catch {
		return empty
	}
}
