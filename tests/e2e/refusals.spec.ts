import { expect, test } from '@playwright/test'
import { confirmAddress, LENA, signUp, uniquePerson } from './support'
import { pickFirstTime } from './calendar'

/** A refusal of a booking box answers its 4xx in the error shape; the page still shows its sentence. */

test('an intro slot taken while the form was being filled is refused, and the page says so above the form', async ({ page, browser, playwright, baseURL }) => {
	const mentee = uniquePerson('Late')
	await signUp(page, mentee, 'Mentee')
	await page.goto(`/mentors/${LENA.slug}`)
	await expect(page.getByText(/Times in America\/Toronto/)).toBeVisible()
	await pickFirstTime(page.getByRole('region', { name: 'Free 20-minute intro' }))
	await page.getByLabel('What do you want help with?').fill('Leading my first team')
	await page.getByLabel('What do you hope to achieve?').fill('A plan for the first 90 days')

	// Meanwhile someone else books that very slot through the API.
	const other = await playwright.request.newContext({ baseURL })
	const rival = uniquePerson('Rival')
	expect((await other.post('/api/v1/auth/signup', { data: { ...rival, role: 'mentee', timeZone: 'UTC' } })).status()).toBe(201)
	const rivalsInbox = await (await browser.newContext()).newPage()
	await confirmAddress(rivalsInbox, rival.email)
	await rivalsInbox.context().close()
	const { slots } = await (await other.get(`/api/v1/mentors/${LENA.slug}/slots?type=intro`)).json()
	const booked = await other.post('/api/v1/bookings', {
		data: { mentor: LENA.slug, type: 'intro', start: slots[0].start, introForm: { helpWith: 'Anything', goals: 'Something' } },
	})
	expect(booked.status()).toBe(201)
	await other.dispose()

	const answer = page.waitForResponse((r) => r.url().includes(`/mentors/${LENA.slug}/book`) && r.request().method() === 'POST')
	await page.getByRole('button', { name: 'Request intro' }).click()
	expect((await answer).status()).toBe(409)
	await expect(page.getByRole('alert')).toContainText('That time is no longer available. Choose another slot.')
	await expect(page).toHaveURL(new RegExp(`/mentors/${LENA.slug}\\?month=.*&start=`))
})
