import { type z } from 'zod'
import { DomainError, isDomainError } from './errors'
import { fieldErrors } from './validation'

/** The shared error shape, `{ error: { code, message, fields? } }`, for answers that carry more beside it. */
export function errorBody(error: DomainError) {
	return { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } }
}

/**
 * A refusal as a Response: its 4xx and the shared shape. `extra` goes beside `error` (a form's
 * state for Conform). Resource routes must answer Responses: Remix sends anything else as a 200.
 */
export function apiError(error: DomainError, extra: Record<string, unknown> = {}): Response {
	return Response.json({ ...extra, ...errorBody(error) }, { status: error.status, headers: error.headers })
}

/** Runs an API handler; refusals become the shared error shape, anything else stays a 500. */
export async function handleApi(run: () => Promise<Response>): Promise<Response> {
	try {
		return await run()
	} catch (error) {
		if (isDomainError(error)) return apiError(error)
		// PostgreSQL refuses a NUL character in any text; it can only come from crafted input, which is a 4xx.
		if (isPostgresError(error, '22021')) {
			return apiError(new DomainError('validation_failed', 'Text must not contain NUL characters (\\u0000).'))
		}
		throw error
	}
}

/** The driver's error, possibly wrapped by drizzle (as `cause`), carries the SQLSTATE code. */
function isPostgresError(error: unknown, sqlState: string): boolean {
	const e = error as { code?: unknown; cause?: unknown } | null
	if (!e || typeof e !== 'object') return false
	return e.code === sqlState || (e.cause !== undefined && isPostgresError(e.cause, sqlState))
}

/** Parses a JSON body against a schema: 400 when it is not JSON, 422 with field messages when it does not fit. */
export async function readJson<S extends z.ZodTypeAny>(request: Request, schema: S): Promise<z.infer<S>> {
	let body: unknown
	try {
		body = JSON.parse(await request.text())
	} catch {
		throw new DomainError('invalid_json', 'The request body must be valid JSON.')
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new DomainError('invalid_json', 'The request body must be a JSON object.')
	}
	const result = schema.safeParse(body)
	if (!result.success) {
		throw new DomainError('validation_failed', 'Some fields are missing or invalid.', fieldErrors(result.error))
	}
	return result.data
}

export function methodNotAllowed(allowed: string[]): Response {
	return Response.json(
		{ error: { code: 'method_not_allowed', message: `Use ${allowed.join(' or ')} for this endpoint.` } },
		{ status: 405, headers: { Allow: allowed.join(', ') } },
	)
}
