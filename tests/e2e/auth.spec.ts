import { expect, test, type Page } from '@playwright/test'
import { e2eBaseUrl } from './ports'
import { confirmAddress, DEMO_PASSWORD, LENA, logIn, signUp, uniquePerson } from './support'

const header = (page: Page) => page.getByRole('navigation', { name: 'Main' })

test('a visitor signs up as a mentee and lands on their dashboard', async ({ page }) => {
	const person = uniquePerson('Mentee')
	await page.goto('/signup')
	// The browser's own zone is preselected.
	await expect(page.getByLabel('Time zone')).toHaveValue('America/Toronto')
	await signUp(page, person, 'Mentee')
	await expect(page.getByText('No sessions yet. Browse mentors and book a free 20-minute intro.')).toBeVisible()
	await expect(page.getByRole('link', { name: 'Browse mentors' })).toHaveAttribute('href', '/mentors')
	await expect(header(page).getByRole('button', { name: 'Log out' })).toBeVisible()
})

test('a new mentee confirms her address before booking: the dashboard and the booking box say so and send the link again', async ({ page }) => {
	const person = uniquePerson('Unconfirmed')
	await signUp(page, person, 'Mentee', { verify: false })
	const notice = page.getByText(`Confirm your email address to book sessions: follow the link we sent to ${person.email}.`)
	await expect(notice).toBeVisible()
	await page.goto(`/mentors/${LENA.slug}`)
	await expect(page.getByText('Confirm your email address to book a free intro')).toBeVisible()
	await page.getByRole('button', { name: 'Send the link again' }).click()
	await expect(page.getByRole('status').filter({ hasText: `A new confirmation link is on its way to ${person.email}.` })).toBeVisible()
	await expect(page).toHaveURL(new RegExp(`/mentors/${LENA.slug}`))

	await confirmAddress(page, person.email)
	await expect(page.getByRole('status').filter({ hasText: 'is confirmed: you can book sessions now.' })).toBeVisible()
	await expect(page.getByText('Confirm your email address to book sessions')).toHaveCount(0)
	await page.goto(`/mentors/${LENA.slug}`)
	await expect(page.getByText('Confirm your email address to book a free intro')).toHaveCount(0)
})

test('a visitor signs up as a mentor from "Become a mentor" and is asked to complete their dossier', async ({ page }) => {
	const person = uniquePerson('Mentor')
	await page.goto('/')
	await page.getByRole('link', { name: 'Become a mentor' }).click()
	await expect(page.getByRole('radio', { name: /^Mentor/ })).toBeChecked()
	await page.getByLabel('Name').fill(person.name)
	await page.getByLabel('Email').fill(person.email)
	await page.getByLabel('Password').fill(person.password)
	await page.getByRole('button', { name: 'Create account' }).click()
	await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${person.name}` })).toBeVisible()
	await expect(page.getByText(/Complete your dossier so mentees can find you/)).toBeVisible()
	await page.getByRole('link', { name: 'View your public page' }).click()
	await expect(page.getByRole('heading', { level: 1, name: person.name })).toBeVisible()
})

test('signing up with an email that has an account says so on the email field', async ({ page }) => {
	await page.goto('/signup')
	await page.getByLabel('Name').fill('Someone Else')
	await page.getByLabel('Email').fill(LENA.email)
	await page.getByLabel('Password').fill('another password')
	await page.getByRole('button', { name: 'Create account' }).click()
	await expect(page.getByRole('alert')).toContainText('An account with that email already exists.')
	await expect(page.getByLabel('Email')).toHaveAccessibleDescription(/already exists/)
	await expect(page.getByLabel('Password')).toHaveValue('')
})

test('a demo mentor logs in and sees their dashboard', async ({ page }) => {
	await page.goto('/login')
	await logIn(page, LENA.email, DEMO_PASSWORD)
	await expect(page).toHaveURL(/\/dashboard$/)
	await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${LENA.name}` })).toBeVisible()
	await expect(page.getByRole('link', { name: 'View your public page' })).toHaveAttribute('href', `/mentors/${LENA.slug}`)
})

test('a wrong password and an unknown email get the same message', async ({ page }) => {
	await page.goto('/login')
	await logIn(page, LENA.email, 'not-the-password')
	const message = 'That email and password do not match an account.'
	await expect(page.getByRole('alert')).toHaveText(message)
	await expect(page.getByLabel('Password')).toHaveValue('')

	await logIn(page, `nobody-${Date.now()}@example.test`, 'not-the-password')
	await expect(page.getByRole('alert')).toHaveText(message)
	await expect(page).toHaveURL(/\/login/)
})

test('an unsafe redirectTo is ignored after login', async ({ page }) => {
	await page.goto('/login?redirectTo=//evil.example/steal')
	await logIn(page, LENA.email, DEMO_PASSWORD)
	await expect(page).toHaveURL(`${e2eBaseUrl()}/dashboard`)
})

test('logging out ends the session and the header offers to log in again', async ({ page }) => {
	await signUp(page, uniquePerson('Leaver'), 'Mentee')
	await header(page).getByRole('button', { name: 'Log out' }).click()
	await expect(page).toHaveURL(/\/$/)
	await expect(header(page).getByRole('link', { name: 'Log in' })).toBeVisible()
	await page.goto('/dashboard')
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/)
})

test('"Log out everywhere" ends the sessions in every browser', async ({ page, browser }) => {
	const person = uniquePerson('Traveller')
	await signUp(page, person, 'Mentee')

	const otherContext = await browser.newContext()
	const other = await otherContext.newPage()
	await other.goto('/login')
	await logIn(other, person.email, person.password)
	await expect(other.getByRole('heading', { level: 1, name: `Welcome, ${person.name}` })).toBeVisible()

	await page.goto('/settings')
	await page.getByRole('button', { name: 'Log out everywhere' }).click()
	await expect(page).toHaveURL(/\/login$/)
	await expect(header(page).getByRole('link', { name: 'Log in' })).toBeVisible()

	await other.goto('/dashboard')
	await expect(other).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/)
	await otherContext.close()
})

test('a sign-up with the hidden honeypot filled creates no account and gives no hint why', async ({ page }) => {
	const bot = uniquePerson('Bot')
	const response = await page.request.post('/signup', {
		form: { name: bot.name, email: bot.email, password: bot.password, role: 'mentee', timeZone: 'UTC', website: 'http://spam.example' },
		maxRedirects: 0,
	})
	expect(response.status()).toBe(302)
	expect(response.headers()['location']).toBe('/')
	expect(response.headers()['set-cookie']).toBeUndefined()

	await page.goto('/login')
	await logIn(page, bot.email, bot.password)
	await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account.')
})
