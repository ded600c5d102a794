import { describe, expect, test } from 'vitest'
import { FLASH_COOKIE, flashCookie, takeToast } from './flash.server'

const requestWith = (cookie: string) => new Request('http://localhost:3000/settings/profile', { headers: { Cookie: cookie } })
const valueOf = (setCookie: string) => setCookie.split(';')[0]!

describe('flash toasts', () => {
	test('a toast set by one response is read once by the next request, which clears it', () => {
		const context = { ip: '127.0.0.1', responseCookies: [] as string[] }
		const toast = takeToast(requestWith(valueOf(flashCookie({ kind: 'success', message: 'Your profile is saved.' }))), context)
		expect(toast).toMatchObject({ kind: 'success', message: 'Your profile is saved.' })
		expect(toast!.id).toMatch(/^[\w-]{12}$/)
		expect(context.responseCookies).toEqual([expect.stringMatching(new RegExp(`^${FLASH_COOKIE}=; .*Max-Age=0`))])
		expect(flashCookie({ kind: 'info', message: 'x' })).toMatch(/HttpOnly; SameSite=Lax; Max-Age=60/)
	})

	test('a planted or garbled cookie shows nothing, and is cleared too', () => {
		const genuine = valueOf(flashCookie({ kind: 'success', message: 'Saved.' }))
		const [payload, signature] = genuine.slice(FLASH_COOKIE.length + 1).split('.') as [string, string]
		const planted = Buffer.from(JSON.stringify({ kind: 'success', message: 'Your account is locked: call +1 555 0100' })).toString('base64url')
		for (const cookie of [`${FLASH_COOKIE}=${planted}.${signature}`, `${FLASH_COOKIE}=${payload}`, `${FLASH_COOKIE}=${payload}.${signature}.x`, `${FLASH_COOKIE}=%%%`]) {
			const context = { ip: '127.0.0.1', responseCookies: [] as string[] }
			expect(takeToast(requestWith(cookie), context)).toBeNull()
			expect(context.responseCookies).toHaveLength(1)
		}
		const context = { ip: '127.0.0.1', responseCookies: [] as string[] }
		expect(takeToast(requestWith('other=1'), context)).toBeNull()
		expect(context.responseCookies).toEqual([])
	})

	test('a message that is empty or too long is a programming error, refused when set', () => {
		expect(() => flashCookie({ kind: 'success', message: '' })).toThrow()
		expect(() => flashCookie({ kind: 'success', message: 'x'.repeat(501) })).toThrow()
	})
})
