import { describe, expect, test } from 'vitest'
import { requireAdmin, requireMentor, requireUser } from '../../app/utils/session.server'
import { DomainError } from '../../app/utils/errors'
import { createUser } from '../support/factories'

const request = (path: string, cookie?: string) =>
	new Request(`http://localhost:3000${path}`, { headers: cookie ? { Cookie: cookie } : {} })

async function thrown(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise
	} catch (error) {
		return error
	}
	throw new Error('expected the guard to refuse')
}

describe('guards', () => {
	test('pages send a visitor without a session to log in and come back', async () => {
		const error = (await thrown(requireUser(request('/dashboard?tab=2')))) as Response
		expect(error.status).toBe(302)
		expect(error.headers.get('Location')).toBe('/login?redirectTo=%2Fdashboard%3Ftab%3D2')
	})

	test('the API answers 401 without a session', async () => {
		const error = await thrown(requireUser(request('/api/v1/me')))
		expect(error).toBeInstanceOf(DomainError)
		expect((error as DomainError).status).toBe(401)
	})

	test('a mentee is refused mentor and admin routes (403), a mentor passes requireMentor', async () => {
		const mentee = await createUser({ role: 'mentee' })
		const mentor = await createUser({ role: 'mentor' })
		expect(((await thrown(requireMentor(request('/settings/availability', mentee.cookie)))) as Response).status).toBe(403)
		expect(((await thrown(requireMentor(request('/api/v1/me/availability/intro', mentee.cookie)))) as DomainError).code).toBe('not_allowed')
		expect(((await thrown(requireAdmin(request('/admin', mentor.cookie)))) as Response).status).toBe(403)
		expect((await requireMentor(request('/settings/availability', mentor.cookie))).id).toBe(mentor.user.id)
	})
})
