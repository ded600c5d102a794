import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { users } from '../../db/schema'
import { action as saveAvailability } from '../../app/routes/settings.availability/route'
import { action as saveProfile } from '../../app/routes/settings.profile/route'
import { action as signUpPage } from '../../app/routes/signup'
import { getCalendar } from '../../app/services/calendars.server'
import { createUser, uniqueEmail } from '../support/factories'

type Action = (args: { request: Request; context: { ip: string; responseCookies: string[] }; params: Record<string, string> }) => unknown

/** Posts a page form as a browser does and answers the status: a redirect (thrown or returned) or the form's errors. */
async function post(action: Action, path: string, form: Record<string, string>, cookie?: string): Promise<{ status: number }> {
	const request = new Request(`http://localhost:3000${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
		body: new URLSearchParams(form),
	})
	try {
		const answer = await action({ request, context: { ip: '203.0.113.7', responseCookies: [] }, params: {} })
		if (answer instanceof Response) return answer
		return { status: (answer as { init?: { status?: number } | null }).init?.status ?? 200 }
	} catch (thrown) {
		if (thrown instanceof Response) return thrown
		throw thrown
	}
}

const zoneOf = async (id: string) => (await getDb().select({ timeZone: users.timeZone }).from(users).where(eq(users.id, id)))[0]?.timeZone

test('signing up from a browser that says "Asia/Calcutta" stores the zone as Asia/Kolkata', async () => {
	const email = uniqueEmail('calcutta')
	const answer = await post(signUpPage, '/signup', { email, password: 'a long enough password', name: 'Priya', role: 'mentee', timeZone: 'Asia/Calcutta' })
	expect(answer.status).toBe(302)
	const [user] = await getDb().select({ timeZone: users.timeZone }).from(users).where(eq(users.email, email))
	expect(user?.timeZone).toBe('Asia/Kolkata')
})

test('saving the profile with an old zone name stores its current name; an unknown zone is refused with 400', async () => {
	const { user, cookie } = await createUser({ role: 'mentee', timeZone: 'Europe/Berlin' })
	const profile = { name: 'Olena', 'mentee.headline': 'Learning to lead', 'mentee.goals': 'Grow', 'mentee.languages': 'English', 'mentee.yearsExperience': '3' }
	expect((await post(saveProfile, '/settings/profile', { ...profile, timeZone: 'Europe/Kiev' }, cookie)).status).toBe(302)
	expect(await zoneOf(user.id)).toBe('Europe/Kyiv')
	expect((await post(saveProfile, '/settings/profile', { ...profile, timeZone: 'Europe/Atlantis' }, cookie)).status).toBe(400)
	expect(await zoneOf(user.id)).toBe('Europe/Kyiv')
})

test('a calendar saved in "America/Buenos_Aires" is kept in America/Argentina/Buenos_Aires', async () => {
	const { user, cookie } = await createUser({ role: 'mentor' })
	const form = { calendar: 'intro', timeZone: 'America/Buenos_Aires', bufferMinutes: '10', 'weekly[0].weekday': '2', 'weekly[0].start': '09:00', 'weekly[0].end': '11:00' }
	expect((await post(saveAvailability, '/settings/availability', form, cookie)).status).toBe(302)
	expect((await getCalendar(user.id, 'intro')).timeZone).toBe('America/Argentina/Buenos_Aires')
})
