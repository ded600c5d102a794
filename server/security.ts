import { randomBytes } from 'node:crypto'
import { type ErrorRequestHandler, type RequestHandler, type Response } from 'express'
import helmet from 'helmet'
import { ERROR_STATUS, type ErrorCode } from '../app/utils/errors'
import { isCrossSiteWrite } from '../app/utils/origin'

/**
 * What the Express server checks before Remix sees a request, and the headers every answer carries.
 * The canonical origin is APP_URL's: state-changing requests a browser sends must come from it,
 * and Remix sees every request as addressed to it, whatever Host a proxy in front passed on.
 */

/** Refusals before Remix, in the shared error shape: `{ error: { code, message } }`. */
function refuse(res: Response, code: ErrorCode, message: string): void {
	res.status(ERROR_STATUS[code]).json({ error: { code, message } })
}

const MALFORMED_ESCAPE = 'The address contains a malformed %-escape.'

/** A NUL character (%00) in a URL can only be crafted, and PostgreSQL refuses it in any text: 400 up front. */
export const refuseNulInUrl: RequestHandler = (req, res, next) => {
	if (!/%00/i.test(req.originalUrl)) return next()
	refuse(res, 'invalid_url', 'The address contains a NUL character (%00).')
}

/** A broken %-escape (`/%E0%A4%A`) cannot be decoded by anything after this; Express would print a URIError page. */
export const refuseMalformedUrl: RequestHandler = (req, res, next) => {
	try {
		decodeURIComponent(req.path)
	} catch {
		return refuse(res, 'invalid_url', MALFORMED_ESCAPE)
	}
	next()
}

/** Refuses state-changing requests a browser sent from any origin but APP_URL's (CSRF, or a wrong address). */
export function refuseCrossSiteWrites(appUrl: URL): RequestHandler {
	return (req, res, next) => {
		const crossSite = isCrossSiteWrite({
			method: req.method,
			origin: req.get('origin') ?? null,
			secFetchSite: req.get('sec-fetch-site') ?? null,
			ownOrigins: [appUrl.origin],
		})
		if (!crossSite) return next()
		refuse(res, 'cross_origin_request', `This request came from another site and was refused. Use Mentora at ${appUrl.origin}.`)
	}
}

/**
 * Remix refuses an action whose Origin's host differs from X-Forwarded-Host or Host (it throws, a
 * 500). The Origin was checked against APP_URL above, so Remix is shown the request as addressed
 * to APP_URL: its Host, no X-Forwarded-Host, its protocol. The client's address (req.ip) is kept.
 */
export function presentAtCanonicalOrigin(appUrl: URL): RequestHandler {
	const protocol = appUrl.protocol.replace(/:$/, '')
	return (req, _res, next) => {
		req.headers.host = appUrl.host
		delete req.headers['x-forwarded-host']
		Object.defineProperty(req, 'protocol', { value: protocol, configurable: true })
		next()
	}
}

/** A fresh nonce per response, for the scripts the page renders inline (passed to Remix in the load context). */
export const makeCspNonce: RequestHandler = (_req, res, next) => {
	res.locals.cspNonce = randomBytes(16).toString('base64')
	next()
}

export type CspOptions = { dev: boolean; https: boolean }

/**
 * The Content-Security-Policy: scripts from this origin, and inline ones only with this response's
 * nonce. Styles may be inline (emails shown in the local mailbox are styled inline; CSS cannot run
 * code). Vite's dev server also needs its HMR websocket.
 */
export function cspDirectives({ dev, https }: CspOptions) {
	return {
		'default-src': ["'self'"],
		'script-src': ["'self'", (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce as string}'`],
		'script-src-attr': ["'none'"],
		'style-src': ["'self'", "'unsafe-inline'"],
		'img-src': ["'self'", 'data:', 'blob:'],
		'font-src': ["'self'", 'data:'],
		'connect-src': dev ? ["'self'", 'ws:', 'wss:'] : ["'self'"],
		'frame-src': ["'self'"],
		'object-src': ["'none'"],
		'base-uri': ["'self'"],
		// Forms post here; the answer may send the browser on to Stripe's hosted Checkout and onboarding.
		'form-action': ["'self'", 'https://checkout.stripe.com', 'https://connect.stripe.com'],
		'frame-ancestors': ["'none'"],
		...(https ? { 'upgrade-insecure-requests': [] } : {}),
	}
}

/** helmet's headers, with HSTS only where APP_URL is https (it would pin a plain-http local run to https). */
export function securityHeaders({ dev, appUrl }: { dev: boolean; appUrl: URL }): RequestHandler {
	const https = appUrl.protocol === 'https:'
	return helmet({
		contentSecurityPolicy: { useDefaults: false, directives: cspDirectives({ dev, https }) },
		strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
		referrerPolicy: { policy: 'same-origin' },
		xFrameOptions: { action: 'deny' },
		// Vite's dev server serves modules that a cross-origin-isolated page could not load.
		crossOriginEmbedderPolicy: false,
	})
}

/** A %-escape Express fails to decode further on (a route parameter): the same 400, never Express's URIError page. */
export const answerMalformedEscapes: ErrorRequestHandler = (error: unknown, _req, res, next) => {
	if (res.headersSent || !(error instanceof URIError)) return next(error)
	refuse(res, 'invalid_url', MALFORMED_ESCAPE)
}
