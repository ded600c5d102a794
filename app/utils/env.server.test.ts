import { describe, expect, test } from 'vitest'
import { EnvError, inboundWebhookSigningKey, isLive, LOCAL_MAILGUN_SIGNING_KEY, LOCAL_STRIPE_WEBHOOK_SECRET, parseEnv } from './env.server'

function linesFor(source: Record<string, string>): string[] {
	try {
		parseEnv(source)
	} catch (error) {
		if (error instanceof EnvError) return error.lines
		throw error
	}
	return []
}

describe('parseEnv', () => {
	test('defaults make a local run work with nothing set', () => {
		const env = parseEnv({})
		expect(env.PORT).toBe(3000)
		expect(env.APP_URL).toBe('http://localhost:3000')
		expect(env.DATABASE_URL).toBeUndefined()
	})

	test('one clear line per bad variable, naming it', () => {
		const lines = linesFor({ PORT: 'eighty', DATABASE_URL: 'mysql://x', MENTORA_CLOCK: 'tomorrow' })
		expect(lines).toHaveLength(3)
		expect(lines.find((l) => l.includes('PORT'))).toMatch(/^Invalid environment variable PORT: /)
		expect(lines.find((l) => l.includes('DATABASE_URL'))).toContain('postgres://')
		expect(lines.find((l) => l.includes('MENTORA_CLOCK'))).toContain('ISO 8601')
	})

	test('production refuses a set clock and requires a database', () => {
		const lines = linesFor({ NODE_ENV: 'production', MENTORA_CLOCK: '2027-03-28T00:30:00Z' })
		expect(lines.map((l) => l.split(':')[0])).toEqual([
			'Invalid environment variable MENTORA_CLOCK',
			'Invalid environment variable DATABASE_URL',
			'Invalid environment variable STRIPE_SECRET_KEY',
			'Invalid environment variable EMAIL_LINK_SECRET',
			'Invalid environment variable RESEND_API_KEY',
		])
	})

	test('production with MENTORA_LOCAL=true (what npm start runs) keeps the local stand-ins and the clock', () => {
		const env = parseEnv({ NODE_ENV: 'production', MENTORA_LOCAL: 'true', MENTORA_CLOCK: '2027-03-28T00:30:00Z' })
		expect(isLive(env)).toBe(false)
		expect(env.DATABASE_URL).toBeUndefined()
		expect(isLive(parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/mentora', STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', EMAIL_LINK_SECRET: 'x'.repeat(32), RESEND_API_KEY: 're_x' }))).toBe(true)
		expect(linesFor({ MENTORA_LOCAL: 'yes' })[0]).toMatch(/^Invalid environment variable MENTORA_LOCAL/)
	})

	test('without Stripe keys the local emulator secret signs webhooks; real keys need the real secret', () => {
		expect(parseEnv({}).STRIPE_WEBHOOK_SECRET).toBe(LOCAL_STRIPE_WEBHOOK_SECRET)
		expect(parseEnv({}).PLATFORM_FEE_PERCENT).toBe(20)
		expect(linesFor({ STRIPE_SECRET_KEY: 'sk_test_abc' })).toEqual([
			'Invalid environment variable STRIPE_WEBHOOK_SECRET: is required when STRIPE_SECRET_KEY is set',
		])
		expect(linesFor({ PLATFORM_FEE_PERCENT: '120' })[0]).toMatch(/^Invalid environment variable PLATFORM_FEE_PERCENT/)
	})

	test('one web process and one worker by default; either may be 0 but not both', () => {
		expect(parseEnv({})).toMatchObject({ WEB_CONCURRENCY: 1, WORKER_CONCURRENCY: 1 })
		expect(parseEnv({ WEB_CONCURRENCY: '4', WORKER_CONCURRENCY: '0' })).toMatchObject({ WEB_CONCURRENCY: 4, WORKER_CONCURRENCY: 0 })
		expect(linesFor({ WEB_CONCURRENCY: '0', WORKER_CONCURRENCY: '0' })).toEqual([
			'Invalid environment variable WEB_CONCURRENCY: and WORKER_CONCURRENCY are both 0: nothing would run',
		])
		expect(linesFor({ WORKER_CONCURRENCY: 'two' })[0]).toMatch(/^Invalid environment variable WORKER_CONCURRENCY/)
	})

	test('the clock accepts an instant with an offset', () => {
		expect(parseEnv({ MENTORA_CLOCK: '2027-03-28T01:30:00+01:00' }).MENTORA_CLOCK).toBe('2027-03-28T01:30:00+01:00')
	})

	test('email: a local run keeps emails in the mailbox; a Resend key must look like one', () => {
		const env = parseEnv({})
		expect(env.RESEND_API_KEY).toBeUndefined()
		expect(env.EMAIL_FROM).toBe('Mentora <notifications@mentora.test>')
		expect(linesFor({ RESEND_API_KEY: 'sk_123' })).toEqual(['Invalid environment variable RESEND_API_KEY: must be a Resend API key (re_…)'])
		expect(linesFor({ EMAIL_LINK_SECRET: 'short' })[0]).toMatch(/^Invalid environment variable EMAIL_LINK_SECRET/)
	})

	test('the pool size is a whole number of connections, 1 to 500', () => {
		expect(parseEnv({}).DATABASE_POOL_SIZE).toBe(10)
		expect(parseEnv({ DATABASE_POOL_SIZE: '25' }).DATABASE_POOL_SIZE).toBe(25)
		for (const bad of ['0', 'ten', '2.5', '100000']) expect(linesFor({ DATABASE_POOL_SIZE: bad })[0]).toMatch(/^Invalid environment variable DATABASE_POOL_SIZE/)
	})

	test('inbound email: a local domain and SMTP port by default; a live run signs webhooks only with its own key', () => {
		const env = parseEnv({})
		expect(env.MENTORA_INBOUND_DOMAIN).toBe('inbound.mentora.localhost')
		expect(env.INBOUND_SMTP_PORT).toBe(2525)
		expect(inboundWebhookSigningKey(env)).toBe(LOCAL_MAILGUN_SIGNING_KEY)
		const live = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/m', STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', EMAIL_LINK_SECRET: 'x'.repeat(32), RESEND_API_KEY: 're_x' }
		expect(inboundWebhookSigningKey(parseEnv(live))).toBeNull()
		expect(inboundWebhookSigningKey(parseEnv({ ...live, MAILGUN_WEBHOOK_SIGNING_KEY: 'key-0123456789abcdef' }))).toBe('key-0123456789abcdef')
		expect(linesFor({ MENTORA_INBOUND_DOMAIN: 'not a domain' })[0]).toMatch(/^Invalid environment variable MENTORA_INBOUND_DOMAIN/)
		expect(linesFor({ INBOUND_SMTP_PORT: '70000' })[0]).toMatch(/^Invalid environment variable INBOUND_SMTP_PORT/)
	})
})
