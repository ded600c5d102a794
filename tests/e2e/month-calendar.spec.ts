import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { focusableDay, pickFirstTime, pickFirstTimeByKeyboard, tabTo } from './calendar'
import { DEMO_PASSWORD, LENA, logIn, signUp, uniquePerson } from './support'

/** Picking a time on a mentor's page: the month calendar, the day's times, the confirmation. */

const JONAS = 'jonas@mentora.test' // holds a bundle with Lena

async function seriousViolations(page: Page): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page }).analyze()
	return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test('the calendar moves by arrow keys, Home, End and PageDown, and names each day with its times', async ({ page }) => {
	await page.goto(`/mentors/${LENA.slug}`)
	const box = page.getByRole('region', { name: 'Free 20-minute intro' })
	const grid = box.getByRole('grid')
	await expect(focusableDay(box)).toHaveCount(1)
	await tabTo(page, focusableDay(box))
	const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '')
	const first = await focused()
	expect(first).toMatch(/: \d+ times?$/)

	await page.keyboard.press('ArrowRight')
	expect(await focused()).not.toBe(first)
	await page.keyboard.press('ArrowLeft')
	expect(await focused()).toBe(first)
	await page.keyboard.press('End')
	// Monday-first weeks in en-GB: End lands on a Sunday.
	expect(await focused()).toMatch(/^\d+Sunday/)
	await page.keyboard.press('Home')
	expect(await focused()).toMatch(/^\d+Monday/)
	// Days without times are announced so and cannot be chosen.
	await expect(grid.locator('td[aria-disabled="true"]').first()).toContainText('no times')
	// PageDown goes a month on, no further than the last day times are shown for.
	await page.keyboard.press('PageDown')
	expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="grid"]')))).toBe(true)
	expect(await focused()).not.toMatch(/^\d+Monday/)
	// Only one day is in the tab order.
	await expect(grid.locator('[tabindex="0"]')).toHaveCount(1)
})

test('an intro booked through the calendar by keyboard alone shows on My sessions', async ({ page }) => {
	const mentee = uniquePerson('Keys')
	await signUp(page, mentee, 'Mentee')
	await page.goto(`/mentors/${LENA.slug}`)
	const box = page.getByRole('region', { name: 'Free 20-minute intro' })
	await pickFirstTimeByKeyboard(page, box)
	// The choice is in the URL: a reload keeps it.
	await expect(page).toHaveURL(/[?&]start=/)
	await page.reload()
	await expect(box.getByRole('heading', { name: 'Confirm your intro' })).toBeVisible()
	await expect(box.getByText('America/Toronto', { exact: false }).first()).toBeVisible()

	await tabTo(page, page.getByLabel('What do you want help with?'))
	await page.keyboard.type('Growing into a staff role')
	await tabTo(page, page.getByLabel('What do you hope to achieve?'))
	await page.keyboard.type('A plan I believe in')
	await tabTo(page, page.getByRole('button', { name: 'Request intro' }))
	await page.keyboard.press('Enter')
	await expect(page).toHaveURL(/\/sessions\?role=mentee$/)
	const sent = page.getByRole('region', { name: 'Intro invitations you sent' })
	await expect(sent.getByRole('listitem', { name: `Intro with ${LENA.name}` })).toContainText('Invitation pending')
})

test('a mentee holding a bundle books a paid session through the calendar by keyboard alone', async ({ page }) => {
	await page.goto('/login')
	await logIn(page, JONAS, DEMO_PASSWORD)
	await expect(page).toHaveURL(/\/dashboard$/)
	await page.goto(`/mentors/${LENA.slug}`)
	const box = page.getByRole('region', { name: 'Book a paid session' })
	await pickFirstTimeByKeyboard(page, box)
	await expect(box.getByText(/^\d+ minutes$/)).toBeVisible()
	await tabTo(page, box.getByRole('button', { name: 'Book session (uses 1 credit)' }))
	await page.keyboard.press('Enter')
	await expect(box.getByRole('status').filter({ hasText: 'Session booked' })).toContainText('1 credit reserved')
	// The picking starts again from the calendar.
	await expect(box.getByRole('grid')).toBeVisible()
	await page.goto('/sessions?role=mentee')
	await expect(page.getByRole('region', { name: 'Upcoming sessions' }).getByRole('listitem', { name: `Paid session with ${LENA.name}` }).first()).toBeVisible()
})

test('on a phone the booking box comes right after the headline, and the confirmation takes the page’s width on a desktop', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 })
	await page.goto(`/mentors/${LENA.slug}`)
	const header = (await page.locator('article > header').boundingBox())!
	const booking = (await page.getByRole('complementary', { name: 'Booking' }).boundingBox())!
	const bio = (await page.getByRole('region', { name: 'About' }).boundingBox())!
	expect(booking.y).toBeGreaterThan(header.y + header.height - 1)
	expect(booking.y + booking.height).toBeLessThanOrEqual(bio.y)
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

	await page.setViewportSize({ width: 1366, height: 900 })
	const signedOut = page.getByRole('region', { name: 'Free 20-minute intro' })
	await expect(signedOut.getByRole('link', { name: 'Log in to book a free intro' })).toBeVisible()
	const mentee = uniquePerson('Wide')
	await signUp(page, mentee, 'Mentee')
	await page.goto(`/mentors/${LENA.slug}`)
	const box = page.getByRole('region', { name: 'Free 20-minute intro' })
	const column = (await box.boundingBox())!
	expect(column.x).toBeGreaterThan((await page.getByRole('region', { name: 'About' }).boundingBox())!.x + 300)
	await pickFirstTime(box)
	const wide = (await box.boundingBox())!
	expect(wide.width).toBeGreaterThan(column.width * 2)
	await page.setViewportSize({ width: 390, height: 844 })
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
})

