import { expect, test } from '@playwright/test'
import { logIn, signUp, uniquePerson } from './support'

/** A person who forgot their password resets it from the email in the local mailbox, and only the new one works. */
test('a forgotten password is reset from the mailbox; the other browser is signed out and the old password no longer works', async ({ page, browser }) => {
	const person = uniquePerson('Forgetful')
	await signUp(page, person, 'Mentee')

	const other = await (await browser.newContext()).newPage()
	await other.goto('/login')
	await other.getByRole('link', { name: 'Forgot your password?' }).click()
	// The login form has an Email field too: wait for the new page before filling one in.
	await expect(other.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible()
	await other.getByLabel('Email').fill(person.email)
	await other.getByRole('button', { name: 'Send the link' }).click()
	await expect(other.getByRole('status')).toContainText(`If an account exists for ${person.email}`)

	await other.goto('/dev/mailbox')
	await other.getByLabel('Recipient').fill(person.email)
	await other.getByRole('button', { name: 'Filter' }).click()
	const email = other.getByRole('article').filter({ hasText: 'Reset your Mentora password' })
	await expect(email).toHaveCount(1)
	const href = await email.frameLocator('iframe').getByRole('link', { name: 'Choose a new password' }).getAttribute('href')
	await other.goto(href!)
	await expect(other.getByText(`For ${person.email}.`)).toBeVisible()
	await other.getByLabel('New password', { exact: true }).fill('a new long passphrase')
	await other.getByLabel('New password again').fill('a different passphrase')
	await other.getByRole('button', { name: 'Set the new password' }).click()
	await expect(other.getByLabel('New password again')).toHaveAccessibleDescription(/The two passwords differ/)
	await other.getByLabel('New password', { exact: true }).fill('a new long passphrase')
	await other.getByLabel('New password again').fill('a new long passphrase')
	await other.getByRole('button', { name: 'Set the new password' }).click()
	await expect(other).toHaveURL(/\/dashboard$/)

	// The first browser's session was revoked.
	await page.goto('/dashboard')
	await expect(page).toHaveURL(/\/login\?redirectTo=/)
	await page.getByLabel('Email').fill(person.email)
	await page.getByLabel('Password').fill(person.password)
	await page.getByRole('button', { name: 'Log in' }).click()
	await expect(page.getByRole('alert')).toContainText('That email and password do not match an account.')
	await logIn(page, person.email, 'a new long passphrase')
	await expect(page).toHaveURL(/\/dashboard$/)

	// The link worked once.
	await other.goto(href!)
	await expect(other.getByRole('alert')).toContainText('already used')
	await other.close()
})
