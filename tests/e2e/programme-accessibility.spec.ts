import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { DEMO_PASSWORD, logIn } from './support'

/**
 * The programme pages, on the demo organisation's data, have no serious or critical accessibility
 * violation (axe-core), on a desktop and on a phone.
 */

const COORDINATOR = 'carla@northwind.test'
const MENTEE = 'noah.schmidt@northwind.test'

async function signIn(page: Page, email: string) {
	await page.goto('/login')
	await logIn(page, email, DEMO_PASSWORD)
	await expect(page).toHaveURL(/\/dashboard$/)
}

async function expectAccessible(page: Page, path: string) {
	await page.goto(path)
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	const { violations } = await new AxeBuilder({ page }).analyze()
	const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
	expect(serious.map((v) => `${path}: ${v.id} (${v.nodes.length}) ${v.help}`)).toEqual([])
}

for (const viewport of [
	{ name: 'desktop', width: 1366, height: 900 },
	{ name: 'phone', width: 390, height: 844 },
]) {
	test(`programme pages have no serious accessibility violation on a ${viewport.name}`, async ({ page }) => {
		test.setTimeout(90_000)
		await page.setViewportSize(viewport)
		await signIn(page, MENTEE)
		for (const path of ['/programmes', '/programmes/leadership-2027', '/programmes/riverside-volunteering']) await expectAccessible(page, path)

		await page.context().clearCookies()
		await signIn(page, COORDINATOR)
		for (const path of [
			'/admin/programmes',
			'/admin/programmes/leadership-2027',
			'/admin/programmes/leadership-2027/registrations',
			'/admin/programmes/leadership-2027/matching',
			'/admin/programmes/leadership-2027/report',
			'/admin/programmes/leadership-2027/report?preset=last_30_days&role=mentee',
		])
			await expectAccessible(page, path)
	})
}
