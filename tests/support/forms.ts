import { type AppLoadContext } from '@remix-run/node'

type Handler = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown

/** Calls a page's loader (no fields) or action (a form post) the way a browser would; thrown responses (403, redirects) come back too. */
export async function submit(handler: Handler, options: { path: string; cookie: string; fields?: Record<string, string> }): Promise<Response> {
	const request = new Request(`http://localhost:3000${options.path}`, {
		method: options.fields ? 'POST' : 'GET',
		headers: { Cookie: options.cookie, ...(options.fields ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
		body: options.fields ? new URLSearchParams(options.fields).toString() : undefined,
	})
	try {
		const result = await handler({ request, context: { ip: '203.0.113.7', responseCookies: [] }, params: {} })
		if (result instanceof Response) return result
		const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } }
		// Remix's `data()` wraps a value with its status; a plain return is the value itself.
		return wrapped?.type === 'DataWithResponseInit' ? Response.json(wrapped.data, { status: wrapped.init?.status ?? 200 }) : Response.json(result)
	} catch (thrown) {
		if (thrown instanceof Response) return thrown
		throw thrown
	}
}

