import { expect, test } from '@playwright/test'
import { signUp, uniquePerson } from './support'

// The headline's error appears when it loses focus, which is the moment the pointer presses the next
// control: the error must not push that control away before the press is released.
test('a too-long headline shows its error, and the subject clicked straight after is still checked', async ({ page }) => {
	await signUp(page, uniquePerson('Long'), 'Mentor')
	await page.goto('/settings/profile')

	const headline = page.getByLabel('Headline')
	await headline.click()
	await page.keyboard.insertText('A'.repeat(200))
	await expect(page.getByText('A headline has at most 120 characters.')).toHaveCount(0)

	const subject = page.getByRole('checkbox', { name: 'Fundraising' })
	await subject.click()
	await expect(subject).toBeChecked()
	await expect(headline).toHaveAccessibleDescription(/A headline has at most 120 characters\./)
	await expect(headline).toHaveAttribute('aria-invalid', 'true')
})

test.describe('on a phone, by touch', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true })

	test('a tapped subject after a too-long headline is still checked, and the error shown', async ({ page }) => {
		await signUp(page, uniquePerson('Phone'), 'Mentor')
		await page.goto('/settings/profile')

		const headline = page.getByLabel('Headline')
		await headline.click()
		await page.keyboard.insertText('B'.repeat(200))
		const subject = page.getByRole('checkbox', { name: 'Sales' })
		await subject.tap()
		await expect(subject).toBeChecked()
		await expect(headline).toHaveAccessibleDescription(/A headline has at most 120 characters\./)
	})
})
