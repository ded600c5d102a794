import { expect, test } from 'vitest'
import { isCrossSiteWrite } from './origin'

const own = ['http://localhost:3000']
const req = (method: string, origin: string | null, secFetchSite: string | null = null) =>
	isCrossSiteWrite({ method, origin, secFetchSite, ownOrigins: own })

test('a POST from another origin is refused, from our own origin it passes', () => {
	expect(req('POST', 'https://evil.example')).toBe(true)
	expect(req('POST', 'null')).toBe(true)
	expect(req('DELETE', 'http://localhost:3001')).toBe(true)
	expect(req('POST', 'http://localhost:3000')).toBe(false)
})

test('without Origin, Sec-Fetch-Site decides; a client sending neither is no browser and passes', () => {
	expect(req('POST', null, 'cross-site')).toBe(true)
	expect(req('POST', null, 'same-site')).toBe(true)
	expect(req('POST', null, 'same-origin')).toBe(false)
	expect(req('POST', null, 'none')).toBe(false)
	expect(req('POST', null, null)).toBe(false)
})

test('reads are never refused', () => {
	expect(req('GET', 'https://evil.example', 'cross-site')).toBe(false)
	expect(req('HEAD', 'https://evil.example')).toBe(false)
})
