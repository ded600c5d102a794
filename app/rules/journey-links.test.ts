import { describe, expect, test } from 'vitest'
import {
	checkChoice,
	checkLink,
	foundYourMatchKey,
	isPastGrace,
	isWellFormedToken,
	linkExpiresAt,
	MANAGER_LINK_LIFETIME_DAYS,
	openChoices,
	PARTNER_LINK_LIFETIME_DAYS,
	quarterOf,
	quarterlyReflectionKey,
	REFLECTION_LINK_LIFETIME_DAYS,
} from './journey-links'

const NOW = new Date('2027-02-01T09:00:00Z')
const DAY = 24 * 3_600_000
const when = (at: Date) => at.toISOString()

describe('journey links', () => {
	test('each purpose lasts its own named lifetime from the moment it is issued', () => {
		expect(linkExpiresAt('manager_validation', NOW).getTime() - NOW.getTime()).toBe(MANAGER_LINK_LIFETIME_DAYS * DAY)
		expect(linkExpiresAt('partner_confirmation', NOW).getTime() - NOW.getTime()).toBe(PARTNER_LINK_LIFETIME_DAYS * DAY)
		expect(linkExpiresAt('reflection', NOW).getTime() - NOW.getTime()).toBe(REFLECTION_LINK_LIFETIME_DAYS * DAY)
	})

	test('a manager approves into progress and rejects back to searching, only while validation is awaited', () => {
		const base = { purpose: 'manager_validation' as const, managerValidation: true }
		expect(checkChoice({ ...base, choice: 'approve', status: 'awaiting_manager_validation' })).toMatchObject({ ok: true, status: 'in_progress', actor: 'manager' })
		expect(checkChoice({ ...base, choice: 'reject', status: 'awaiting_manager_validation' })).toMatchObject({ ok: true, status: 'searching' })
		expect(checkChoice({ ...base, choice: 'approve', status: 'withdrawn' })).toMatchObject({ ok: false, code: 'invalid_transition' })
		expect(openChoices({ ...base, status: 'in_progress' })).toEqual([])
		expect(openChoices({ ...base, status: 'awaiting_manager_validation' })).toEqual(['approve', 'reject'])
	})

	test('a link offers only its own buttons: a partner link cannot approve, a manager link cannot confirm', () => {
		expect(checkChoice({ purpose: 'partner_confirmation', choice: 'approve', status: 'awaiting_manager_validation', managerValidation: true })).toMatchObject({ ok: false, code: 'not_allowed' })
		expect(checkChoice({ purpose: 'manager_validation', choice: 'confirm', status: 'awaiting_confirmation', managerValidation: true })).toMatchObject({ ok: false, code: 'not_allowed' })
		expect(checkChoice({ purpose: 'partner_confirmation', choice: 'confirm', status: 'awaiting_confirmation', managerValidation: false })).toMatchObject({ ok: true, status: 'completed', actor: 'partner' })
	})

	test('the reflection link ends the mission from in progress and adds dates while periods are open', () => {
		const base = { purpose: 'reflection' as const, managerValidation: false }
		expect(checkChoice({ ...base, choice: 'mission_ended', status: 'in_progress' })).toMatchObject({ ok: true, status: 'awaiting_confirmation', actor: 'participant' })
		expect(checkChoice({ ...base, choice: 'add_dates', status: 'in_progress' })).toMatchObject({ ok: true, action: null, status: 'in_progress' })
		expect(checkChoice({ ...base, choice: 'add_dates', status: 'completed' })).toMatchObject({ ok: false, code: 'periods_not_open' })
		expect(openChoices({ ...base, status: 'awaiting_confirmation' })).toEqual(['add_dates'])
	})

	test('a used link says what it did and when, even once expired; an unused one expires at its instant', () => {
		const used = { expiresAt: new Date(NOW.getTime() - DAY), usedAt: new Date('2027-01-20T10:00:00Z'), usedFor: 'reject' }
		const check = checkLink(used, NOW, when)
		expect(check).toMatchObject({ ok: false, code: 'link_used' })
		expect(!check.ok && check.message).toContain('the engagement was rejected on 2027-01-20T10:00:00.000Z')
		expect(checkLink({ expiresAt: NOW, usedAt: null, usedFor: null }, NOW, when)).toMatchObject({ ok: false, code: 'link_expired' })
		expect(checkLink({ expiresAt: new Date(NOW.getTime() + 1), usedAt: null, usedFor: null }, NOW, when)).toEqual({ ok: true })
	})

	test('only a token of the issued shape is looked up', () => {
		expect(isWellFormedToken('a'.repeat(43))).toBe(true)
		expect(isWellFormedToken('a'.repeat(42))).toBe(false)
		expect(isWellFormedToken(`${'a'.repeat(42)}=`)).toBe(false)
		expect(isWellFormedToken(`${'a'.repeat(42)}/`)).toBe(false)
	})

	test('reminders are keyed by registration and UTC month or quarter, and wait a week after entering the status', () => {
		expect(foundYourMatchKey('r1', new Date('2027-01-31T23:59:59Z'))).toBe('found-your-match:r1:2027-01')
		expect(foundYourMatchKey('r1', new Date('2027-02-01T00:00:00Z'))).toBe('found-your-match:r1:2027-02')
		expect(quarterOf(new Date('2027-03-31T23:59:59Z'))).toBe('2027-Q1')
		expect(quarterOf(new Date('2027-04-01T00:00:00Z'))).toBe('2027-Q2')
		expect(quarterOf(new Date('2027-12-31T12:00:00Z'))).toBe('2027-Q4')
		expect(quarterlyReflectionKey('r1', NOW)).toBe('quarterly-reflection:r1:2027-Q1')
		expect(isPastGrace(new Date(NOW.getTime() - 7 * DAY), NOW)).toBe(true)
		expect(isPastGrace(new Date(NOW.getTime() - 7 * DAY + 1), NOW)).toBe(false)
	})
})
