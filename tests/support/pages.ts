import { type AppLoadContext } from '@remix-run/node'

type Handler = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown

/**
 * Calls a page's loader (no fields) or action (a form post, repeated names allowed as for
 * checkboxes) with route params, the way a browser would; thrown responses (403, 404, redirects)
 * come back as responses, `data()` answers with their status.
 */
export async function page(
	handler: Handler,
	options: { path: string; cookie: string | null; params?: Record<string, string>; fields?: [string, string][] | Record<string, string> },
): Promise<{ response: Response; json: any }> {
	const fields = options.fields === undefined ? undefined : Array.isArray(options.fields) ? options.fields : Object.entries(options.fields)
	const request = new Request(`http://localhost:3000${options.path}`, {
		method: fields ? 'POST' : 'GET',
		headers: { ...(options.cookie ? { Cookie: options.cookie } : {}), ...(fields ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
		body: fields ? new URLSearchParams(fields).toString() : undefined,
	})
	let response: Response
	try {
		const result = await handler({ request, context: { ip: '203.0.113.7', responseCookies: [] }, params: options.params ?? {} })
		const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } }
		response =
			result instanceof Response ? result : wrapped?.type === 'DataWithResponseInit' ? Response.json(wrapped.data, { status: wrapped.init?.status ?? 200 }) : Response.json(result)
	} catch (thrown) {
		if (!(thrown instanceof Response)) throw thrown
		response = thrown
	}
	const text = await response.text()
	let json: unknown = null
	try {
		json = text ? JSON.parse(text) : null
	} catch {
		json = text
	}
	return { response, json }
}
