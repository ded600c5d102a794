import { expect, test, type Page } from '@playwright/test'
import { DEMO_PASSWORD, logIn } from './support'

const MAYA = 'maya@mentora.test'
const ADMIN = 'admin@mentora.test'

async function logInAs(page: Page, email: string) {
	await page.goto('/login')
	await logIn(page, email, DEMO_PASSWORD)
	await expect(page).toHaveURL(/\/dashboard$/)
}

test('a mentee buys a bundle through the test checkout, and an admin refunds its unused sessions', async ({ page, browser }) => {
	// Maya's intro with Marcus was approved for continuation (demo data), so his offers are for sale to her.
	await logInAs(page, MAYA)
	await page.goto('/mentors/marcus-johnson')
	const bundles = page.getByRole('region', { name: 'Session bundles' })
	await expect(bundles.getByText('US$75.00 per session')).toBeVisible()
	await bundles.getByRole('button', { name: 'Buy 4 × 60 min for US$300.00' }).click()

	await expect(page.getByRole('heading', { name: 'Pay US$300.00' })).toBeVisible()
	await page.getByRole('button', { name: 'Use a card that is declined' }).click()
	await expect(page.getByRole('alert')).toHaveText('Your card was declined.')
	await page.getByRole('button', { name: 'Pay US$300.00' }).click()

	// Active only once the signed webhook arrived; the page looks again until it has.
	await expect(page).toHaveURL(/\/bundles\/[0-9a-f-]+\?checkout=success$/)
	await expect(page.getByRole('status')).toHaveText('Active')
	await expect(page.getByText('Thank you: your payment is confirmed')).toBeVisible()
	const bundleUrl = new URL(page.url()).pathname
	await expect(page.getByText('Sessions left')).toBeVisible()

	const adminPage = await browser.newPage()
	await logInAs(adminPage, ADMIN)
	await adminPage.goto(`/admin/bundles?q=${MAYA}`)
	const bundle = adminPage.getByRole('listitem', { name: 'Bundle of Maya Chen with Marcus Johnson' }).first()
	await bundle.getByLabel('Reason for the refund').fill('Changed plans before the first session')
	await bundle.getByRole('button', { name: 'Refund US$300.00 (whole bundle)' }).click()
	await bundle.getByRole('button', { name: 'Confirm refund of US$300.00' }).click()
	await expect(bundle.getByRole('status')).toHaveText('Refunded 4 sessions.')

	await page.goto(bundleUrl)
	await expect(page.getByRole('status')).toHaveText('Refunded')
	await expect(page.getByText('US$300.00 for 4 unused sessions')).toBeVisible()

	// Leaving a checkout says nothing was charged, and leads back to the mentor.
	await page.goto('/mentors/marcus-johnson')
	await page.getByRole('region', { name: 'Session bundles' }).getByRole('button', { name: 'Buy 4 × 60 min for US$300.00' }).click()
	await page.getByRole('button', { name: 'Back to Mentora' }).click()
	await expect(page).toHaveURL(/\/bundles\/[0-9a-f-]+\?checkout=cancelled$/)
	await expect(page.getByRole('status')).toHaveText('Not paid')
	await expect(page.getByText('You left the checkout, so nothing was charged.')).toBeVisible()
	await page.getByRole('link', { name: 'Back to Marcus Johnson' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Marcus Johnson' })).toBeVisible()
})

test('a mentor edits bundle offers and sees where their payouts stand', async ({ page }) => {
	await logInAs(page, 'sofia@mentora.test')
	await page.goto('/settings/bundles')
	const fresh = page.getByRole('region', { name: 'New offer' })
	await fresh.getByLabel('Sessions').fill('6')
	await fresh.getByLabel('Price per session').fill('40')
	await fresh.getByLabel('Currency').selectOption('usd')
	await fresh.getByRole('button', { name: 'Add offer' }).click()
	await expect(page.getByRole('status')).toHaveText('Offer saved.')
	await expect(page.getByText('6 × 60 min for US$240.00')).toBeVisible()

	await page.getByRole('form', { name: 'Edit 6 × 60 min' }).getByRole('button', { name: 'Retire offer' }).click()
	await expect(page.getByRole('status')).toHaveText('Offer retired.')
	await expect(page.getByText('6 × 60 min for US$240.00')).toHaveCount(0)

	await page.goto('/settings/payouts')
	await expect(page.getByRole('status')).toHaveText('Your Stripe account can receive payouts.')
	await page.goto('/payouts')
	await expect(page.getByRole('heading', { name: 'Payouts' })).toBeVisible()
})
