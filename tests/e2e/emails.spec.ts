import { expect, request as newRequest, test, type APIRequestContext } from '@playwright/test'
import { slugify } from '../../app/rules/slug'
import { logIn, signUp, uniquePerson } from './support'

const BASE_URL = 'http://127.0.0.1:3100'

/** A person signed up through the JSON API, with their own cookie jar. */
async function apiPerson(label: string, role: 'mentor' | 'mentee', timeZone: string) {
	const person = uniquePerson(label)
	const api = await newRequest.newContext({ baseURL: BASE_URL })
	const signup = await api.post('/api/v1/auth/signup', { data: { ...person, role, timeZone } })
	expect(signup.status()).toBe(201)
	return { ...person, api }
}

async function json(response: Awaited<ReturnType<APIRequestContext['get']>>, status: number): Promise<any> {
	expect(response.status(), await response.text()).toBe(status)
	return response.json()
}

test('after a booking, the mentor’s invitation email is in the local mailbox with a working link', async ({ page }) => {
	const mentor = await apiPerson('Mailbox Mentor', 'mentor', 'Europe/Berlin')
	const mentee = await apiPerson('Mailbox Mentee', 'mentee', 'America/Toronto')
	const slug = slugify(mentor.name)

	const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }))
	await json(await mentor.api.put('/api/v1/me/availability/intro', { data: { timeZone: 'Europe/Berlin', weekly } }), 200)
	const { slots } = await json(await mentee.api.get(`/api/v1/mentors/${slug}/slots?type=intro`), 200)
	expect(slots.length).toBeGreaterThan(0)
	const introForm = { helpWith: 'Leading my first team', background: 'Senior engineer, six years', goals: 'A 90-day plan' }
	await json(await mentee.api.post('/api/v1/bookings', { data: { mentor: slug, type: 'intro', start: slots[0].start, introForm } }), 201)

	await page.goto('/dev/mailbox')
	await page.getByLabel('Recipient').fill(mentor.email)
	await page.getByRole('button', { name: 'Filter' }).click()
	const email = page.getByRole('article').filter({ hasText: `Intro invitation from ${mentee.name}` })
	await expect(email).toHaveCount(1)
	await expect(email).toContainText(`To ${mentor.email}`)

	const body = email.frameLocator('iframe')
	await expect(body.getByText('Leading my first team')).toBeVisible()
	const opened = page.waitForEvent('popup')
	await body.getByRole('link', { name: 'Review pending invitations' }).click()
	const tab = await opened
	// Logged out in this browser: the link asks to log in, then lands on the invitations.
	await expect(tab).toHaveURL(/\/login\?redirectTo=%2Fsessions%3Ftab%3Dinvitations$/)
	await logIn(tab, mentor.email, mentor.password)
	await expect(tab).toHaveURL(/\/sessions\?tab=invitations$/)
	await expect(tab.getByText(mentee.name).first()).toBeVisible()

	await mentor.api.dispose()
	await mentee.api.dispose()
})

test('the calendar feed answers 404 without a valid token', async ({ request }) => {
	expect((await request.get('/calendar/not-a-token.ics')).status()).toBe(404)
	expect((await request.get('/calendar/.ics')).status()).toBe(404)
})

test('a person mutes a reminder and makes, then revokes, a private calendar link', async ({ page, request }) => {
	await signUp(page, uniquePerson('Feed'), 'Mentee')
	await page.goto('/settings')
	const reminders = page.getByRole('checkbox', { name: 'Session reminders 24 hours before, with the agenda' })
	await expect(reminders).toBeChecked()
	await reminders.uncheck()
	await page.getByRole('button', { name: 'Save email settings' }).click()
	await expect(page.getByRole('status')).toContainText('Your email settings are saved.')
	await expect(page.getByRole('checkbox', { name: 'Session reminders 24 hours before, with the agenda' })).not.toBeChecked()

	await page.getByRole('button', { name: 'Make a calendar link' }).click()
	const link = await page.getByLabel('Calendar link').inputValue()
	expect(link).toMatch(/^webcal:\/\/127\.0\.0\.1:3100\/calendar\/.+\.ics$/)
	const feed = link.replace(/^webcal:/, 'http:')
	const answer = await request.get(feed)
	expect(answer.status()).toBe(200)
	expect(await answer.text()).toContain('BEGIN:VCALENDAR')

	await page.getByRole('button', { name: 'Revoke the calendar link' }).click()
	await expect(page.getByRole('button', { name: 'Make a calendar link' })).toBeVisible()
	expect((await request.get(feed)).status()).toBe(404)
})
