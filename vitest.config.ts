import { defineConfig } from 'vitest/config'

const alias = { '~': new URL('./app', import.meta.url).pathname }

export default defineConfig({
	resolve: { alias },
	test: {
		// Vitest's default is one worker fewer than the cores, a single one on a two-core runner; the
		// integration files mostly wait on PostgreSQL, and each has a database of its own.
		maxWorkers: 3,
		minWorkers: 1,
		projects: [
			{
				resolve: { alias },
				test: {
					name: 'unit',
					include: ['app/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'jobs/**/*.test.ts', 'emails/**/*.test.ts'],
					environment: 'node',
					// The property tests check thousands of instants each; beside the integration files on a
					// shared runner they take more than Vitest's default 5 s.
					testTimeout: 30_000,
				},
			},
			{
				resolve: { alias },
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/support/global-setup.ts'],
					setupFiles: ['tests/support/database.ts'],
					pool: 'forks',
					testTimeout: 30_000,
					hookTimeout: 60_000,
				},
			},
		],
	},
})
