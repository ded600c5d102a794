import { defineConfig, devices } from '@playwright/test'
import { chooseE2ePorts } from './tests/e2e/ports'

const BASE_URL = `http://127.0.0.1:${(await chooseE2ePorts()).app}`
const TIME_ZONE = 'America/Toronto'

/**
 * The specs that book, log in as or write sessions for the demo mentor Lena: they pick her first
 * free slot, so they run one after another. The accessibility walks only read the demo data; each
 * of their tests runs on whichever worker is free. Every other spec brings its own people and runs
 * beside the Lena specs on the second worker.
 */
const WITH_LENA = /\/(auth|booking|disputes|journey|mentors|month-calendar|refusals)\.spec\.ts$/
const READ_ONLY = /\/(accessibility|programme-accessibility)\.spec\.ts$/

const chromium = {
	...devices['Desktop Chrome'],
	launchOptions: {
		executablePath: '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--headless=new',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	},
}

/**
 * End-to-end tests in Debian's Chromium (no browser download), against the built app on a fresh
 * embedded PostgreSQL (tests/e2e/serve.ts). Run `npm run build` first; `npm test` does.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	workers: 2,
	fullyParallel: false,
	forbidOnly: Boolean(process.env.CI),
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	use: {
		baseURL: BASE_URL,
		trace: 'retain-on-failure',
		timezoneId: TIME_ZONE,
		locale: 'en-GB',
		// The client-hint cookie the app would otherwise set with a reload on the first visit.
		storageState: {
			cookies: [
				{
					name: 'CH-time-zone',
					value: encodeURIComponent(TIME_ZONE),
					domain: '127.0.0.1',
					path: '/',
					expires: -1,
					httpOnly: false,
					secure: false,
					sameSite: 'Lax',
				},
			],
			origins: [],
		},
	},
	projects: [
		{ name: 'with-lena', testMatch: WITH_LENA, workers: 1, use: chromium },
		{ name: 'own-people', testIgnore: [WITH_LENA, READ_ONLY], workers: 1, use: chromium },
		{ name: 'read-only', testMatch: READ_ONLY, fullyParallel: true, use: chromium },
	],
	webServer: {
		command: 'npx tsx tests/e2e/serve.ts',
		url: `${BASE_URL}/`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
	},
})
