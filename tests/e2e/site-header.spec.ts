import { expect, test, type Page } from '@playwright/test'
import { signUp, uniquePerson } from './support'

/** The site header: its links in one row on a desktop, folded into a Menu disclosure on a phone. */

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1366, height: 900 }

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' })
const menuButton = (page: Page) => mainNav(page).locator('summary', { hasText: 'Menu' })
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

async function expectHeaderOneRow(page: Page) {
	const brand = await mainNav(page).getByRole('link', { name: 'Mentora' }).boundingBox()
	const menu = await menuButton(page).boundingBox()
	const header = await page.getByRole('banner').boundingBox()
	expect(brand && menu && header).toBeTruthy()
	// The brand and the menu button share one row, and the header is no taller than that row.
	expect(Math.abs(brand!.y + brand!.height / 2 - (menu!.y + menu!.height / 2))).toBeLessThan(4)
	expect(header!.height).toBeLessThan(Math.max(brand!.height, menu!.height) * 2)
}

test.describe('on a phone', () => {
	test.use({ viewport: PHONE })

	test('the header is one row with a Menu button that opens the links and closes on navigation, on Escape and on a tap outside', async ({ page }) => {
		await signUp(page, uniquePerson('Header'), 'Mentee')
		await expectHeaderOneRow(page)
		const settings = mainNav(page).getByRole('link', { name: 'Settings' })
		await expect(settings).toBeHidden()
		expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width)

		await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false')
		const menuId = await menuButton(page).getAttribute('aria-controls')
		await menuButton(page).click()
		await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'true')
		const menu = page.locator(`#${menuId}`)
		for (const name of ['Mentors', 'Dashboard', 'My sessions', 'Relationships', 'Programmes', 'My bundles', 'Settings'])
			await expect(menu.getByRole('link', { name })).toBeInViewport({ ratio: 1 })
		await expect(menu.getByRole('button', { name: 'Log out' })).toBeVisible()
		expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width)

		// Escape closes it and leaves the focus on the button; so does a tap outside it.
		await page.keyboard.press('Escape')
		await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false')
		await expect(menuButton(page)).toBeFocused()
		await menuButton(page).click()
		await page.mouse.click(10, 500)
		await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false')

		await menuButton(page).click()
		await settings.click()
		await expect(page).toHaveURL(/\/settings/)
		await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false')
		await expect(settings).toBeHidden()
		await expectHeaderOneRow(page)
		expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width)
	})
})

test.describe('on a phone without JavaScript', () => {
	test.use({ viewport: PHONE, javaScriptEnabled: false })

	test('the Menu button still opens the links, and a link navigates', async ({ page }) => {
		await page.goto('/')
		await expectHeaderOneRow(page)
		await menuButton(page).click()
		await mainNav(page).getByRole('link', { name: 'Mentors' }).click()
		await expect(page).toHaveURL(/\/mentors$/)
		await expect(mainNav(page).getByRole('link', { name: 'Log in' })).toBeHidden()
	})
})

test('on a desktop the links stay in one row of the header, with no Menu button', async ({ page }) => {
	await page.setViewportSize(DESKTOP)
	await page.goto('/')
	await expect(menuButton(page)).toBeHidden()
	const tops: number[] = []
	for (const name of ['Mentora', 'Mentors', 'Log in', 'Sign up']) {
		const link = mainNav(page).getByRole('link', { name, exact: true })
		await expect(link).toBeVisible()
		const box = (await link.boundingBox())!
		tops.push(box.y + box.height / 2)
	}
	expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(4)
})
