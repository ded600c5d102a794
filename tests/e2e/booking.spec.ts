import { expect, test, type Page } from '@playwright/test'
import { pickFirstTimeByKeyboard, tabTo } from './calendar'
import { insertIntro } from './fixtures'
import { DEMO_PASSWORD, LENA, logIn, signUp, uniquePerson } from './support'

/** The mentee books the first free intro slot on Lena's public page, by keyboard alone. */
async function bookIntroWithLena(page: Page, helpWith: string) {
	await page.goto(`/mentors/${LENA.slug}`)
	await expect(page.getByText(/Times in America\/Toronto/)).toBeVisible()
	const box = page.getByRole('region', { name: 'Free 20-minute intro' })
	await pickFirstTimeByKeyboard(page, box)
	await expect(box.getByText('20 minutes')).toBeVisible()
	await tabTo(page, page.getByLabel('What do you want help with?'))
	await page.keyboard.type(helpWith)
	await tabTo(page, page.getByLabel('Your background (optional)'))
	await page.keyboard.type('Senior engineer, about to lead a team.')
	await tabTo(page, page.getByLabel('What do you hope to achieve?'))
	await page.keyboard.type('Confidence in my first 90 days.')
	await tabTo(page, page.getByRole('button', { name: 'Request intro' }))
	await page.keyboard.press('Enter')
	await expect(page).toHaveURL(/\/sessions\?role=mentee$/)
	await expect(page.getByRole('status')).toContainText(`Intro requested with ${LENA.name}`)
}

async function logInAs(page: Page, email: string) {
	await page.goto('/login')
	await logIn(page, email, DEMO_PASSWORD)
	await expect(page).toHaveURL(/\/dashboard$/)
}

test('a mentee books an intro from a public profile and the mentor accepts it from Pending invitations', async ({ page, browser }) => {
	const mentee = uniquePerson('Booker')
	await signUp(page, mentee, 'Mentee')
	await bookIntroWithLena(page, `Help with leading ${mentee.name}`)
	const invitations = page.getByRole('region', { name: 'Intro invitations you sent' })
	await expect(invitations.getByRole('listitem', { name: `Intro with ${LENA.name}` })).toContainText('Invitation pending')

	// The profile now says why another intro cannot be booked.
	await page.goto(`/mentors/${LENA.slug}`)
	await expect(page.getByText(`You already have an intro with ${LENA.name}`)).toBeVisible()

	const mentor = await (await browser.newContext()).newPage()
	await logInAs(mentor, LENA.email)
	await mentor.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My sessions' }).click()
	await mentor.getByRole('link', { name: /^Pending invitations/ }).click()
	await expect(mentor).toHaveURL(/tab=invitations/)
	const card = mentor.getByRole('listitem', { name: `Intro with ${mentee.name}` })
	await expect(card).toContainText(`Help with leading ${mentee.name}`)
	await card.getByRole('button', { name: 'Accept invitation' }).click()
	await expect(mentor.getByRole('status')).toContainText('Invitation accepted')
	await expect(card).toHaveCount(0)

	await page.goto('/sessions')
	await expect(page.getByRole('region', { name: 'Upcoming sessions' }).getByRole('listitem', { name: `Intro with ${LENA.name}` })).toContainText('Scheduled')
})

test('a mentee sees why the mentor declined their intro', async ({ page, browser }) => {
	const mentee = uniquePerson('Declined')
	await signUp(page, mentee, 'Mentee')
	await bookIntroWithLena(page, 'Help me become a data scientist')

	const mentor = await (await browser.newContext()).newPage()
	await logInAs(mentor, LENA.email)
	await mentor.goto('/sessions?tab=invitations')
	const card = mentor.getByRole('listitem', { name: `Intro with ${mentee.name}` })
	const reason = 'Data science is outside what I mentor; Priya Raman is a great fit.'
	await card.getByLabel('Reason for declining').fill(reason)
	await card.getByRole('button', { name: 'Decline invitation' }).click()
	await expect(mentor.getByRole('status')).toContainText('Invitation declined')

	await page.goto('/sessions')
	const sent = page.getByRole('region', { name: 'Intro invitations you sent' }).getByRole('listitem', { name: `Intro with ${LENA.name}` })
	await expect(sent).toContainText('Declined')
	await expect(sent).toContainText(reason)
})

test('after an intro ended the mentor confirms it and approves continuation', async ({ page }) => {
	const mentee = uniquePerson('Ended')
	await signUp(page, mentee, 'Mentee')
	await insertIntro({ mentorEmail: LENA.email, menteeEmail: mentee.email, startsInMinutes: -5 * 60, status: 'scheduled' })

	await page.getByRole('button', { name: 'Log out' }).click()
	// Going to /login before the logout answered would find the mentee still logged in.
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' })).toBeVisible()
	await logInAs(page, LENA.email)
	await page.goto('/sessions?tab=confirm')
	const card = page.getByRole('listitem', { name: `Intro with ${mentee.name}` })
	await expect(card).toContainText('Awaiting confirmation')
	await card.getByRole('radio', { name: 'Completed' }).check()
	await card.getByRole('radio', { name: /^Approve continuation/ }).check()
	await card.getByRole('button', { name: 'Confirm session' }).click()
	await expect(page.getByRole('status')).toContainText('Session confirmed')
	await expect(card).toHaveCount(0)

	await page.getByRole('link', { name: 'All sessions' }).click()
	await expect(page).toHaveURL(/tab=all/)
	await page.getByRole('combobox', { name: 'Mentee' }).selectOption({ label: mentee.name })
	await page.getByRole('button', { name: 'Apply filters' }).click()
	await expect(page).toHaveURL(/tab=all.*mentee=/)
	const confirmed = page.getByRole('listitem', { name: `Intro with ${mentee.name}` })
	await expect(confirmed).toContainText('Completed')
	await expect(confirmed).toContainText('Continuation approved.')
})

test('a session inside 24 hours offers no cancel form and says why', async ({ page }) => {
	const mentee = uniquePerson('Late')
	await signUp(page, mentee, 'Mentee')
	await insertIntro({ mentorEmail: LENA.email, menteeEmail: mentee.email, startsInMinutes: 3 * 60, status: 'scheduled' })

	await page.goto('/sessions')
	const card = page.getByRole('region', { name: 'Upcoming sessions' }).getByRole('listitem', { name: `Intro with ${LENA.name}` })
	await expect(card).toContainText('Sessions can be cancelled up to 24 hours before they start. It is too late to cancel this one.')
	await expect(card.getByText('Cancel this session…')).toHaveCount(0)
	await expect(card).toContainText('Scheduled')
})

test('a mentor cancels a session four days ahead from the All tab', async ({ page, browser }) => {
	const mentee = uniquePerson('Far')
	await signUp(page, mentee, 'Mentee')
	await insertIntro({ mentorEmail: LENA.email, menteeEmail: mentee.email, startsInMinutes: 4 * 24 * 60, status: 'scheduled' })

	const mentorPage = await (await browser.newContext()).newPage()
	await logInAs(mentorPage, LENA.email)
	await mentorPage.goto('/sessions?role=mentor&tab=all')
	const card = mentorPage.getByRole('list', { name: 'Sessions' }).getByRole('listitem', { name: `Intro with ${mentee.name}` })
	await card.getByText('Cancel this session…').click()
	await card.getByLabel('Reason for cancelling (optional)').fill('A conflict came up.')
	await card.getByRole('button', { name: 'Cancel session' }).click()
	await expect(card).toContainText('Cancelled')
})
