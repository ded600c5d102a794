/**
 * The app as its own process, for the crash tests: the job worker and, with
 * PAYOUT_WORKER_WEB_PORT, the Stripe webhook endpoint (the route's own action) the emulator
 * delivers to. DATABASE_URL and STRIPE_EMULATOR_PORT come from the parent; it waits for the
 * emulator to listen, as `npm start` does. It runs queue maintenance every second, so jobs a killed
 * worker left active are taken back as soon as their (shortened) expiry passes.
 */
import { createServer } from 'node:http'
import { action as webhookAction } from '../../app/routes/webhooks.stripe'
import { startWorker } from '../../jobs/worker'

const emulator = `http://127.0.0.1:${process.env.STRIPE_EMULATOR_PORT}`
for (let attempt = 0; ; attempt++) {
	const up = await fetch(`${emulator}/_emulator/stats`).then(
		() => true,
		() => false,
	)
	if (up) break
	if (attempt > 200) throw new Error(`no Stripe emulator at ${emulator}`)
	await new Promise((r) => setTimeout(r, 50))
}

const webPort = Number(process.env.PAYOUT_WORKER_WEB_PORT ?? 0)
if (webPort) {
	await new Promise<void>((resolve) => {
		const server = createServer((req, res) => {
			const chunks: Buffer[] = []
			req.on('data', (c: Buffer) => chunks.push(c))
			req.on('end', async () => {
				const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])))
				const request = new Request(`http://127.0.0.1:${webPort}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks).toString('utf8') })
				const response = await webhookAction({ request, context: { ip: '127.0.0.1', responseCookies: [] }, params: {} }).catch(
					() => new Response('error', { status: 500 }),
				)
				res.writeHead(response.status, { 'Content-Type': 'application/json' })
				res.end(await response.text())
			})
		})
		server.listen(webPort, '127.0.0.1', () => resolve())
	})
}

await startWorker(() => {}, { maintenanceIntervalSeconds: 1 })
process.stdout.write('worker ready\n')
