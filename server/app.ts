import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import { type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import onHeaders from 'on-headers'
import { getEnv } from '../app/utils/env.server'
import {
	answerMalformedEscapes,
	makeCspNonce,
	presentAtCanonicalOrigin,
	refuseCrossSiteWrites,
	refuseMalformedUrl,
	refuseNulInUrl,
	securityHeaders,
} from './security'

/**
 * The Express app: security headers, checks of the address, static assets, the CSRF check against
 * APP_URL, then Remix (through Vite's dev server with `dev`). `build` stands in for the built app.
 * `servedBy` names the process in an `X-Served-By` header, so an operator behind a load balancer
 * can tell which of several web processes answered.
 */
export async function createApp({ dev, build: givenBuild, servedBy }: { dev: boolean; build?: ServerBuild; servedBy?: string }) {
	const appUrl = new URL(getEnv().APP_URL)
	const app = express()
	app.disable('x-powered-by')
	if (servedBy) {
		app.use((_req, res, next) => {
			res.setHeader('X-Served-By', servedBy)
			next()
		})
	}
	if (getEnv().TRUST_PROXY === 'true') app.set('trust proxy', true)
	app.use(makeCspNonce)
	app.use(securityHeaders({ dev, appUrl }))
	app.use(refuseMalformedUrl)
	app.use(refuseNulInUrl)
	app.use(compression())

	let build: ServerBuild | (() => Promise<ServerBuild>)
	let closeVite = async () => {}
	if (givenBuild) {
		build = givenBuild
	} else if (dev) {
		const vite = await import('vite').then((v) => v.createServer({ server: { middlewareMode: true } }))
		app.use(vite.middlewares)
		build = () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
		closeVite = () => vite.close()
	} else {
		const buildDir = path.resolve('build')
		app.use('/assets', express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y' }))
		// Only the files the build holds go through express.static: any other path (every page and API
		// call) would cost a file-system look-up that finds nothing.
		const clientDir = path.join(buildDir, 'client')
		const publicFiles = await listPublicFiles(clientDir)
		const servePublic = express.static(clientDir, { maxAge: '1h', index: false })
		app.use((req, res, next) => (publicFiles.has(req.path) ? servePublic(req, res, next) : next()))
		build = (await import(pathToFileURL(path.join(buildDir, 'server/index.js')).href)) as ServerBuild
	}

	app.use(refuseCrossSiteWrites(appUrl))
	app.use(presentAtCanonicalOrigin(appUrl))
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
				return { ip: req.ip ?? 'unknown', responseCookies, cspNonce: res.locals.cspNonce as string }
			},
		}),
	)
	app.use(answerMalformedEscapes)
	return { app, closeVite }
}

/** The URL paths of the built client's files outside /assets (favicon and the like). */
async function listPublicFiles(clientDir: string): Promise<Set<string>> {
	const entries = await readdir(clientDir, { recursive: true, withFileTypes: true })
	const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
	return new Set(files.map((file) => `/${path.relative(clientDir, file).split(path.sep).join('/')}`).filter((url) => !url.startsWith('/assets/')))
}
