import { expect, type Page } from '@playwright/test'

/** Demo people from db/seed.ts. */
export const DEMO_PASSWORD = 'mentora-demo'
export const LENA = { email: 'lena@mentora.test', name: 'Lena Hoffmann', slug: 'lena-hoffmann' }
export const MAYA = { email: 'maya@mentora.test', name: 'Maya Chen' }

/** A person no other test (or earlier run against the same database) has used. */
export function uniquePerson(label: string) {
	const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`
	return { name: `${label} ${suffix}`, email: `${label.toLowerCase().replace(/\W+/g, '-')}-${suffix}@example.test`, password: 'correct horse battery' }
}

/**
 * Signs up through the form. A mentee then confirms the address from the local mailbox, as booking
 * needs (`verify: false` leaves it unconfirmed); either way the browser ends on the dashboard.
 */
export async function signUp(page: Page, person: { name: string; email: string; password: string }, role: 'Mentee' | 'Mentor', options: { verify?: boolean } = {}) {
	await page.goto('/signup')
	await page.getByLabel('Name').fill(person.name)
	await page.getByLabel('Email').fill(person.email)
	await page.getByLabel('Password').fill(person.password)
	await page.getByRole('radio', { name: new RegExp(`^${role}`) }).check()
	await page.getByRole('button', { name: 'Create account' }).click()
	await expect(page).toHaveURL(/\/dashboard$/)
	await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${person.name}` })).toBeVisible()
	if (options.verify ?? role === 'Mentee') await confirmAddress(page, person.email)
}

/** Follows the sign-up email's link from the local mailbox and presses its button; signed out, that leads to the login page. */
export async function confirmAddress(page: Page, email: string) {
	await page.goto('/dev/mailbox')
	await page.getByLabel('Recipient').fill(email)
	await page.getByRole('button', { name: 'Filter' }).click()
	const mail = page.getByRole('article').filter({ hasText: 'Confirm your email address for Mentora' }).first()
	const href = await mail.frameLocator('iframe').getByRole('link', { name: 'Confirm my address' }).getAttribute('href')
	await page.goto(href!)
	await page.getByRole('button', { name: 'Confirm my address' }).click()
	await expect(page).toHaveURL(/\/(dashboard|login)$/)
}

export async function logIn(page: Page, email: string, password: string) {
	await page.getByLabel('Email').fill(email)
	await page.getByLabel('Password').fill(password)
	await page.getByRole('button', { name: 'Log in' }).click()
}
