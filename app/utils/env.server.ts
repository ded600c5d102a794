import { z } from 'zod'

/**
 * Live: a production deployment, which must name its own database, Stripe and Resend keys and
 * secrets. `npm start` runs React's production build with MENTORA_LOCAL=true: the local stand-ins
 * (embedded PostgreSQL, Stripe emulator, mailbox, a settable clock) stay on their own switch.
 */
export function isLive(env: { NODE_ENV: string; MENTORA_LOCAL: string }): boolean {
	return env.NODE_ENV === 'production' && env.MENTORA_LOCAL !== 'true'
}

const EnvSchema = z
	.object({
		NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
		MENTORA_LOCAL: z.enum(['true', 'false']).default('false'),
		PORT: z.coerce.number().int().min(1).max(65535).default(3000),
		APP_URL: z.string().url().optional(),
		DATABASE_URL: z
			.string()
			.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
			.optional(),
		DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
		EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
		EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
		MENTORA_CLOCK: z
			.string()
			.datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. 2027-03-26T09:00:00Z' })
			.optional(),
		TRUST_PROXY: z.enum(['true', 'false']).default('false'),
		RESEND_API_KEY: z.string().startsWith('re_', 'must be a Resend API key (re_…)').optional(),
		EMAIL_FROM: z.string().min(3).default('Mentora <notifications@mentora.test>'),
		RESEND_BASE_URL: z.string().url().optional(),
		RESEND_REQUESTS_PER_SECOND: z.coerce.number().min(0.1).max(1000).default(2),
		EMAIL_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
		STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret key (sk_test_…, sk_live_…)').optional(),
		STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'must be a webhook signing secret (whsec_…)').optional(),
		PLATFORM_FEE_PERCENT: z.coerce.number().int().min(0).max(100).default(20),
		STRIPE_REQUESTS_PER_SECOND: z.coerce.number().min(1).max(100).default(85),
		STRIPE_EMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(12111),
		/** Tracking addresses are `<token>@MENTORA_INBOUND_DOMAIN`; the provider's MX points there. */
		MENTORA_INBOUND_DOMAIN: z
			.string()
			.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i, 'must be a domain name, e.g. inbound.example.org')
			.default('inbound.mentora.localhost'),
		INBOUND_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(2525),
		MAILGUN_WEBHOOK_SIGNING_KEY: z.string().min(16, 'must be the Mailgun HTTP webhook signing key').optional(),
		WEB_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(1),
		WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(1),
	})
	.refine((env) => env.WEB_CONCURRENCY + env.WORKER_CONCURRENCY > 0, {
		path: ['WEB_CONCURRENCY'],
		message: 'and WORKER_CONCURRENCY are both 0: nothing would run',
	})
	.superRefine((env, ctx) => {
		if (!isLive(env)) return
		if (env.MENTORA_CLOCK) {
			ctx.addIssue({ code: 'custom', path: ['MENTORA_CLOCK'], message: 'is refused when NODE_ENV=production unless MENTORA_LOCAL=true' })
		}
		if (!env.DATABASE_URL) {
			ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required when NODE_ENV=production unless MENTORA_LOCAL=true' })
		}
	})
	.superRefine((env, ctx) => {
		// Real keys need the real endpoint's secret; production never runs on the local Stripe emulator.
		if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
			ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'is required when STRIPE_SECRET_KEY is set' })
		}
		if (isLive(env) && !env.STRIPE_SECRET_KEY) {
			ctx.addIssue({ code: 'custom', path: ['STRIPE_SECRET_KEY'], message: 'is required when NODE_ENV=production unless MENTORA_LOCAL=true' })
		}
	})
	.superRefine((env, ctx) => {
		// Unsubscribe links are signed with it; a guessable default would let anyone mute anyone.
		if (isLive(env) && !env.EMAIL_LINK_SECRET) {
			ctx.addIssue({ code: 'custom', path: ['EMAIL_LINK_SECRET'], message: 'is required when NODE_ENV=production unless MENTORA_LOCAL=true' })
		}
		// Without a key emails stay in the local mailbox: right for a laptop, silent loss in production.
		if (isLive(env) && !env.RESEND_API_KEY) {
			ctx.addIssue({ code: 'custom', path: ['RESEND_API_KEY'], message: 'is required when NODE_ENV=production unless MENTORA_LOCAL=true' })
		}
	})

export type Env = z.infer<typeof EnvSchema> & { APP_URL: string; STRIPE_WEBHOOK_SECRET: string }

/** Without Stripe keys the app talks to the local emulator, which signs its webhooks with this. */
export const LOCAL_STRIPE_WEBHOOK_SECRET = 'whsec_mentora_local_emulator'

/**
 * Without a Mailgun signing key, a local run signs (and tests sign) inbound webhooks with this.
 * A live deployment never falls back to it: there the webhook answers 404 until the key is set.
 */
export const LOCAL_MAILGUN_SIGNING_KEY = 'mentora-local-inbound-signing-key'

/** The key inbound-email webhooks must be signed with, or null when the webhook is off. */
export function inboundWebhookSigningKey(env: Env): string | null {
	return env.MAILGUN_WEBHOOK_SIGNING_KEY ?? (isLive(env) ? null : LOCAL_MAILGUN_SIGNING_KEY)
}

/** Thrown by parseEnv; `lines` holds one sentence per bad variable. */
export class EnvError extends Error {
	constructor(readonly lines: string[]) {
		super(lines.join('\n'))
	}
}

export function parseEnv(source: Record<string, string | undefined>): Env {
	const cleaned = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === '' ? undefined : v]))
	const result = EnvSchema.safeParse(cleaned)
	if (!result.success) {
		throw new EnvError(
			result.error.issues.map((issue) => `Invalid environment variable ${issue.path.join('.')}: ${issue.message}`),
		)
	}
	const env = result.data
	return {
		...env,
		APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
		STRIPE_WEBHOOK_SECRET: env.STRIPE_WEBHOOK_SECRET ?? LOCAL_STRIPE_WEBHOOK_SECRET,
	}
}

const cache = globalThis as unknown as { __mentoraEnv?: Env }

/** The validated environment, parsed once per process. */
export function getEnv(): Env {
	cache.__mentoraEnv ??= parseEnv(process.env)
	return cache.__mentoraEnv
}
