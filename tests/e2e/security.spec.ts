import { expect, test } from '@playwright/test'

const unique = () => `sec-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`

test.describe('HTTP-level protections', () => {
	test('a POST sent by a browser from another origin is refused with 403 and sets nothing', async ({ request, baseURL }) => {
		const refused = await request.post('/api/v1/auth/signup', {
			headers: { Origin: 'https://evil.example' },
			data: { email: unique(), password: 'long enough pw', name: 'Eve', role: 'mentee', timeZone: 'UTC' },
		})
		expect(refused.status()).toBe(403)
		expect((await refused.json()).error.code).toBe('cross_origin_request')
		expect(refused.headers()['set-cookie']).toBeUndefined()

		const page = await request.post('/logout', { headers: { 'Sec-Fetch-Site': 'cross-site' } })
		expect(page.status()).toBe(403)

		const sameOrigin = await request.post('/api/v1/auth/login', {
			headers: { Origin: new URL(baseURL!).origin },
			data: { email: unique(), password: 'whatever-it-is' },
		})
		expect(sameOrigin.status()).toBe(401)
	})

	test('the build’s files are served with their type and caching; a path that only looks like one is a page', async ({ request }) => {
		const icon = await request.get('/favicon.svg')
		expect(icon.status()).toBe(200)
		expect(icon.headers()['content-type']).toContain('image/svg+xml')
		expect(icon.headers()['cache-control']).toContain('max-age=3600')
		const missing = await request.get('/favicon.png')
		expect(missing.status()).toBe(404)
		expect(missing.headers()['content-type']).toContain('text/html')
	})

	test('the session cookie is HttpOnly and SameSite=Lax, and /api/v1/me answers with it', async ({ request }) => {
		const email = unique()
		const signup = await request.post('/api/v1/auth/signup', {
			data: { email, password: 'long enough pw', name: 'Sam Secure', role: 'mentor', timeZone: 'Asia/Kolkata' },
		})
		expect(signup.status()).toBe(201)
		const cookie = signup.headers()['set-cookie'] ?? ''
		expect(cookie).toContain('HttpOnly')
		expect(cookie).toContain('SameSite=Lax')
		const me = await request.get('/api/v1/me')
		expect(me.status()).toBe(200)
		expect((await me.json()).user).toMatchObject({ email, roles: { mentor: true } })
	})

	test('malformed API input answers 4xx with the error shape, never a 500', async ({ request }) => {
		const notJson = await request.post('/api/v1/auth/login', {
			headers: { 'Content-Type': 'application/json' },
			data: '{"email":',
		})
		expect(notJson.status()).toBe(400)
		expect((await notJson.json()).error.code).toBe('invalid_json')
		const wrongTypes = await request.post('/api/v1/auth/signup', { data: { email: ['x'], password: 1 } })
		expect(wrongTypes.status()).toBe(422)
		expect(Object.keys((await wrongTypes.json()).error.fields)).toContain('email')
		const unknown = await request.get('/api/v1/does-not-exist')
		expect(unknown.status()).toBe(404)
		expect((await unknown.json()).error.code).toBe('not_found')
	})
})

test('a NUL character (%00) in an address answers 400, for pages and for the API, never a 500', async ({ request }) => {
	for (const path of ['/mentors/%00', '/mentors?q=%00', '/api/v1/mentors/%00/slots']) {
		const res = await request.get(path)
		expect(res.status(), path).toBe(400)
	}
	const api = await request.get('/api/v1/mentors/a%00b/slots')
	expect((await api.json()).error.code).toBe('invalid_url')
	const login = await request.post('/login', { form: { email: 'a\u0000b@example.com', password: 'whatever-it-is' } })
	expect(login.status()).toBeLessThan(500)
})
