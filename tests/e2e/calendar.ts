import { expect, type Locator, type Page } from '@playwright/test'

/** Presses Tab until `target` has the focus; fails after `max` presses. Returns how many it took. */
export async function tabTo(page: Page, target: Locator, max = 40): Promise<number> {
	for (let presses = 0; presses <= max; presses++) {
		if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return presses
		await page.keyboard.press('Tab')
	}
	throw new Error(`${String(target)} not reached in ${max} presses of Tab`)
}

/** The day of a booking box's calendar that is in the tab order; there once the page runs its scripts. */
export const focusableDay = (box: Locator) => box.getByRole('grid').locator('a[tabindex="0"], td[tabindex="0"]')

/** Picks the first day with times, then its first time, in a booking box, as most tests need it. */
export async function pickFirstTime(box: Locator) {
	await expect(focusableDay(box)).toHaveCount(1)
	await box.getByRole('grid').getByRole('link').first().click()
	await box.getByRole('list', { name: /^Times on / }).getByRole('link').first().click()
	await expect(box.getByRole('heading', { name: /^Confirm your / })).toBeFocused()
}

/** Books through a box's calendar by keyboard alone: Tab into the grid, Enter a day, Tab and Enter a time. */
export async function pickFirstTimeByKeyboard(page: Page, box: Locator) {
	const day = focusableDay(box)
	await expect(day).toHaveCount(1)
	await tabTo(page, day)
	await page.keyboard.press('Enter')
	await expect(box.getByRole('heading', { level: 3 }).and(page.locator(':focus'))).toHaveText(/\d/)
	await page.keyboard.press('Tab')
	const time = box.getByRole('list', { name: /^Times on / }).getByRole('link').first()
	await expect(time).toBeFocused()
	await page.keyboard.press('Enter')
	await expect(box.getByRole('heading', { name: /^Confirm your / })).toBeFocused()
}
