/**
 * A local stand-in for Resend's `POST /emails`, for the real `resend` SDK pointed at it
 * (RESEND_BASE_URL). It records every request, delivers each email once, and honours
 * Idempotency-Key as Resend does: a repeated key gets the first answer back and delivers nothing.
 * `failNext` makes it answer the next requests with an error status (429, 500, 422…).
 */
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { type AddressInfo } from 'node:net'

export type StandInRequest = { idempotencyKey: string | null; body: any; status: number }

export type ResendStandIn = {
	url: string
	requests: StandInRequest[]
	/** Emails delivered: one per distinct idempotency key (or per request without one). */
	delivered: { id: string; body: any }[]
	failNext: (...statuses: number[]) => void
	close: () => Promise<void>
}

export async function startResendStandIn(): Promise<ResendStandIn> {
	const requests: StandInRequest[] = []
	const delivered: { id: string; body: any }[] = []
	const byKey = new Map<string, { id: string }>()
	const failures: number[] = []

	const server: Server = createServer((req, res) => {
		let raw = ''
		req.on('data', (chunk) => (raw += chunk))
		req.on('end', () => {
			const answer = (status: number, json: unknown) => {
				res.writeHead(status, { 'Content-Type': 'application/json' })
				res.end(JSON.stringify(json))
			}
			if (req.method !== 'POST' || req.url !== '/emails') return answer(404, { statusCode: 404, name: 'not_found', message: 'Not found' })
			const key = (req.headers['idempotency-key'] as string | undefined) ?? null
			const body = JSON.parse(raw || '{}')
			const failure = failures.shift()
			if (failure) {
				requests.push({ idempotencyKey: key, body, status: failure })
				const name = failure === 429 ? 'rate_limit_exceeded' : failure >= 500 ? 'internal_server_error' : 'validation_error'
				return answer(failure, { statusCode: failure, name, message: `stand-in answered ${failure}` })
			}
			const seen = key ? byKey.get(key) : undefined
			if (seen) {
				requests.push({ idempotencyKey: key, body, status: 200 })
				return answer(200, seen)
			}
			const email = { id: randomUUID() }
			if (key) byKey.set(key, email)
			delivered.push({ id: email.id, body })
			requests.push({ idempotencyKey: key, body, status: 200 })
			answer(200, email)
		})
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const { port } = server.address() as AddressInfo
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		delivered,
		failNext: (...statuses) => failures.push(...statuses),
		close: () => new Promise((resolve) => server.close(() => resolve())),
	}
}
