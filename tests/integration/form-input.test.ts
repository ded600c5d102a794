import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { menteeProfiles } from '../../db/schema'
import { action as saveProfile } from '../../app/routes/settings.profile/route'
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
