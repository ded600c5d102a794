import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleErrorFunction } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from './utils/nonce-provider'

/**
 * Remix's default Node entry, plus the request's CSP nonce (from the load context, made by the
 * Express server) on every script React and Remix render: the policy allows no other inline script.
 */

export const streamTimeout = 5_000

/**
 * What Remix logs. A refusal it answers itself (an unknown URL's 404, a 405) is one line, not a
 * stack trace; an aborted request nothing; every other error in full.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
	if (request.signal.aborted) return
	if (isRouteErrorResponse(error) && error.status < 500) {
		console.warn(`[web] ${error.status} ${request.method} ${new URL(request.url).pathname}`)
		return
	}
	console.error(error)
}

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	const nonce = loadContext.cspNonce ?? ''
	// Bots and SPA mode get the whole document at once; browsers get the shell as soon as it is ready.
	const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
	return new Promise<Response>((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<RemixServer context={remixContext} url={request.url} nonce={nonce} />
			</NonceProvider>,
			{
				nonce,
				[waitForAll ? 'onAllReady' : 'onShellReady']() {
					shellRendered = true
					const body = new PassThrough()
					responseHeaders.set('Content-Type', 'text/html')
					resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
					pipe(body)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					// Errors of the shell reject and are logged by Remix; later ones only here.
					if (shellRendered) console.error(error)
				},
			},
		)
		// Leave Remix's own stream timeout time to reject pending promises before React gives up.
		setTimeout(abort, streamTimeout + 1_000)
	})
}
