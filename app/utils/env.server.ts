import { z } from 'zod'

const EnvSchema = z
	.object({
		NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
		PORT: z.coerce.number().int().min(1).max(65535).default(3000),
		APP_URL: z.string().url().optional(),
		DATABASE_URL: z
			.string()
			.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
			.optional(),
		EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
		EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
		MENTORA_CLOCK: z
			.string()
			.datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. 2027-03-26T09:00:00Z' })
			.optional(),
		TRUST_PROXY: z.enum(['true', 'false']).default('false'),
	})
	.superRefine((env, ctx) => {
		if (env.NODE_ENV !== 'production') return
		if (env.MENTORA_CLOCK) {
			ctx.addIssue({ code: 'custom', path: ['MENTORA_CLOCK'], message: 'is refused when NODE_ENV=production' })
		}
		if (!env.DATABASE_URL) {
			ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required when NODE_ENV=production' })
		}
	})

export type Env = z.infer<typeof EnvSchema> & { APP_URL: string }

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
	}
}

const cache = globalThis as unknown as { __mentoraEnv?: Env }

/** The validated environment, parsed once per process. */
export function getEnv(): Env {
	cache.__mentoraEnv ??= parseEnv(process.env)
	return cache.__mentoraEnv
}
