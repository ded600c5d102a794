import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD, logIn } from './support'

/**
 * A coordinator opens the demo programme's report, narrows it to mentors, sees the numbers change
 * with the filter kept in the URL, and downloads the registrations CSV of the same period and
 * filter, which holds exactly the registrations the report counted.
 */

const COORDINATOR = 'carla@northwind.test'

test('the programme report: charts with tables, a filter that changes the numbers, and a CSV that matches them', async ({ page }) => {
	await page.goto('/login')
	await logIn(page, COORDINATOR, DEMO_PASSWORD)
	await expect(page).toHaveURL(/\/dashboard$/)
	await page.goto('/admin/programmes/leadership-2027/registrations')
	await page.getByRole('navigation', { name: 'Leadership 2027 administration' }).getByRole('link', { name: 'Report' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Report · Leadership 2027' })).toBeVisible()

	const made = page.getByRole('region', { name: 'Registrations by status', exact: true }).getByRole('definition').first()
	const everyone = Number(await made.textContent())
	expect(everyone).toBeGreaterThan(0)
	// The chart's table carries the same numbers, one row per step of the journey, adding up to the total.
	const table = page.getByRole('table', { name: /Registrations by status/ })
	const cells = await table.locator('tbody td').allTextContents()
	expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(everyone)
	await expect(page.getByRole('img', { name: /Registrations by status/ })).toBeVisible()

	await page.getByLabel('Role').selectOption('mentor')
	await page.getByRole('button', { name: 'Show report' }).click()
	await expect(page).toHaveURL(/role=mentor/)
	await expect(page.getByText('Mentors only.')).toBeVisible()
	const mentors = Number(await made.textContent())
	expect(mentors).toBeGreaterThan(0)
	expect(mentors).toBeLessThan(everyone)

	const download = page.waitForEvent('download')
	await page.getByRole('navigation', { name: 'Export CSV' }).getByRole('link', { name: 'Registrations follow-up' }).click()
	const file = await (await download).path()
	const [header, ...rows] = parse(await readFile(file, 'utf8'), { bom: true }) as string[][]
	expect(header).toContain('role')
	const role = header!.indexOf('role')
	expect(rows).toHaveLength(mentors)
	expect(new Set(rows.map((row) => row[role]))).toEqual(new Set(['mentor']))
})
