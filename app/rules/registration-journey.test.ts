import { describe, expect, test } from 'vitest'
import { FINAL_REGISTRATION_STATUSES, REGISTRATION_STATUSES, type RegistrationStatus } from '../../db/schema/programmes'
import { actionOnPeriodAdded, checkPeriodsOpen, FINAL_STATUSES, JOURNEY, nextStatus, type JourneyAction, type JourneyActor } from './registration-journey'

const ACTORS: JourneyActor[] = ['coordinator', 'participant', 'manager', 'partner', 'system']
const ACTIONS = Object.keys(JOURNEY) as JourneyAction[]

/** PRODUCT.md's table, written out: (from, action) → to, with who may take it. */
const TABLE: [RegistrationStatus, JourneyAction, RegistrationStatus, JourneyActor[]][] = [
	['application', 'validate', 'searching', ['coordinator']],
	['application', 'decline', 'declined', ['coordinator']],
	['searching', 'match_found', 'in_progress', ['participant', 'coordinator', 'system']],
	['awaiting_manager_validation', 'manager_approve', 'in_progress', ['manager']],
	['awaiting_manager_validation', 'manager_reject', 'searching', ['manager']],
	['in_progress', 'end', 'awaiting_confirmation', ['participant']],
	['awaiting_confirmation', 'confirm', 'completed', ['participant', 'partner']],
	['in_progress', 'match_ended', 'searching', ['system']],
	['awaiting_manager_validation', 'match_ended', 'searching', ['system']],
	...(['application', 'searching', 'awaiting_manager_validation', 'in_progress', 'awaiting_confirmation'] as const).map(
		(from) => [from, 'withdraw', 'withdrawn', ['participant']] as [RegistrationStatus, JourneyAction, RegistrationStatus, JourneyActor[]],
	),
]

describe('registration journey', () => {
	test('every (status, action, actor) is exactly as the table says: allowed with its target, or refused', () => {
		for (const status of REGISTRATION_STATUSES) {
			for (const action of ACTIONS) {
				for (const actor of ACTORS) {
					const row = TABLE.find(([from, a]) => from === status && a === action)
					const result = nextStatus({ status, action, actor, managerValidation: false })
					if (!JOURNEY[action].by.includes(actor)) {
						expect(result, `${actor} ${action}`).toMatchObject({ ok: false, code: 'not_allowed' })
					} else if (!row) {
						expect(result, `${action} from ${status}`).toMatchObject({ ok: false, code: 'invalid_transition' })
					} else {
						expect(row[3]).toContain(actor)
						expect(result).toEqual({ ok: true, status: row[2] })
					}
				}
			}
		}
	})

	test('who may take each step is who the table names', () => {
		for (const action of ACTIONS) {
			const named = new Set(TABLE.filter(([, a]) => a === action).flatMap(([, , , by]) => by))
			expect([...JOURNEY[action].by].sort(), action).toEqual([...named].sort())
		}
	})

	test('a match found waits for the manager where the programme asks for it', () => {
		expect(nextStatus({ status: 'searching', action: 'match_found', actor: 'participant', managerValidation: true })).toEqual({
			ok: true,
			status: 'awaiting_manager_validation',
		})
	})

	test('a registration is validated once: validating it again is an invalid transition', () => {
		const once = nextStatus({ status: 'application', action: 'validate', actor: 'coordinator', managerValidation: false })
		expect(once).toEqual({ ok: true, status: 'searching' })
		expect(nextStatus({ status: 'searching', action: 'validate', actor: 'coordinator', managerValidation: false })).toMatchObject({
			ok: false,
			code: 'invalid_transition',
			message: 'This registration is searching: it cannot be validated now.',
		})
	})

	test('final statuses are never left', () => {
		expect([...FINAL_STATUSES].sort()).toEqual([...FINAL_REGISTRATION_STATUSES].sort())
		for (const status of FINAL_STATUSES) {
			for (const action of ACTIONS) {
				for (const actor of ACTORS) expect(nextStatus({ status, action, actor, managerValidation: true }).ok).toBe(false)
			}
		}
	})

	test('engagement dates are added from validation until the registration is final; while searching they mean a match was found', () => {
		expect(checkPeriodsOpen('application')).toMatchObject({ ok: false, code: 'periods_not_open' })
		for (const status of FINAL_STATUSES) expect(checkPeriodsOpen(status)).toMatchObject({ ok: false, code: 'periods_not_open' })
		for (const status of ['searching', 'awaiting_manager_validation', 'in_progress', 'awaiting_confirmation'] as const) {
			expect(checkPeriodsOpen(status)).toEqual({ ok: true })
		}
		expect(actionOnPeriodAdded('searching')).toBe('match_found')
		expect(actionOnPeriodAdded('in_progress')).toBeNull()
	})
})
