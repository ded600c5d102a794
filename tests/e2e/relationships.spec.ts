import { expect, test } from '@playwright/test'
import { insertPendingMatch } from './fixtures'
import { signUp, uniquePerson } from './support'

test('a mentee and a mentor each confirm a pending match from Relationships; it is confirmed only once both have', async ({ page, browser }) => {
	const mentee = uniquePerson('Matched Mentee')
	const mentor = uniquePerson('Matched Mentor')
	await signUp(page, mentee, 'Mentee')
	const mentorPage = await (await browser.newContext()).newPage()
	await signUp(mentorPage, mentor, 'Mentor')
	await insertPendingMatch({ mentorEmail: mentor.email, menteeEmail: mentee.email })

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Relationships' }).click()
	await expect(page).toHaveURL(/\/relationships$/)
	const asMentee = page.getByRole('listitem', { name: `Mentor: ${mentor.name}` })
	await expect(asMentee).toContainText('Pending')
	await expect(asMentee).toContainText('Neither of you has confirmed yet.')
	await asMentee.getByRole('button', { name: 'Confirm relationship' }).click()
	await expect(page.getByRole('status')).toContainText('it starts once the other side confirms too')
	await expect(asMentee).toContainText(`You confirmed; waiting for ${mentor.name}.`)
	await expect(asMentee).toContainText('Pending')
	await expect(asMentee.getByRole('button', { name: 'Confirm relationship' })).toHaveCount(0)

	await mentorPage.goto('/relationships')
	const asMentor = mentorPage.getByRole('listitem', { name: `Mentee: ${mentee.name}` })
	await expect(asMentor).toContainText(`${mentee.name} confirmed; waiting for you.`)
	await asMentor.getByRole('button', { name: 'Confirm relationship' }).click()
	await expect(mentorPage.getByRole('status')).toContainText('Relationship confirmed')
	await expect(asMentor).toContainText('Confirmed')
	await expect(asMentor).toContainText('Both of you confirmed.')

	await page.reload()
	await expect(asMentee).toContainText('Both of you confirmed.')
	await expect(asMentee.getByRole('button', { name: 'Decline relationship' })).toHaveCount(0)
})
