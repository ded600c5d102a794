import { expect, test, type Page } from '@playwright/test'
import { moveScheduledSession } from './fixtures'
import { DEMO_PASSWORD, LENA, logIn, signUp, uniquePerson } from './support'
import { pickFirstTime } from './calendar'

/**
 * Issue 4's whole journey, clicked as people click it: intro → accepted → confirmed with
 * continuation → bundle bought at the test checkout → paid session booked, cancelled and re-booked
 * → confirmed → payout released to the mentor → unused credits refunded by an admin, seen by the
 * mentee. Only time passing is written straight into the database.
 */

const ADMIN = 'admin@mentora.test'

async function logInAs(page: Page, email: string) {
	await page.goto('/login')
	await logIn(page, email, DEMO_PASSWORD)
	await expect(page).toHaveURL(/\/dashboard$/)
}

async function confirmEnded(mentor: Page, title: string, options: { approveContinuation: boolean }) {
	await mentor.goto('/sessions?tab=confirm')
	const card = mentor.getByRole('listitem', { name: title })
	await expect(card).toContainText('Awaiting confirmation')
	await card.getByRole('radio', { name: 'Completed' }).check()
	if (options.approveContinuation) await card.getByRole('radio', { name: /^Approve continuation/ }).check()
	await card.getByRole('button', { name: 'Confirm session' }).click()
	await expect(mentor.getByRole('status')).toContainText('Session confirmed')
	await expect(card).toHaveCount(0)
}

/** The mentee books the first paid slot on Lena's page; the page says a credit was reserved. */
async function bookFirstPaidSlot(page: Page, leftAfter: number) {
	await page.goto(`/mentors/${LENA.slug}`)
	const box = page.getByRole('region', { name: 'Book a paid session' })
	await pickFirstTime(box)
	await box.getByRole('button', { name: 'Book session (uses 1 credit)' }).click()
	await expect(box.getByRole('status')).toContainText(`1 credit reserved: ${leftAfter} of 4 sessions left on your bundle.`)
}

test('a new mentee goes from a free intro to a paid session whose payout is released, then gets the unused credits refunded', async ({ page, browser }) => {
	test.setTimeout(60_000)
	const mentee = uniquePerson('Journey')
	await signUp(page, mentee, 'Mentee')

	// A free intro from Lena's public profile.
	await page.goto(`/mentors/${LENA.slug}`)
	await pickFirstTime(page.getByRole('region', { name: 'Free 20-minute intro' }))
	await page.getByLabel('What do you want help with?').fill('Leading my first team.')
	await page.getByLabel('What do you hope to achieve?').fill('A plan for my first 90 days.')
	await page.getByRole('button', { name: 'Request intro' }).click()
	await expect(page.getByRole('status')).toContainText(`Intro requested with ${LENA.name}`)

	// Lena accepts it from Pending invitations.
	const mentor = await (await browser.newContext()).newPage()
	await logInAs(mentor, LENA.email)
	await mentor.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My sessions' }).click()
	await mentor.getByRole('link', { name: /^Pending invitations/ }).click()
	const invitation = mentor.getByRole('listitem', { name: `Intro with ${mentee.name}` })
	await invitation.getByRole('button', { name: 'Accept invitation' }).click()
	await expect(mentor.getByRole('status')).toContainText('Invitation accepted')

	// The intro took place; Lena confirms it and approves continuing.
	await moveScheduledSession({ mentorEmail: LENA.email, menteeEmail: mentee.email, type: 'intro', startsInMinutes: -433 })
	await confirmEnded(mentor, `Intro with ${mentee.name}`, { approveContinuation: true })

	// The mentee buys Lena's 4-session bundle through the test checkout; the receipt shows it active.
	await page.goto(`/mentors/${LENA.slug}`)
	await page.getByRole('region', { name: 'Session bundles' }).getByRole('button', { name: 'Buy 4 × 60 min for €240.00' }).click()
	await page.getByRole('button', { name: 'Pay €240.00' }).click()
	await expect(page).toHaveURL(/\/bundles\/[0-9a-f-]+\?checkout=success$/)
	await expect(page.getByRole('status')).toHaveText('Active')
	const bundleUrl = new URL(page.url()).pathname

	// A paid session from Lena's paid calendar, cancelled (more than 24 hours ahead) and booked again.
	await bookFirstPaidSlot(page, 3)
	await page.getByRole('link', { name: 'See my sessions' }).click()
	const upcoming = page.getByRole('region', { name: 'Upcoming sessions' }).getByRole('listitem', { name: `Paid session with ${LENA.name}` })
	await upcoming.getByText('Cancel this session…').click()
	await upcoming.getByRole('button', { name: 'Cancel session' }).click()
	await expect(page.getByRole('status')).toContainText('Session cancelled')
	await bookFirstPaidSlot(page, 3)

	// The session took place; Lena confirms it, and the payout job releases her share (€60 × 80 %).
	await moveScheduledSession({ mentorEmail: LENA.email, menteeEmail: mentee.email, type: 'paid', startsInMinutes: -697 })
	await confirmEnded(mentor, `Paid session with ${mentee.name}`, { approveContinuation: false })
	await mentor.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payouts' }).click()
	const payout = mentor.getByRole('row').filter({ hasText: mentee.name })
	await expect(payout).toContainText('€48.00')
	await expect
		.poll(
			async () => {
				await mentor.reload()
				return payout.textContent()
			},
			{ timeout: 15_000, intervals: [250, 500, 1000] },
		)
		.toContain('Released')

	// An admin refunds the three unused sessions, with a reason.
	const admin = await (await browser.newContext()).newPage()
	await logInAs(admin, ADMIN)
	await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin: bundles' }).click()
	await admin.getByLabel('Search by mentee, mentor or bundle id').fill(mentee.email)
	await admin.getByRole('button', { name: 'Search' }).click()
	const bundle = admin.getByRole('listitem', { name: `Bundle of ${mentee.name} with ${LENA.name}` })
	await bundle.getByLabel('Reason for the refund').fill('Moving abroad; one session was enough for now.')
	await bundle.getByRole('button', { name: 'Refund €180.00 (3 unused sessions)' }).click()
	// Nothing moves before the admin confirms the amount.
	await expect(bundle.getByRole('status')).toHaveText('Refund €180.00 for 3 unused sessions?')
	await bundle.getByRole('button', { name: 'Confirm refund of €180.00' }).click()
	await expect(bundle.getByRole('status')).toHaveText('Refunded 3 sessions.')

	// The mentee sees the refund in their bundles and on the receipt.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My bundles' }).click()
	const mine = page.getByRole('listitem', { name: `Bundle with ${LENA.name}` })
	await expect(mine).toContainText('Refunded €180.00 for 3 unused sessions.')
	await mine.getByRole('link', { name: `4 × 60 min with ${LENA.name}` }).click()
	await expect(page).toHaveURL(bundleUrl)
	// One session was used before the refund of the other three.
	await expect(page.getByRole('status')).toHaveText('Partly refunded')
	await expect(page.getByText('€180.00 for 3 unused sessions')).toBeVisible()
	await expect(page.getByText('Moving abroad; one session was enough for now.')).toBeVisible()
})
