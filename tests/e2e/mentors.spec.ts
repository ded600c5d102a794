import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD, LENA, MAYA, logIn, signUp, uniquePerson } from './support'

test('a mentor edits their dossier and sees it on their public page', async ({ page }) => {
	const person = uniquePerson('Coach')
	await signUp(page, person, 'Mentor')
	await page.goto('/settings/profile')

	const headline = `Helps first-time founders raise ${person.name.split(' ')[1]}`
	await page.getByLabel('Headline').fill(headline)
	await page.getByLabel('Languages').fill('English, French')
	await page.getByRole('checkbox', { name: 'Fundraising' }).check()
	await page.getByRole('button', { name: 'Save profile' }).click()
	await expect(page.getByRole('status')).toContainText('Your profile is saved.')

	// Change the headline and swap a subject.
	await page.getByLabel('Headline').fill(`${headline}, and sell`)
	await page.getByRole('checkbox', { name: 'Fundraising' }).uncheck()
	await page.getByRole('checkbox', { name: 'Sales' }).check()
	await page.getByRole('button', { name: 'Save profile' }).click()
	await expect(page.getByRole('status')).toContainText('Your profile is saved.')
	await expect(page.getByLabel('Headline')).toHaveValue(`${headline}, and sell`)

	await page.getByRole('link', { name: 'View your public page' }).click()
	await expect(page.getByRole('heading', { level: 1, name: person.name })).toBeVisible()
	await expect(page.getByText(`${headline}, and sell`)).toBeVisible()
	const subjects = page.getByRole('list', { name: 'Subjects' })
	await expect(subjects.getByRole('listitem')).toHaveText(['Sales'])
	await expect(page.getByText('English, French')).toBeVisible()
})

test('a mentor without a language cannot save their dossier', async ({ page }) => {
	await signUp(page, uniquePerson('Quiet'), 'Mentor')
	await page.goto('/settings/profile')
	await page.getByLabel('Headline').fill('Anything')
	await page.getByRole('button', { name: 'Save profile' }).click()
	await expect(page.getByLabel('Languages')).toHaveAccessibleDescription(/Add at least one language you mentor in/)
})

test('a mentor’s public page is visible logged out, names their time zone and invites to log in', async ({ page }) => {
	await page.goto(`/mentors/${LENA.slug}`)
	await expect(page.getByRole('heading', { level: 1, name: LENA.name })).toBeVisible()
	await expect(page.getByText(/Europe\/Berlin \(GMT\+[12]\)/)).toBeVisible()
	const book = page.getByRole('link', { name: 'Log in to book a free intro' })
	await expect(book).toBeVisible()

	await book.click()
	await logIn(page, MAYA.email, DEMO_PASSWORD)
	await expect(page).toHaveURL(new RegExp(`/mentors/${LENA.slug}$`))
	await expect(page.getByRole('heading', { name: 'Free 20-minute intro' })).toBeVisible()
	// Maya's own time zone setting, not the browser's.
	await expect(page.getByText(/Times in America\/Los Angeles/)).toBeVisible()
})

test('an unknown mentor address shows a not-found page', async ({ page }) => {
	const response = await page.goto('/mentors/no-such-mentor')
	expect(response?.status()).toBe(404)
	await expect(page.getByText('We could not find a mentor at this address.')).toBeVisible()
})

test('the directory filters mentors by subject and by text, keeping filters in the URL', async ({ page }) => {
	await page.goto('/mentors')
	await page.getByLabel('Subject', { exact: true }).selectOption({ label: 'Data science' })
	await page.getByRole('button', { name: 'Search' }).click()
	await expect(page).toHaveURL(/subject=data-science/)
	const results = page.getByRole('list', { name: 'Mentors' })
	await expect(results.getByRole('link', { name: 'Priya Raman' })).toBeVisible()
	await expect(results.getByRole('link', { name: LENA.name })).toHaveCount(0)
	await expect(results.getByText('Asia/Kolkata')).toBeVisible()

	await page.goto('/mentors')
	await page.getByLabel('Search').fill('staff engineer')
	await page.getByRole('button', { name: 'Search' }).click()
	await expect(page).toHaveURL(/q=staff\+engineer/)
	await expect(results.getByRole('link', { name: 'Marcus Johnson' })).toBeVisible()
	await expect(results.getByRole('link', { name: 'Priya Raman' })).toHaveCount(0)

	await results.getByRole('link', { name: 'Marcus Johnson' }).click()
	await expect(page).toHaveURL(/\/mentors\/marcus-johnson$/)
	await expect(page.getByText(/America\/New York \(/)).toBeVisible()
})

test('on a phone a mentor’s public page shows the booking box before the bio, and beside it on a desktop', async ({ page }) => {
	const boxes = async () => ({
		booking: (await page.getByRole('complementary', { name: 'Booking' }).boundingBox())!,
		bio: (await page.getByRole('region', { name: 'About' }).boundingBox())!,
	})
	await page.setViewportSize({ width: 390, height: 844 })
	await page.goto(`/mentors/${LENA.slug}`)
	const phone = await boxes()
	expect(phone.booking.y).toBeLessThan(phone.bio.y)
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

	await page.setViewportSize({ width: 1366, height: 900 })
	const desktop = await boxes()
	expect(desktop.booking.x).toBeGreaterThan(desktop.bio.x + desktop.bio.width)
	expect(Math.abs(desktop.booking.y - desktop.bio.y)).toBeLessThan(2)
})

test('the directory finds mentors by language and city, filters by language, price and a free intro soon, and shows each card’s price and next intro', async ({ page }) => {
	const results = page.getByRole('list', { name: 'Mentors' })
	await page.goto('/mentors')
	await page.getByLabel('Search').fill('German')
	await page.getByRole('button', { name: 'Search' }).click()
	await expect(page).toHaveURL(/q=German/)
	await expect(results.getByRole('link', { name: LENA.name })).toBeVisible()
	await expect(results.getByRole('link', { name: 'Priya Raman' })).toHaveCount(0)

	await page.goto('/mentors?q=Berlin')
	await expect(results.getByRole('link', { name: LENA.name })).toBeVisible()
	await expect(results.getByRole('heading', { level: 2 })).toHaveCount(1)

	await page.goto('/mentors')
	await page.getByLabel('Language').selectOption('Hindi')
	await page.getByLabel('Price per session').selectOption({ label: 'Up to €50' })
	await page.getByRole('button', { name: 'Search' }).click()
	await expect(page).toHaveURL(/language=Hindi/)
	await expect(page).toHaveURL(/price=50/)
	const priya = results.getByRole('listitem').filter({ hasText: 'Priya Raman' })
	await expect(priya).toBeVisible()
	await expect(priya).toContainText('From €50.00 a session')
	await expect(page.getByRole('status')).toContainText('1 mentor speaking Hindi')

	// Lena's €55 sessions are over €50; her €60 ones too.
	await page.goto('/mentors?q=Lena&price=50')
	await expect(results).toHaveCount(0)
	await page.goto('/mentors?q=Lena&available=week')
	await expect(page.getByLabel('Free intro within 7 days')).toBeChecked()
	const lena = results.getByRole('listitem').filter({ hasText: LENA.name })
	await expect(lena).toContainText('From €55.00 a session')
	await expect(lena.getByRole('time')).toHaveText(/^\w{3} \d{1,2} \w{3,4} \d{4}, \d{2}:\d{2}$/)
})
