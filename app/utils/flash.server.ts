import { type AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import { getEnv } from './env.server'
import { readCookie } from './session.server'
import { hasValidSignature, sign } from './signing.server'

/**
 * A one-time message for the page a redirect lands on ("Your profile is saved."), carried in a
 * short-lived signed cookie instead of a query parameter: a reload or a shared URL does not repeat
 * it, and nobody can plant a message of their own. The root loader reads it and clears it.
 */

export const FLASH_COOKIE = 'mentora_flash'
const MAX_AGE_SECONDS = 60
const MAX_MESSAGE_LENGTH = 500

const ToastSchema = z.object({ kind: z.enum(['success', 'info']), message: z.string().min(1).max(MAX_MESSAGE_LENGTH) })
export type Toast = z.infer<typeof ToastSchema>
/** A toast as the page gets it: `id` tells two equal messages in a row apart, so the second shows too. */
export type ShownToast = Toast & { id: string }

const attributes = (maxAge: number) => {
	const secure = new URL(getEnv().APP_URL).protocol === 'https:' ? '; Secure' : ''
	return `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`
}

/** The Set-Cookie value that shows `toast` on the next page. */
export function flashCookie(toast: Toast): string {
	const payload = Buffer.from(JSON.stringify({ ...ToastSchema.parse(toast), issuedAt: Date.now() })).toString('base64url')
	return `${FLASH_COOKIE}=${payload}.${sign('flash', payload)}; ${attributes(MAX_AGE_SECONDS)}`
}

/** Headers for a redirect that shows `toast` where it lands. */
export function withToast(toast: Toast, headers?: HeadersInit): Headers {
	const merged = new Headers(headers)
	merged.append('Set-Cookie', flashCookie(toast))
	return merged
}

/** The message waiting for this request, cleared on the response; a forged or garbled cookie is ignored. */
export function takeToast(request: Request, context: AppLoadContext): ShownToast | null {
	const value = readCookie(request, FLASH_COOKIE)
	if (value === null) return null
	context.responseCookies?.push(`${FLASH_COOKIE}=; ${attributes(0)}`)
	const [payload, signature, ...rest] = value.split('.')
	if (!payload || !signature || rest.length > 0 || !hasValidSignature('flash', payload, signature)) return null
	try {
		const parsed = ToastSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')))
		return parsed.success ? { ...parsed.data, id: signature.slice(0, 12) } : null
	} catch {
		return null
	}
}
