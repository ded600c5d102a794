import { describe, expect, test } from 'vitest'
import { findTrackingTokens, parseTrackingAddress, trackingAddress } from './tracking-address'

const DOMAIN = 'inbound.mentora.test'
const TOKEN = '0123456789abcdef0123456789abcdef'

describe('the tracking address', () => {
	test('is the token at the inbound domain, and parses back to the token', () => {
		expect(trackingAddress(TOKEN, 'Inbound.Mentora.TEST')).toBe(`${TOKEN}@inbound.mentora.test`)
		expect(parseTrackingAddress(trackingAddress(TOKEN, DOMAIN), DOMAIN)).toBe(TOKEN)
	})

	test('reads the local part and the domain case-insensitively, with or without angle brackets', () => {
		expect(parseTrackingAddress(`${TOKEN.toUpperCase()}@INBOUND.mentora.test`, DOMAIN)).toBe(TOKEN)
		expect(parseTrackingAddress(` <${TOKEN}@${DOMAIN}> `, DOMAIN)).toBe(TOKEN)
	})

	test('is not one at another domain, a subdomain or a look-alike', () => {
		expect(parseTrackingAddress(`${TOKEN}@mentora.test`, DOMAIN)).toBeNull()
		expect(parseTrackingAddress(`${TOKEN}@evil.${DOMAIN}`, DOMAIN)).toBeNull()
		expect(parseTrackingAddress(`${TOKEN}@${DOMAIN}.evil.test`, DOMAIN)).toBeNull()
	})

	test('is not one when the local part is not a token', () => {
		expect(parseTrackingAddress(`alice@${DOMAIN}`, DOMAIN)).toBeNull()
		expect(parseTrackingAddress(`${TOKEN}x@${DOMAIN}`, DOMAIN)).toBeNull()
		expect(parseTrackingAddress(`@${DOMAIN}`, DOMAIN)).toBeNull()
		expect(parseTrackingAddress('', DOMAIN)).toBeNull()
	})

	test('is found among other recipients, each token once, in order', () => {
		const other = 'f'.repeat(32)
		expect(findTrackingTokens(['bob@example.com', `${TOKEN}@${DOMAIN}`, `${other}@${DOMAIN}`, `${TOKEN.toUpperCase()}@${DOMAIN}`], DOMAIN)).toEqual([TOKEN, other])
		expect(findTrackingTokens(['bob@example.com'], DOMAIN)).toEqual([])
	})
})
