import { expect, request as newRequest, test, type APIRequestContext } from '@playwright/test'
import { slugify } from '../../app/rules/slug'
import { e2eBaseUrl, e2ePorts } from './ports'
import { logIn, signUp, uniquePerson } from './support'
import { pickFirstTime } from './calendar'

const BASE_URL = e2eBaseUrl()

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

test('after an intro is booked in the browser, the mentor’s invitation email is in the local mailbox with a working link', async ({ page, browser }) => {
	const mentor = await apiPerson('Mailbox Mentor', 'mentor', 'Europe/Berlin')
	const slug = slugify(mentor.name)
	const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }))
	await json(await mentor.api.put('/api/v1/me/availability/intro', { data: { timeZone: 'Europe/Berlin', weekly } }), 200)

	// The mentee books as a person does: on the mentor's public page.
	const mentee = uniquePerson('Mailbox Mentee')
	await signUp(page, mentee, 'Mentee')
	await page.goto(`/mentors/${slug}`)
	await pickFirstTime(page.getByRole('region', { name: 'Free 20-minute intro' }))
	await page.getByLabel('What do you want help with?').fill('Leading my first team')
	await page.getByLabel('Your background (optional)').fill('Senior engineer, six years')
	await page.getByLabel('What do you hope to achieve?').fill('A 90-day plan')
	await page.getByRole('button', { name: 'Request intro' }).click()
	await expect(page).toHaveURL(/\/sessions\?role=mentee$/)

	// Someone else's browser, logged out, reads the mailbox.
	const reader = await (await browser.newContext()).newPage()
	await reader.goto('/dev/mailbox')
	await reader.getByLabel('Recipient').fill(mentor.email)
	await reader.getByRole('button', { name: 'Filter' }).click()
	const email = reader.getByRole('article').filter({ hasText: `Intro invitation from ${mentee.name}` })
	await expect(email).toHaveCount(1)
	await expect(email).toContainText(`To ${mentor.email}`)

	const body = email.frameLocator('iframe')
	await expect(body.getByText('Leading my first team')).toBeVisible()
	const opened = reader.waitForEvent('popup')
	await body.getByRole('link', { name: 'Review pending invitations' }).click()
	const tab = await opened
	// Logged out in this browser: the link asks to log in, then lands on the invitations.
	await expect(tab).toHaveURL(/\/login\?redirectTo=%2Fsessions%3Ftab%3Dinvitations$/)
	await logIn(tab, mentor.email, mentor.password)
	await expect(tab).toHaveURL(/\/sessions\?tab=invitations$/)
	await expect(tab.getByText(mentee.name).first()).toBeVisible()

	await mentor.api.dispose()
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
	expect(link).toMatch(new RegExp(`^webcal://127\\.0\\.0\\.1:${e2ePorts().app}/calendar/.+\\.ics$`))
	const feed = link.replace(/^webcal:/, 'http:')
	const answer = await request.get(feed)
	expect(answer.status()).toBe(200)
	expect(await answer.text()).toContain('BEGIN:VCALENDAR')

	await page.getByRole('button', { name: 'Revoke the calendar link' }).click()
	await expect(page.getByRole('button', { name: 'Make a calendar link' })).toBeVisible()
	expect((await request.get(feed)).status()).toBe(404)
})
