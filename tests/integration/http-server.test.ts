import { type AddressInfo } from 'node:net'
import { type Server } from 'node:http'
import { type ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import * as entry from '../../app/entry.server'
import * as root from '../../app/root'
import * as login from '../../app/routes/login'
import { getEnv } from '../../app/utils/env.server'
import { createApp } from '../../server/app'
import { createUser } from '../support/factories'

/**
 * The Express layer, over real HTTP: the app of server/app.ts serving a small build of the real
 * root and login routes (what `npm run build` makes, without the bundling). APP_URL is the test
 * default (http://localhost:3000) while the server listens elsewhere: like an app behind a proxy.
 */

const FUTURE = {
	v3_fetcherPersist: true,
	v3_relativeSplatPath: true,
	v3_throwAbortReason: true,
	v3_singleFetch: true,
	v3_lazyRouteDiscovery: true,
	v3_routeConfig: true,
}

function buildOf(): ServerBuild {
	const manifestEntry = (id: string, parentId: string | undefined, path: string, hasAction: boolean) => ({
		id,
		parentId,
		path,
		module: `/assets/${id}.js`,
		imports: [],
		css: [],
		hasAction,
		hasLoader: true,
		hasClientAction: false,
		hasClientLoader: false,
		hasErrorBoundary: true,
	})
	return {
		mode: 'production',
		entry: { module: entry },
		routes: {
			root: { id: 'root', path: '', module: root },
			'routes/login': { id: 'routes/login', parentId: 'root', path: 'login', module: login },
		},
		assets: {
			url: '/assets/manifest.js',
			version: 'test',
			entry: { module: '/assets/entry.client.js', imports: [] },
			routes: { root: manifestEntry('root', undefined, '', false), 'routes/login': manifestEntry('routes/login', 'root', 'login', true) },
		},
		publicPath: '/',
		assetsBuildDirectory: 'build/client',
		future: FUTURE,
		isSpaMode: false,
	} as unknown as ServerBuild
}

async function serve(): Promise<{ url: string; close: () => Promise<void> }> {
	const { app } = await createApp({ dev: false, build: buildOf() })
	const server: Server = await new Promise((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s))
	})
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve())
				server.closeAllConnections()
			}),
	}
}

let server: Awaited<ReturnType<typeof serve>>
beforeAll(async () => {
	server = await serve()
})
afterAll(() => server.close())

const APP_ORIGIN = new URL(getEnv().APP_URL).origin

async function postLogin(headers: Record<string, string>, fields: Record<string, string>) {
	return fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(fields),
	})
}

describe('the canonical origin is APP_URL’s', () => {
	test('a login posted from APP_URL’s origin to a server reached by another Host logs in (Remix no longer throws a 500)', async () => {
		const { user, password } = await createUser({ role: 'mentee' })
		const res = await postLogin({ Origin: APP_ORIGIN }, { email: user.email, password })
		expect(res.status).toBe(302)
		expect(res.headers.get('location')).toBe('/dashboard')
		expect(res.headers.get('set-cookie')).toContain('mentora_session=')
	})

	test('behind a proxy that rewrites Host and sets X-Forwarded-Host, the same login still works', async () => {
		const { user, password } = await createUser({ role: 'mentee' })
		const res = await postLogin({ Origin: APP_ORIGIN, 'X-Forwarded-Host': 'internal.example:8080', 'X-Forwarded-Proto': 'https' }, { email: user.email, password })
		expect(res.status).toBe(302)
	})

	test('a form posted from the server’s own address but not APP_URL’s origin is refused 403 cross_origin_request, nothing set', async () => {
		const { user, password } = await createUser({ role: 'mentee' })
		const res = await postLogin({ Origin: server.url }, { email: user.email, password })
		expect(res.status).toBe(403)
		expect((await res.json()).error.code).toBe('cross_origin_request')
		expect(res.headers.get('set-cookie')).toBeNull()
	})

	test('a wrong password posted from APP_URL’s origin answers the form’s 401, not a 500', async () => {
		const { user } = await createUser({ role: 'mentee' })
		const res = await postLogin({ Origin: APP_ORIGIN }, { email: user.email, password: 'not-the-password' })
		expect(res.status).toBe(401)
	})
})

describe('security headers', () => {
	test('a page carries a CSP whose per-response nonce is on every script the page renders, and refuses framing', async () => {
		const first = await fetch(`${server.url}/login`)
		expect(first.status).toBe(200)
		const csp = first.headers.get('content-security-policy') ?? ''
		const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
		expect(nonce).toBeTruthy()
		expect(csp).toContain("frame-ancestors 'none'")
		expect(csp).toMatch(/script-src 'self' 'nonce-/)
		expect(csp).not.toContain('unsafe-inline\' \'nonce') // inline scripts only by nonce
		const html = await first.text()
		const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
		expect(scripts.length).toBeGreaterThan(1)
		for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)

		const second = await fetch(`${server.url}/login`)
		expect(/'nonce-([^']+)'/.exec(second.headers.get('content-security-policy') ?? '')?.[1]).not.toBe(nonce)
		expect(first.headers.get('x-content-type-options')).toBe('nosniff')
		expect(first.headers.get('x-frame-options')).toBe('DENY')
		expect(first.headers.get('referrer-policy')).toBe('same-origin')
		// APP_URL is http here: HSTS would pin a plain-http run to https.
		expect(first.headers.get('strict-transport-security')).toBeNull()
	})

	test('HSTS is sent when APP_URL is https', async () => {
		const cache = globalThis as { __mentoraEnv?: unknown }
		const before = process.env.APP_URL
		process.env.APP_URL = 'https://mentora.example'
		delete cache.__mentoraEnv
		const https = await serve().finally(() => {
			if (before === undefined) delete process.env.APP_URL
			else process.env.APP_URL = before
			delete cache.__mentoraEnv
		})
		try {
			const res = await fetch(`${https.url}/login`)
			expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
			expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests')
		} finally {
			await https.close()
		}
	})

	test('a malformed %-escape in the address answers 400 invalid_url in the error shape, not Express’s URIError page', async () => {
		for (const path of ['/%E0%A4%A', '/mentors/%E0%A4%A', '/api/v1/mentors/%ZZ/slots']) {
			const res = await fetch(`${server.url}${path}`)
			expect(res.status, path).toBe(400)
			const body = await res.json()
			expect(body.error.code, path).toBe('invalid_url')
			expect(JSON.stringify(body)).not.toContain('URIError')
		}
	})
})

describe('the server log', () => {
	test('an unknown URL is logged as one line, without a stack trace', async () => {
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
		const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
		try {
			const res = await fetch(`${server.url}/no-such-page`)
			expect(res.status).toBe(404)
			expect(errors).not.toHaveBeenCalled()
			expect(warnings).toHaveBeenCalledWith('[web] 404 GET /no-such-page')
			// (React Router also warns outside production builds, in one line.)
			const logged = warnings.mock.calls.flat().map((argument) => (argument instanceof Error ? String(argument.stack) : String(argument)))
			expect(logged.filter((line) => /\n\s+at /.test(line))).toEqual([])
		} finally {
			errors.mockRestore()
			warnings.mockRestore()
		}
	})
})
