import { expect, test } from '@playwright/test'
import { signUp, uniquePerson } from './support'

test('a saved profile is confirmed by a toast that shows once: a reload does not repeat it, and it can be dismissed', async ({ page }) => {
	await signUp(page, uniquePerson('Toast'), 'Mentee')
	await page.goto('/settings/profile')
	await page.getByRole('button', { name: 'Save profile' }).click()
	const toast = page.getByRole('status').filter({ hasText: 'Your profile is saved.' })
	await expect(toast).toBeVisible()
	await expect(page).toHaveURL(/\/settings\/profile$/)

	await page.reload()
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	await expect(toast).toHaveCount(0)

	await page.getByRole('button', { name: 'Save profile' }).click()
	await expect(toast).toBeVisible()
	await toast.getByRole('button', { name: 'Dismiss' }).click()
	await expect(toast).toHaveCount(0)
})
