import { chromium } from '@playwright/test'
const [,, path, out, width = '1366', email = 'carla@northwind.test'] = process.argv
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] })
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } })
const base = 'http://localhost:3310'
await page.goto(`${base}/login`)
await page.getByLabel('Email').fill(email)
await page.getByLabel('Password').fill('mentora-demo')
await page.getByRole('button', { name: /log in/i }).click()
await page.waitForLoadState('networkidle')
const t0 = Date.now()
const resp = await page.goto(`${base}${path}`)
console.log('status', resp.status(), 'ms', Date.now() - t0)
await page.screenshot({ path: out, fullPage: true })
await browser.close()