test('axe finds nothing serious at any step, on a desktop and a phone', async ({ page }) => {
	test.setTimeout(120_000)
	const mentee = uniquePerson('Axe')
	await signUp(page, mentee, 'Mentee')
	for (const size of [
		{ width: 1366, height: 900 },
		{ width: 390, height: 844 },
	]) {
		await page.setViewportSize(size)
		await page.goto(`/mentors/${LENA.slug}`)
		const box = page.getByRole('region', { name: 'Free 20-minute intro' })
		await expect(focusableDay(box)).toHaveCount(1)
		expect(await seriousViolations(page)).toEqual([])
		await box.getByRole('grid').getByRole('link').first().click()
		await expect(box.getByRole('list', { name: /^Times on / })).toBeVisible()
		expect(await seriousViolations(page)).toEqual([])
		await box.getByRole('list', { name: /^Times on / }).getByRole('link').first().click()
		await expect(box.getByRole('heading', { name: 'Confirm your intro' })).toBeFocused()
		expect(await seriousViolations(page)).toEqual([])
	}
	// Signed out, the times are there to look at, without a scroll box.
	await page.setViewportSize({ width: 1366, height: 900 })
	await page.getByRole('button', { name: 'Log out' }).click()
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' })).toBeVisible()
	await page.goto(`/mentors/${LENA.slug}`)
	const box = page.getByRole('region', { name: 'Free 20-minute intro' })
	await expect(focusableDay(box)).toHaveCount(1)
	await box.getByRole('grid').getByRole('link').first().click()
	await expect(box.getByRole('list', { name: /^Times on / }).getByRole('link')).toHaveCount(0)
	expect(await seriousViolations(page)).toEqual([])
})

test('times follow the viewer’s locale and the zone picked on the page', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'en-US' })
	const page = await context.newPage()
	// The server's 12-hour text and the browser's agree: no hydration error.
	const errors: string[] = []
	page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
	const { slots } = await (await page.request.get(`/api/v1/mentors/${LENA.slug}/slots?type=intro`)).json()
	const firstDay = new Date(slots[0].start).toLocaleDateString('en-CA', { timeZone: 'America/Toronto' })
	await page.goto(`/mentors/${LENA.slug}?day=${firstDay}`)
	const box = page.getByRole('region', { name: 'Free 20-minute intro' })
	await expect(box.getByRole('list', { name: /^Times on / })).toBeVisible()
	await expect(focusableDay(box)).toHaveCount(1)
	expect(errors).toEqual([])
	await box.getByRole('grid').getByRole('link').first().click()
	const times = box.getByRole('list', { name: /^Times on / }).getByRole('listitem')
	await expect(times.first()).toHaveText(/^\d{1,2}:\d{2} (AM|PM)$/)
	const before = await times.first().textContent()
	// Sunday-first weeks in the US.
	await expect(box.getByRole('columnheader').first()).toHaveText('Sun')

	// Choosing a zone from the page's picker shows the times in it, without pressing Change.
	await page.getByRole('searchbox', { name: 'Find a city' }).fill('Kolkata')
	await expect(page.getByText('Times in Asia/Kolkata')).toBeVisible()
	await expect(page).toHaveURL(/tz=Asia%2FKolkata/)
	await box.getByRole('grid').getByRole('link').first().click()
	await expect(times.first()).not.toHaveText(before ?? '')
	await context.close()
})

test('without scripts the server renders each step from the URL, with days and times as links', async ({ browser }) => {
	const scripted = await browser.newContext()
	const signUpPage = await scripted.newPage()
	await signUp(signUpPage, uniquePerson('Plain'), 'Mentee')
	const context = await browser.newContext({ javaScriptEnabled: false, storageState: await scripted.storageState() })
	await scripted.close()
	const page = await context.newPage()
	await page.goto(`/mentors/${LENA.slug}`)
	const box = page.getByRole('region', { name: 'Free 20-minute intro' })
	await box.getByRole('grid').getByRole('link').first().click()
	await expect(page).toHaveURL(/[?&]day=\d{4}-\d{2}-\d{2}/)
	await box.getByRole('list', { name: /^Times on / }).getByRole('link').first().click()
	await expect(page).toHaveURL(/[?&]start=/)
	await expect(box.getByRole('heading', { name: 'Confirm your intro' })).toBeVisible()
	await page.getByLabel('What do you want help with?').fill('Leading without scripts')
	await page.getByLabel('What do you hope to achieve?').fill('A plan')
	await page.getByRole('button', { name: 'Request intro' }).click()
	await expect(page).toHaveURL(/\/sessions\?role=mentee$/)
	await context.close()
})
