import { expect, test, type Page } from '@playwright/test'
import { insertEndedPaidSession } from './fixtures'
import { DEMO_PASSWORD, LENA, logIn } from './support'

const JONAS = 'jonas@mentora.test' // holds a bundle with Lena
const ADMIN = 'admin@mentora.test'

async function logInAs(page: Page, email: string) {
	await page.goto('/login')
	await logIn(page, email, DEMO_PASSWORD)
	await expect(page).toHaveURL(/\/dashboard$/)
}

/** "the mentee is told and may dispute within 48 hours; a disputed outcome holds the payout for an admin decision" */
test('a mentor marks a paid session as missed, the mentee disputes it from My sessions, and an admin overturns it', async ({ browser }) => {
	const sessionId = await insertEndedPaidSession({ mentorEmail: LENA.email, menteeEmail: JONAS, startsInMinutes: -8 * 60 })

	const mentor = await (await browser.newContext()).newPage()
	await logInAs(mentor, LENA.email)
	await mentor.goto('/sessions?tab=confirm')
	const toConfirm = mentor.locator(`#session-${sessionId}`)
	await toConfirm.getByRole('radio', { name: 'Mentee did not show' }).check()
	await toConfirm.getByRole('button', { name: 'Confirm session' }).click()
	await expect(mentor.getByRole('status')).toContainText('Session confirmed')

	const mentee = await (await browser.newContext()).newPage()
	await logInAs(mentee, JONAS)
	await mentee.goto(`/sessions?role=mentee#session-${sessionId}`)
	const card = mentee.locator(`#session-${sessionId}`)
	await expect(card).toContainText('Mentee did not show')
	await card.getByRole('button', { name: 'Dispute this outcome' }).click()
	// A dispute needs a note; the field says so and nothing is recorded.
	await expect(card.getByLabel('Not what happened? Dispute it')).toHaveAccessibleDescription(/Say what happened/)
	await card.getByLabel('Not what happened? Dispute it').fill('I waited in the meeting for 20 minutes; nobody came.')
	await card.getByRole('button', { name: 'Dispute this outcome' }).click()
	await expect(card).toContainText('You disputed this outcome: the payout waits for an admin’s decision.')

	const admin = await (await browser.newContext()).newPage()
	await logInAs(admin, ADMIN)
	await admin.goto('/admin/payouts')
	const dispute = admin.getByRole('listitem').filter({ hasText: 'I waited in the meeting for 20 minutes; nobody came.' })
	await expect(dispute).toContainText('did not show')
	await dispute.getByRole('button', { name: 'Mentor did not show: return the credit' }).click()
	await expect(admin.getByRole('status')).toContainText('The no-show is overturned')
	await expect(dispute).toHaveCount(0)

	await mentee.reload()
	await expect(card).toContainText('Mentor did not show')
	await expect(card).toContainText('An admin decided the dispute: the mentor did not show, the credit was returned.')
	for (const page of [mentor, mentee, admin]) await page.context().close()
})
