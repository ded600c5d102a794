import { type AppLoadContext } from '@remix-run/node'

type Handler = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown

export type CallOptions = {
	method?: string
	path: string
	body?: unknown
	rawBody?: string
	cookie?: string | null
	ip?: string
	params?: Record<string, string>
}

export type Called = { response: Response; json: any; context: AppLoadContext }

/** Calls a route's loader or action the way Remix does, with a JSON body and a load context. */
export async function call(handler: Handler, options: CallOptions): Promise<Called> {
	const headers = new Headers({ 'Content-Type': 'application/json' })
	if (options.cookie) headers.set('Cookie', options.cookie)
	const method = options.method ?? (options.body !== undefined || options.rawBody !== undefined ? 'POST' : 'GET')
	const request = new Request(`http://localhost:3000${options.path}`, {
		method,
		headers,
		body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
	})
	const context: AppLoadContext = { ip: options.ip ?? '203.0.113.7', responseCookies: [] }
	const response = (await handler({ request, context, params: options.params ?? {} })) as Response
	const text = await response.text()
	let json: unknown = null
	try {
		json = text ? JSON.parse(text) : null
	} catch {
		json = text
	}
	return { response, json, context }
}

/** `name=value` of the Set-Cookie header, ready to send back as a Cookie header. */
export function cookieFrom(response: Response): string | null {
	const header = response.headers.get('Set-Cookie')
	return header ? (header.split(';')[0] ?? null) : null
}
