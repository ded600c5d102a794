/**
 * The emulator on its own: `tsx server/stripe-emulator/cli.ts`. Options come from the environment:
 * STRIPE_EMULATOR_PORT (default 12111), EMULATOR_LATENCY_MS, EMULATOR_RATE_LIMIT (requests per
 * second before 429), EMULATOR_RANDOM_429 (0–1), EMULATOR_STATE_FILE (keeps objects and idempotency
 * keys across restarts), APP_URL and STRIPE_WEBHOOK_SECRET for webhooks, EMULATOR_LOG=true for its
 * log lines (`npm start` runs it so). Its first line on stdout says it is listening.
 */
import { startStripeEmulator } from './server'

const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined)

const emulator = await startStripeEmulator({
	port: number('STRIPE_EMULATOR_PORT') ?? 12111,
	appUrl: process.env.APP_URL ?? 'http://localhost:3000',
	latencyMs: number('EMULATOR_LATENCY_MS'),
	rateLimitPerSecond: number('EMULATOR_RATE_LIMIT') ?? null,
	random429Ratio: number('EMULATOR_RANDOM_429'),
	stateFile: process.env.EMULATOR_STATE_FILE || undefined,
	webhook: process.env.APP_URL && process.env.STRIPE_WEBHOOK_SECRET ? { url: `${process.env.APP_URL}/webhooks/stripe`, secret: process.env.STRIPE_WEBHOOK_SECRET } : undefined,
	log: process.env.EMULATOR_LOG === 'true' ? (line) => console.log(line) : undefined,
})
if (process.env.EMULATOR_LOG !== 'true') process.stdout.write(`stripe emulator listening on ${emulator.url}\n`)
let stopping = false
const stop = () => {
	if (stopping) return
	stopping = true
	void emulator.stop().then(() => process.exit(0))
}
// Ctrl-C reaches every process of the terminal, and `npm start` sends SIGTERM as well: stop once.
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
