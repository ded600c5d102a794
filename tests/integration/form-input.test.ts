import { type AppLoadContext } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { menteeProfiles } from '../../db/schema'
import { action as saveProfile } from '../../app/routes/settings.profile/route'
import * as devCheckout from '../../app/routes/dev.checkout.$id'
import * as login from '../../app/routes/login'
import * as book from '../../app/routes/mentors.$slug_.book'
import * as bookPaid from '../../app/routes/mentors.$slug_.book-paid'
import * as buy from '../../app/routes/mentors.$slug_.buy'
import * as relationships from '../../app/routes/relationships'
import * as sessions from '../../app/routes/sessions/route'
import * as availability from '../../app/routes/settings.availability/route'
import * as settingsBundles from '../../app/routes/settings.bundles'
import { createUser } from '../support/factories'

test('a page form carrying a NUL character is refused with 400 before anything is written', async () => {
	const { user, cookie } = await createUser({ role: 'mentee' })
	const body = new URLSearchParams({
		name: 'Nul Person',
		timeZone: 'Europe/Berlin',
		'mentee.headline': 'Learning\u0000to lead',
		'mentee.goals': 'Grow',
		'mentee.languages': 'English',
		'mentee.yearsExperience': '3',
	})
	const request = new Request('http://localhost:3000/settings/profile', {
		method: 'POST',
		headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
		body,
	})
	let answer: unknown
	try {
		answer = await saveProfile({ request, context: { ip: '203.0.113.9', responseCookies: [] }, params: {} })
	} catch (thrown) {
		answer = thrown
	}
	expect(answer).toBeInstanceOf(Response)
	expect((answer as Response).status).toBe(400)
	const [profile] = await getDb().select().from(menteeProfiles).where(eq(menteeProfiles.userId, user.id))
	expect(profile!.headline).toBe('')
})

type Action = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown

describe('a page action sent a body that is not a form answers 4xx in the error shape, never a 500', () => {
	const bodies: { what: string; headers: Record<string, string>; body: string; status: number; code: string }[] = [
		{ what: 'JSON', headers: { 'Content-Type': 'application/json' }, body: '{"email":"a@example.com"}', status: 415, code: 'unsupported_media_type' },
		{ what: 'no content type', headers: {}, body: 'email=a@example.com', status: 415, code: 'unsupported_media_type' },
		{
			what: 'broken multipart',
			headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' },
			body: '--xyz\r\nContent-Disposition: form-data; name="email"\r\n\r\nunterminated',
			status: 400,
			code: 'invalid_form',
		},
	]

	test.each([
		{ path: '/sessions', action: sessions.action, as: 'mentee' },
		{ path: '/relationships', action: relationships.action, as: 'mentee' },
		{ path: '/settings/bundles', action: settingsBundles.action, as: 'mentor' },
		{ path: '/settings/availability', action: availability.action, as: 'mentor' },
		{ path: '/settings/profile', action: saveProfile, as: 'mentee' },
		{ path: '/mentors/some-mentor/book', action: book.action, as: 'mentee', params: { slug: 'some-mentor' } },
		{ path: '/mentors/some-mentor/book-paid', action: bookPaid.action, as: 'mentee', params: { slug: 'some-mentor' } },
		{ path: '/mentors/some-mentor/buy', action: buy.action, as: 'mentee', params: { slug: 'some-mentor' } },
		{ path: '/login', action: login.action, as: null },
		{ path: '/dev/checkout/cs_test_abc', action: devCheckout.action, as: null, params: { id: 'cs_test_abc' } },
	] as { path: string; action: Action; as: 'mentee' | 'mentor' | null; params?: Record<string, string> }[])('$path', async (route) => {
		const cookie = route.as ? (await createUser({ role: route.as })).cookie : null
		for (const sent of bodies) {
			const request = new Request(`http://localhost:3000${route.path}`, {
				method: 'POST',
				headers: { ...sent.headers, ...(cookie ? { Cookie: cookie } : {}) },
				body: sent.body,
			})
			let answer: unknown
			try {
				answer = await route.action({ request, context: { ip: '203.0.113.9', responseCookies: [] }, params: route.params ?? {} })
			} catch (thrown) {
				answer = thrown
			}
			expect(answer, sent.what).toBeInstanceOf(Response)
			const response = answer as Response
			expect(response.status, sent.what).toBe(sent.status)
			const body = await response.json()
			expect(body.error.code, sent.what).toBe(sent.code)
			expect(body.error.message, sent.what).toMatch(/form/i)
		}
	})
})
