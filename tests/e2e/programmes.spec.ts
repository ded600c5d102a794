import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD, signUp, uniquePerson } from './support'

/** A mentee finds a programme under Programmes, registers as mentee, and sees the journey at its first step. */

const ADMIN = 'admin@mentora.test'

test('a mentee registers for a programme and sees their journey at "Application"', async ({ page, playwright, baseURL }) => {
	// The admin creates an open programme through the API.
	const admin = await playwright.request.newContext({ baseURL })
	expect((await admin.post('/api/v1/auth/login', { data: { email: ADMIN, password: DEMO_PASSWORD } })).status()).toBe(200)
	const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
	const name = `Buddies ${suffix}`
	const created = await admin.post('/api/v1/programmes', {
		data: { slug: `buddies-${suffix}`, name, description: 'Six months with a **buddy**.\n\nRead the [guide](https://example.org/guide).', matchingMode: 'admin' },
	})
	expect(created.status()).toBe(201)
	await admin.dispose()

	const mentee = uniquePerson('Programme Mentee')
	await signUp(page, mentee, 'Mentee')
	await page.setViewportSize({ width: 390, height: 844 })
	const header = page.getByRole('navigation', { name: 'Main' })
	await header.locator('summary', { hasText: 'Menu' }).click()
	await header.getByRole('link', { name: 'Programmes' }).click()
	await expect(page).toHaveURL(/\/programmes$/)
	const item = page.getByRole('listitem', { name })
	await expect(item).toContainText('Six months with a buddy.')
	await expect(item).toContainText('You have not registered.')
	await item.getByRole('link', { name }).click()

	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
	await expect(page.getByRole('link', { name: 'guide' })).toHaveAttribute('href', 'https://example.org/guide')
	const form = page.getByRole('form', { name: 'Register as mentee' })
	await form.getByLabel('Motivation (optional)').fill('I want to grow as a team lead.')
	await form.getByRole('button', { name: 'Register as mentee' }).click()

	await expect(page.getByRole('status')).toContainText('You are registered as mentee')
	const journey = page.getByRole('list', { name: 'Journey as mentee' })
	await expect(journey.locator('[aria-current="step"]')).toHaveText(/Application/)
	await expect(page.getByRole('listitem', { name: 'Your registration as mentee' })).toContainText('A coordinator reviews your registration')
	await expect(page.getByRole('form', { name: 'Register as mentee' })).toHaveCount(0)

	await page.getByRole('link', { name: 'Programmes', exact: true }).first().click()
	await expect(page.getByRole('listitem', { name })).toContainText('As mentee: Application')
})
