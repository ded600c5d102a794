import { freePort } from '../../server/free-port'

/**
 * The ports of one end-to-end run: the app, its embedded PostgreSQL and the Stripe emulator. The
 * Playwright config picks free ones once and puts them in the environment, which the test
 * workers and the server (tests/e2e/serve.ts) inherit; MENTORA_E2E_PORT_BASE fixes them instead
 * (base, base + 1, base + 2).
 */
export type E2ePorts = { app: number; postgres: number; stripe: number }

const VARIABLES = { app: 'MENTORA_E2E_APP_PORT', postgres: 'MENTORA_E2E_PG_PORT', stripe: 'MENTORA_E2E_STRIPE_PORT' } as const

/** Chooses the run's ports (once per run: later calls read them back from the environment). */
export async function chooseE2ePorts(): Promise<E2ePorts> {
	if (!process.env[VARIABLES.app]) {
		const base = Number(process.env.MENTORA_E2E_PORT_BASE)
		const ports = Number.isInteger(base) && base > 0 ? [base, base + 1, base + 2] : await Promise.all([freePort(), freePort(), freePort()])
		process.env[VARIABLES.app] = String(ports[0])
		process.env[VARIABLES.postgres] = String(ports[1])
		process.env[VARIABLES.stripe] = String(ports[2])
	}
	return e2ePorts()
}

/** The ports chosen by the Playwright config for this run. */
export function e2ePorts(): E2ePorts {
	const read = (name: string) => {
		const port = Number(process.env[name])
		if (!Number.isInteger(port) || port <= 0) throw new Error(`${name} is not set: run the e2e tests through Playwright (npm run test:e2e).`)
		return port
	}
	return { app: read(VARIABLES.app), postgres: read(VARIABLES.postgres), stripe: read(VARIABLES.stripe) }
}

export const e2eBaseUrl = () => `http://127.0.0.1:${e2ePorts().app}`
