import { redirect, type AppLoadContext } from '@remix-run/node'
import {
	SESSION_LIFETIME_MS,
	validateSessionToken,
	type SessionUser,
	type ValidSession,
} from '../services/auth-sessions.server'
import { now } from './clock.server'
import { getEnv } from './env.server'
import { DomainError } from './errors'

export const SESSION_COOKIE = 'mentora_session'

function cookieAttributes(maxAgeSeconds: number): string {
	// Secure whenever the site is served over HTTPS, which every production deployment is.
	const secure = new URL(getEnv().APP_URL).protocol === 'https:' ? '; Secure' : ''
	return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`
}

export function sessionCookie(token: string, expiresAt: Date, at: Date = now()): string {
	const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - at.getTime()) / 1000))
	return `${SESSION_COOKIE}=${token}; ${cookieAttributes(maxAge)}`
}

/** Names a device that logged in before, so a stranger's failed logins never slow it (throttle.server.ts). */
export const DEVICE_COOKIE = 'mentora_device'
const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60

export function deviceCookie(token: string): string {
	return `${DEVICE_COOKIE}=${token}; ${cookieAttributes(DEVICE_COOKIE_MAX_AGE)}`
}

/** The cookies a successful login or sign-up sets: the session, and the device. */
export function loginCookies(result: { session: { token: string; expiresAt: Date }; deviceToken: string }): Headers {
	const headers = new Headers()
	headers.append('Set-Cookie', sessionCookie(result.session.token, result.session.expiresAt))
	headers.append('Set-Cookie', deviceCookie(result.deviceToken))
	return headers
}

export function clearedSessionCookie(): string {
	return `${SESSION_COOKIE}=; ${cookieAttributes(0)}`
}

export function readCookie(request: Request, name: string): string | null {
	const header = request.headers.get('Cookie') ?? ''
	for (const part of header.split(';')) {
		const [key, ...value] = part.trim().split('=')
		if (key === name) return value.join('=') || null
	}
	return null
}

const sessions = new WeakMap<Request, Promise<ValidSession | null>>()

/** The request's valid session, looked up once per request; renewals re-send the cookie. */
export function getSession(request: Request, context?: AppLoadContext): Promise<ValidSession | null> {
	let found = sessions.get(request)
	if (!found) {
		const token = readCookie(request, SESSION_COOKIE)
		const at = now()
		found = token ? validateSessionToken(token, at) : Promise.resolve(null)
		found = found.then((session) => {
			if (session?.renewed && token) context?.responseCookies.push(sessionCookie(token, session.expiresAt, at))
			return session
		})
		sessions.set(request, found)
	}
	return found
}

export async function getUser(request: Request, context?: AppLoadContext): Promise<SessionUser | null> {
	return (await getSession(request, context))?.user ?? null
}

function isApi(request: Request): boolean {
	return new URL(request.url).pathname.startsWith('/api/')
}

/** Pages send a visitor without a session to log in and come back; the API answers 401. */
export async function requireUser(request: Request, context?: AppLoadContext): Promise<SessionUser> {
	const user = await getUser(request, context)
	if (user) return user
	if (isApi(request)) throw new DomainError('unauthenticated', 'Log in to do this.')
	const url = new URL(request.url)
	const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })
	throw redirect(`/login?${params}`)
}

function forbidden(request: Request, message: string): never {
	if (isApi(request)) throw new DomainError('not_allowed', message)
	throw new Response(message, { status: 403, statusText: 'Forbidden' })
}

export async function requireMentor(request: Request, context?: AppLoadContext): Promise<SessionUser> {
	const user = await requireUser(request, context)
	if (!user.isMentor) forbidden(request, 'Only mentors can do this.')
	return user
}

export async function requireAdmin(request: Request, context?: AppLoadContext): Promise<SessionUser> {
	const user = await requireUser(request, context)
	if (!user.isAdmin) forbidden(request, 'Only admins can do this.')
	return user
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/**
 * The local stand-ins (the mailbox lists every user's emails, one-click links included) are for
 * the person at the machine: a request from the loopback address, or an admin's. Anyone else gets
 * a 404, as if the page did not exist. `context.ip` is the client's address (the proxy's
 * X-Forwarded-For only with TRUST_PROXY=true).
 */
export async function requireLocalOrAdmin(request: Request, context: AppLoadContext): Promise<void> {
	if (LOOPBACK.has(context.ip)) return
	if ((await getUser(request, context))?.isAdmin) return
	throw new Response('Not found', { status: 404, statusText: 'Not Found' })
}

export async function requireAnonymous(request: Request): Promise<void> {
	if (await getUser(request)) throw redirect('/dashboard')
}

export const SESSION_LIFETIME_SECONDS = SESSION_LIFETIME_MS / 1000
