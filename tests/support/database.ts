/** Gives this test file a fresh database cloned from the migrated template. */
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { afterAll, beforeAll, inject } from 'vitest'
import { TEMPLATE_DATABASE } from './template'

const serverUrl = inject('databaseServerUrl')
const name = `test_${randomBytes(6).toString('hex')}`
const url = new URL(serverUrl)
url.pathname = `/${name}`
process.env.DATABASE_URL = url.toString()
process.env.STRIPE_EMULATOR_PORT = String(inject('stripeEmulatorPort'))

beforeAll(async () => {
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
	try {
		for (let attempt = 0; ; attempt++) {
			try {
				await admin.unsafe(`create database ${name} template ${TEMPLATE_DATABASE}`)
				break
			} catch (error) {
				// Two files cloning the template at the same instant may briefly collide; try again.
				if (attempt >= 20) throw error
				await new Promise((r) => setTimeout(r, 100 + Math.random() * 200))
			}
		}
	} finally {
		await admin.end()
	}
})

afterAll(async () => {
	const [{ closeDb }, { stopBoss }, { closeRequestBudgets }] = await Promise.all([
		import('../../db/client'),
		import('../../jobs/queue.server'),
		import('../../app/services/request-budget.server'),
	])
	await stopBoss()
	await closeDb()
	await closeRequestBudgets()
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
	await admin.unsafe(`drop database if exists ${name} with (force)`)
	await admin.end()
})
