import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { DEMO_PASSWORD, LENA, logIn } from './support'

/**
 * Every page of the README's page map, signed out and as each role that sees it, has no serious or
 * critical accessibility violation (axe-core), on a desktop and on a phone. The programme pages of
 * mentees and coordinators are in programme-accessibility.spec.ts. Each role logs in once and
 * walks both sizes, as the login throttle counts every attempt.
 */

const VIEWPORTS = [
	{ name: 'desktop', width: 1366, height: 900 },
	{ name: 'phone', width: 390, height: 844 },
]

const ADMIN = 'admin@mentora.test'
const MENTEE = 'jonas@mentora.test' // holds a bundle with Lena

async function signIn(page: Page, email: string) {
	await page.goto('/login')
	await logIn(page, email, DEMO_PASSWORD)
	await expect(page).toHaveURL(/\/dashboard$/)
}

const seriousOf = async (page: Page, axe: AxeBuilder = new AxeBuilder({ page })) =>
	(await axe.analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')

/** The serious and critical violations of each path, at each size, as one readable list. */
async function violationsOf(page: Page, paths: (string | (() => Promise<string>))[]): Promise<string[]> {
	const found: string[] = []
	for (const viewport of VIEWPORTS) {
		await page.setViewportSize(viewport)
		for (const entry of paths) {
			const path = typeof entry === 'string' ? entry : await entry()
			await page.goto(path)
			await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()
			// The mailbox shows each email in a sandboxed frame without scripts, which axe cannot enter
			// (it waits for ever); the emails are not pages of the app.
			const axe = path.startsWith('/dev/mailbox') ? new AxeBuilder({ page }).exclude('iframe') : new AxeBuilder({ page })
			for (const v of await seriousOf(page, axe))
				found.push(`${viewport.name} ${path}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')}) ${v.help}`)
		}
	}
	return found
}

test.describe.configure({ timeout: 240_000 })

test('pages seen signed out have no serious accessibility violation', async ({ page }) => {
	const paths = ['/', '/signup', '/login', '/forgot-password', '/reset-password/not-a-token', '/mentors', `/mentors/${LENA.slug}`, '/links/not-a-token', '/dev/mailbox']
	expect(await violationsOf(page, paths)).toEqual([])
})

test('pages a mentee sees have no serious accessibility violation', async ({ page }) => {
	await signIn(page, MENTEE)
	const firstBundle = async () => {
		await page.goto('/bundles')
		const href = await page.getByRole('listitem', { name: 'Bundle with Lena Hoffmann' }).getByRole('link').first().getAttribute('href')
		if (!href) throw new Error('the demo mentee holds no bundle with Lena')
		return href
	}
	// Lena's page shows Jonas only her paid calendar; Marcus's offers him intro slots to pick.
	const paths = ['/dashboard', '/mentors', `/mentors/${LENA.slug}`, '/mentors/marcus-johnson', '/sessions', '/relationships', '/bundles', firstBundle, '/settings', '/settings/profile', '/programmes']
	expect(await violationsOf(page, paths)).toEqual([])
})

test('pages a mentor sees have no serious accessibility violation', async ({ page }) => {
	await signIn(page, LENA.email)
	const paths = [
		'/dashboard',
		`/mentors/${LENA.slug}`,
		'/sessions?role=mentor&tab=upcoming',
		'/sessions?role=mentor&tab=all',
		'/sessions?role=mentor&tab=invitations',
		'/sessions?role=mentor&tab=confirm',
		'/relationships',
		'/settings',
		'/settings/profile',
		'/settings/availability?calendar=intro',
		'/settings/availability?calendar=paid',
		'/settings/bundles',
		'/settings/payouts',
		'/payouts',
		'/programmes',
	]
	expect(await violationsOf(page, paths)).toEqual([])
})

test('pages an admin sees have no serious accessibility violation', async ({ page }) => {
	await signIn(page, ADMIN)
	const paths = [
		'/dashboard',
		'/admin/relationships?filter=lapsed',
		'/admin/sessions?status=awaiting_confirmation',
		'/admin/bundles',
		'/admin/payouts',
		'/admin/reports',
		'/admin/reports?interval=week',
		'/programmes',
		'/programmes/leadership-2027',
		'/admin/programmes',
		'/admin/programmes/new',
		'/admin/programmes/riverside-volunteering',
		'/admin/programmes/riverside-volunteering/registrations',
		'/admin/programmes/riverside-volunteering/matching',
		'/dev/mailbox',
		'/settings',
	]
	expect(await violationsOf(page, paths)).toEqual([])

	// The phone's header menu, open, with the longest list of links.
	await page.setViewportSize(VIEWPORTS[1]!)
	await page.goto('/dashboard')
	await page.getByRole('navigation', { name: 'Main' }).locator('summary', { hasText: 'Menu' }).click()
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin: payouts' })).toBeVisible()
	expect((await seriousOf(page)).map((v) => `open menu: ${v.id} ${v.help}`)).toEqual([])
})
