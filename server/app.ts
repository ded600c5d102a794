import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import { type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type RequestHandler } from 'express'
import onHeaders from 'on-headers'
import { getEnv } from '../app/utils/env.server'
import { isCrossSiteWrite } from '../app/utils/origin'

/** Refuses state-changing requests sent by a browser from another site (403), JSON for the API. */
const refuseCrossSiteWrites: RequestHandler = (req, res, next) => {
	const ownOrigins = [new URL(getEnv().APP_URL).origin, `${req.protocol}://${req.get('host')}`]
	const crossSite = isCrossSiteWrite({
		method: req.method,
		origin: req.get('origin') ?? null,
		secFetchSite: req.get('sec-fetch-site') ?? null,
		ownOrigins,
	})
	if (!crossSite) return next()
	const message = 'This request came from another site and was refused.'
	if (req.path.startsWith('/api/')) {
		res.status(403).json({ error: { code: 'cross_origin_request', message } })
	} else {
		res.status(403).type('text/plain').send(message)
	}
}

/** A NUL character (%00) in a URL can only be crafted, and PostgreSQL refuses it in any text: 400 up front. */
const refuseNulInUrl: RequestHandler = (req, res, next) => {
	if (!/%00/i.test(req.originalUrl)) return next()
	const message = 'The address contains a NUL character (%00).'
	if (req.path.startsWith('/api/')) {
		res.status(400).json({ error: { code: 'invalid_url', message } })
	} else {
		res.status(400).type('text/plain').send(message)
	}
}

/** The Express app: static assets, the CSRF check, then Remix (through Vite's dev server with `dev`). */
export async function createApp({ dev }: { dev: boolean }) {
	const app = express()
	app.disable('x-powered-by')
	if (getEnv().TRUST_PROXY === 'true') app.set('trust proxy', true)
	app.use(compression())

	let build: ServerBuild | (() => Promise<ServerBuild>)
	let closeVite = async () => {}
	if (dev) {
		const vite = await import('vite').then((v) => v.createServer({ server: { middlewareMode: true } }))
		app.use(vite.middlewares)
		build = () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
		closeVite = () => vite.close()
	} else {
		const buildDir = path.resolve('build')
		app.use('/assets', express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y' }))
		app.use(express.static(path.join(buildDir, 'client'), { maxAge: '1h' }))
		build = (await import(pathToFileURL(path.join(buildDir, 'server/index.js')).href)) as ServerBuild
	}

	app.use(refuseNulInUrl)
	app.use(refuseCrossSiteWrites)
	app.all(
		'*',
		createRequestHandler({
			build,
			mode: dev ? 'development' : process.env.NODE_ENV,
			getLoadContext(req, res) {
				const responseCookies: string[] = []
				onHeaders(res, () => {
					for (const cookie of responseCookies) res.append('Set-Cookie', cookie)
				})
				return { ip: req.ip ?? 'unknown', responseCookies }
			},
		}),
	)
	return { app, closeVite }
}
