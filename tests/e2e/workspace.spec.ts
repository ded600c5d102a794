import { expect, test, type Browser, type Page } from '@playwright/test'
import { DEMO_PASSWORD, LENA, logIn } from './support'

/**
 * Two people in one workspace, each in a browser of their own: the mentee asks a question, the
 * mentor sees it arrive live (no reload) and answers it, and the mentee sees the answer arrive and
 * the question leave the open questions.
 */

const JONAS = { email: 'jonas@mentora.test', name: 'Jonas Weber' }

async function openWorkspace(browser: Browser, email: string, otherName: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage()
	await page.goto('/login')
	await logIn(page, email, DEMO_PASSWORD)
	await expect(page).toHaveURL(/\/dashboard$/)
	await page.goto('/relationships')
	await page.getByRole('listitem', { name: new RegExp(otherName) }).getByRole('link', { name: /Open the workspace/ }).click()
	await expect(page.getByRole('heading', { level: 1, name: `${LENA.name} (mentor) and ${JONAS.name} (mentee)` })).toBeVisible()
	return page
}

test('a question asked in one browser arrives live in the other, is answered there, and shows answered', async ({ browser }) => {
	const mentee = await openWorkspace(browser, JONAS.email, LENA.name)
	const mentor = await openWorkspace(browser, LENA.email, JONAS.name)
	const question = `Can we go over my **promotion case** (${Date.now().toString(36)})?`
	const shown = question.replace(/\*\*/g, '')

	await mentee.getByLabel('Message', { exact: true }).fill(question)
	await mentee.getByLabel('Mark as a question').check()
	await mentee.getByRole('button', { name: 'Send' }).click()
	await expect(mentee.getByLabel('Message', { exact: true })).toHaveValue('')

	// The mentor's page was not reloaded: the message arrives over the live stream.
	const timeline = mentor.getByRole('list', { name: 'Timeline' })
	const item = timeline.getByRole('listitem').filter({ hasText: shown })
	await expect(item).toBeVisible({ timeout: 10_000 })
	await expect(item.getByRole('strong')).toHaveText('promotion case')
	await expect(mentor.getByRole('region', { name: /Open questions/ })).toContainText('promotion case')

	await item.getByText('Answer', { exact: true }).click()
	await item.getByLabel('Your answer').fill('Yes: bring the draft on Thursday.')
	await item.getByRole('button', { name: 'Send answer' }).click()
	await expect(timeline.getByRole('paragraph').filter({ hasText: 'Yes: bring the draft on Thursday.' })).toBeVisible()

	await expect(mentee.getByRole('list', { name: 'Timeline' }).getByRole('paragraph').filter({ hasText: 'Yes: bring the draft on Thursday.' })).toBeVisible({ timeout: 10_000 })
	await expect(mentee.getByRole('list', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: shown })).toContainText('Question · answered')
})
