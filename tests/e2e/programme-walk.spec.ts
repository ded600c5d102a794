import { expect, test, type Browser, type Page } from '@playwright/test'
import { DEMO_PASSWORD, logIn, signUp, uniquePerson } from './support'

/**
 * Issue 9's walk through the programme half, clicked as people click it: an admin creates a
 * programme, a mentee and a mentor register, the coordinator validates both, runs the cohort
 * assignment and applies it, both confirm the match, and both registrations show "In progress".
 * The validation email is read in the local mailbox and its link followed.
 */

const ADMIN = 'admin@mentora.test'

async function newPage(browser: Browser) {
	return (await browser.newContext()).newPage()
}

/** A fresh person with the dossier matching needs: a shared language and a subject. */
async function participant(page: Page, label: string, role: 'Mentee' | 'Mentor') {
	const person = uniquePerson(label)
	await signUp(page, person, role)
	await page.goto('/settings/profile')
	await page.getByLabel('Headline').fill(role === 'Mentor' ? 'Leads a platform team of twelve' : 'New team lead')
	await page.getByLabel('Languages').fill('English, German')
	await page.getByRole('checkbox', { name: 'Leadership' }).check()
	await page.getByRole('button', { name: 'Save profile' }).click()
	await expect(page.getByRole('status')).toContainText('Your profile is saved.')
	return person
}

async function register(page: Page, slug: string, name: string, role: 'mentee' | 'mentor') {
	await page.goto('/programmes')
	await page.getByRole('listitem', { name }).getByRole('link', { name }).click()
	await expect(page).toHaveURL(new RegExp(`/programmes/${slug}$`))
	const form = page.getByRole('form', { name: `Register as ${role}` })
	await form.getByLabel('Motivation (optional)').fill(role === 'mentor' ? 'I want to give back.' : 'I want to grow as a lead.')
	await form.getByRole('button', { name: `Register as ${role}` }).click()
	await expect(page.getByRole('status')).toContainText(`You are registered as ${role}`)
	await expect(page.getByRole('list', { name: `Journey as ${role}` }).locator('[aria-current="step"]')).toHaveText(/Application/)
}

test('admin creates a programme; mentee and mentor register; the coordinator validates, assigns and applies; both confirm and are in progress', async ({ page, browser }) => {
	test.setTimeout(120_000)
	const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
	const slug = `leaders-${suffix}`
	const name = `Leaders ${suffix}`

	// The admin creates the programme on its page.
	await page.goto('/login')
	await logIn(page, ADMIN, DEMO_PASSWORD)
	await expect(page).toHaveURL(/\/dashboard$/)
	await page.goto('/admin/programmes/new')
	await page.getByLabel('Name').fill(name)
	await page.getByLabel('Slug').fill(slug)
	await page.getByLabel('Description and content').fill('A cohort for **new leads**.')
	await page.getByRole('radio', { name: /^Admin/ }).check()
	await page.getByRole('button', { name: 'Create programme' }).click()
	await expect(page).toHaveURL(new RegExp(`/admin/programmes/${slug}(\\?|$)`))

	const menteePage = await newPage(browser)
	const mentee = await participant(menteePage, 'Walk Mentee', 'Mentee')
	await register(menteePage, slug, name, 'mentee')
	const mentorPage = await newPage(browser)
	const mentor = await participant(mentorPage, 'Walk Mentor', 'Mentor')
	await register(mentorPage, slug, name, 'mentor')

	// The coordinator (here the admin) validates both registrations from the table.
	await page.goto(`/admin/programmes/${slug}/registrations`)
	const table = page.getByRole('region', { name: 'Registrations table' })
	for (const who of [mentee, mentor]) {
		await table.getByRole('button', { name: `Validate ${who.name}` }).click()
		await expect(page.getByRole('status')).toContainText(`${who.name}'s registration is validated`)
	}

	// The validation email is in the local mailbox, and its link opens the programme.
	const reader = await newPage(browser)
	await reader.goto('/dev/mailbox')
	await reader.getByLabel('Recipient').fill(mentee.email)
	await reader.getByRole('button', { name: 'Filter' }).click()
	const email = reader.getByRole('article').filter({ hasText: `Your registration for ${name} is validated` })
	await expect(email).toHaveCount(1)
	const href = await email.frameLocator('iframe').getByRole('link').first().getAttribute('href')
	expect(href).toBeTruthy()
	await menteePage.goto(href!)
	await expect(menteePage.getByRole('heading', { level: 1, name })).toBeVisible()
	await expect(menteePage.getByRole('list', { name: 'Journey as mentee' }).locator('[aria-current="step"]')).toHaveText(/Searching/)

	// The cohort assignment runs, is reviewed and applied.
	await page.goto(`/admin/programmes/${slug}/matching`)
	await page.getByRole('button', { name: 'Run the cohort assignment' }).click()
	const pairs = page.getByRole('region', { name: 'Proposed pairs' })
	await expect(pairs).toContainText(mentee.name, { timeout: 30_000 })
	await expect(pairs).toContainText(mentor.name)
	await page.getByRole('button', { name: /^Apply: propose these 1 pairs?/ }).click()
	await expect(page.getByRole('status')).toContainText('1')

	// Both confirm the match on Relationships.
	for (const [p, other, side] of [
		[menteePage, mentor, 'Mentor'],
		[mentorPage, mentee, 'Mentee'],
	] as const) {
		await p.goto('/relationships')
		const card = p.getByRole('listitem', { name: `${side}: ${other.name}` })
		await card.getByRole('button', { name: 'Confirm relationship' }).click()
		await expect(p.getByRole('status')).toBeVisible()
	}

	// Both registrations are in progress, on their page and in the coordinator's table.
	for (const [p, role] of [
		[menteePage, 'mentee'],
		[mentorPage, 'mentor'],
	] as const) {
		await p.goto(`/programmes/${slug}`)
		await expect(p.getByRole('list', { name: `Journey as ${role}` }).locator('[aria-current="step"]')).toHaveText(/In progress/)
	}
	await page.goto(`/admin/programmes/${slug}/registrations`)
	for (const who of [mentee, mentor]) await expect(table.getByRole('row').filter({ hasText: who.name })).toContainText(/In progress/i)
})
