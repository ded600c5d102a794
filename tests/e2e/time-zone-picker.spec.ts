import { expect, test } from '@playwright/test'

test('typing a city in the time zone picker finds its zone, shown by its current name and offset', async ({ page }) => {
	await page.goto('/signup')
	const zone = page.getByLabel('Time zone')
	await expect(zone).toHaveValue('America/Toronto')
	await expect(zone.locator('optgroup[label="Asia"] option[value="Asia/Kolkata"]')).toHaveText('Kolkata (UTC+05:30)')
	await expect(zone.locator('option[value="Asia/Calcutta"]')).toHaveCount(0)

	const find = page.getByRole('searchbox', { name: 'Find a city' })
	await find.fill('Kolkata')
	await expect(zone).toHaveValue('Asia/Kolkata')
	await find.fill('Kiev')
	await expect(zone).toHaveValue('Europe/Kyiv')
	await find.fill('New York')
	await expect(zone).toHaveValue('America/New_York')
	await find.fill('Atlantis')
	await expect(page.getByRole('status').filter({ hasText: 'No zone matches “Atlantis”' })).toBeVisible()
	await expect(zone).toHaveValue('America/New_York')
})
