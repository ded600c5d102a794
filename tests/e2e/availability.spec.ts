import { expect, test } from '@playwright/test'
import { insertIntro } from './fixtures'
import { signUp, uniquePerson } from './support'

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

test('a mentor adds a weekly window and sees its slots in the week view', async ({ page }) => {
	await signUp(page, uniquePerson('Planner'), 'Mentor')
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
	await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Availability' }).click()
	await expect(page.getByRole('heading', { name: 'Intro calendar' })).toBeVisible()
	await expect(page.getByText('No weekly windows yet')).toBeVisible()

	// A week from today is always inside the intro booking window (48 hours to 14 days).
	const inAWeek = new Date(Date.now() + 7 * 24 * 60 * 60_000)
	const weekday = WEEKDAYS[(inAWeek.getDay() + 6) % 7]!
	await page.getByRole('link', { name: 'Next week' }).click()
	const day = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${weekday.slice(0, 3)} `) }) })
	await expect(day).toContainText('No slots')

	await page.getByRole('button', { name: 'Add a weekly window' }).click()
	await page.getByLabel('Day').selectOption({ label: weekday })
	await page.getByLabel('From').fill('09:00')
	await page.getByLabel('Until').fill('10:00')
	await page.getByRole('button', { name: 'Save intro calendar' }).click()
	await expect(page.getByRole('status')).toContainText('Your intro calendar is saved.')

	await expect(day.getByRole('listitem')).toHaveText(['09:00', '09:20', '09:40'])
})

test('a window ending before it starts is refused on its row', async ({ page }) => {
	await signUp(page, uniquePerson('Backwards'), 'Mentor')
	await page.goto('/settings/availability?calendar=paid')
	await page.getByRole('button', { name: 'Add a weekly window' }).click()
	await page.getByLabel('From').fill('12:00')
	await page.getByLabel('Until').fill('11:00')
	await page.getByRole('button', { name: 'Save paid calendar' }).click()
	await expect(page.getByLabel('Until')).toHaveAccessibleDescription(/The end must be after the start/)
})

test('on a phone the availability page, the settings tabs and the session tabs fit the screen', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 })
	await signUp(page, uniquePerson('Phone'), 'Mentor')
	const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth)

	await page.goto('/settings/availability')
	await page.getByRole('button', { name: 'Add a weekly window' }).click()
	await page.getByLabel('Day').selectOption({ label: 'Wednesday' })
	expect(await pageWidth()).toBeLessThanOrEqual(390)
	for (const tab of await page.getByRole('navigation', { name: 'Settings' }).getByRole('link').all()) await expect(tab).toBeInViewport()
	// The day's name is readable, not cut to its first letters.
	const day = page.getByLabel('Day')
	expect(await day.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThanOrEqual(130)
	// Its Remove button sits on the screen's width, not off to the right.
	const remove = page.getByRole('button', { name: /^Remove/ }).first()
	await remove.scrollIntoViewIfNeeded()
	await expect(remove).toBeInViewport({ ratio: 1 })

	await page.goto('/sessions?role=mentor&tab=all')
	expect(await pageWidth()).toBeLessThanOrEqual(390)
	const tabs = page.getByRole('navigation', { name: 'Session lists' }).getByRole('link')
	await expect(tabs).toHaveCount(4)
	for (const tab of await tabs.all()) await expect(tab).toBeInViewport({ ratio: 1 })
})

// Past dates no longer change a slot: the form lists only those from today on, in the calendar's
// zone (here UTC+14, a day ahead of the server for half of it), and saving the form drops the rest.
test('blocked dates and extra windows before today are not listed, and saving the form drops them', async ({ page }) => {
	await signUp(page, uniquePerson('Past Dates'), 'Mentor')
	const timeZone = 'Pacific/Kiritimati'
	const dayIn = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + days * 24 * 60 * 60_000))
	const window = [{ start: '10:00', end: '11:00' }]
	const saved = await page.request.put('/api/v1/me/availability/intro', {
		data: {
			timeZone,
			weekly: [],
			overrides: [
				{ date: dayIn(-3), windows: window },
				{ date: dayIn(-2), blocked: true },
				{ date: dayIn(-1), blocked: true },
				{ date: dayIn(0), blocked: true },
				{ date: dayIn(1), blocked: true },
				{ date: dayIn(5), windows: window },
			],
		},
	})
	expect(saved.status(), await saved.text()).toBe(200)

	await page.goto('/settings/availability?calendar=intro')
	// The range that began two days ago reads from today.
	await expect(page.getByLabel('First day')).toHaveValue(dayIn(0))
	await expect(page.getByLabel('Last day (optional)')).toHaveValue(dayIn(1))
	await expect(page.getByLabel('Date', { exact: true })).toHaveValue(dayIn(5))
	await page.getByRole('button', { name: 'Save intro calendar' }).click()
	await expect(page.getByRole('status')).toContainText('Your intro calendar is saved.')

	const calendar = await (await page.request.get('/api/v1/me/availability/intro')).json()
	expect(calendar.overrides).toEqual(
		expect.arrayContaining([
			{ date: dayIn(0), blocked: true },
			{ date: dayIn(1), blocked: true },
			{ date: dayIn(5), windows: window },
		]),
	)
	expect(calendar.overrides).toHaveLength(3)
})

test('a mentor’s default meeting link shows on My sessions, and the mentor overrides it for one session', async ({ page, browser }) => {
	const mentee = uniquePerson('Located mentee')
	const menteeContext = await browser.newContext()
	const menteePage = await menteeContext.newPage()
	await signUp(menteePage, mentee, 'Mentee')
	const mentor = uniquePerson('Located mentor')
	await signUp(page, mentor, 'Mentor')
	await insertIntro({ mentorEmail: mentor.email, menteeEmail: mentee.email, startsInMinutes: 30 * 60, status: 'scheduled' })

	await page.goto('/settings/availability?calendar=intro')
	await page.getByLabel('Meeting link or place').fill('javascript:alert(1)')
	await page.getByRole('button', { name: 'Save intro calendar' }).click()
	await expect(page.getByLabel('Meeting link or place')).toHaveAccessibleDescription(/starts with https:\/\//)
	await page.getByLabel('Meeting link or place').fill('https://meet.example.com/default-room')
	await page.getByRole('button', { name: 'Save intro calendar' }).click()
	await expect(page.getByRole('status')).toContainText('Your intro calendar is saved.')

	await menteePage.goto('/sessions')
	const link = menteePage.getByRole('link', { name: /meet\.example\.com\/default-room/ })
	await expect(link).toHaveAttribute('href', 'https://meet.example.com/default-room')
	await expect(link).toHaveAttribute('target', '_blank')
	await expect(link).toHaveAttribute('rel', 'noopener noreferrer')

	await page.goto('/sessions?role=mentor&tab=upcoming')
	const card = page.getByRole('listitem', { name: /^Intro with Located mentee/ })
	await expect(card.getByRole('link', { name: /default-room/ })).toBeVisible()
	await card.getByText('Set where this session happens…').click()
	await card.getByLabel('Meeting link or place for this session').fill('Café Central, Vienna')
	await card.getByRole('button', { name: 'Save location' }).click()
	await expect(page.getByRole('status').first()).toContainText('Saved where the session happens')
	await expect(card).toContainText('Where: Café Central, Vienna')

	await menteePage.reload()
	await expect(menteePage.getByText('Where: Café Central, Vienna')).toBeVisible()
	await menteeContext.close()
})
