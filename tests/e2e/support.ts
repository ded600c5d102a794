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

export async function signUp(page: Page, person: { name: string; email: string; password: string }, role: 'Mentee' | 'Mentor') {
	await page.goto('/signup')
	await page.getByLabel('Name').fill(person.name)
	await page.getByLabel('Email').fill(person.email)
	await page.getByLabel('Password').fill(person.password)
	await page.getByRole('radio', { name: new RegExp(`^${role}`) }).check()
	await page.getByRole('button', { name: 'Create account' }).click()
	await expect(page).toHaveURL(/\/dashboard$/)
	await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${person.name}` })).toBeVisible()
}

export async function logIn(page: Page, email: string, password: string) {
	await page.getByLabel('Email').fill(email)
	await page.getByLabel('Password').fill(password)
	await page.getByRole('button', { name: 'Log in' }).click()
}
