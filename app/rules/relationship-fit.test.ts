import { describe, expect, test } from 'vitest'
import { FitSchema, fitVerdict } from './relationship-fit'

const relationship = { mentorId: 'mentor', menteeId: 'mentee', status: 'confirmed', programmeId: 'programme' }

describe('fitVerdict', () => {
	test('its two people answer once a session is completed, while it is pending or confirmed', () => {
		for (const who of ['mentor', 'mentee']) {
			expect(fitVerdict(relationship, who, true)).toEqual({ ok: true })
			expect(fitVerdict({ ...relationship, status: 'pending' }, who, true)).toEqual({ ok: true })
		}
	})

	test('before the first completed session: not_yet; once ended or declined: invalid_transition', () => {
		expect(fitVerdict(relationship, 'mentee', false)).toMatchObject({ ok: false, code: 'not_yet' })
		expect(fitVerdict({ ...relationship, status: 'ended' }, 'mentee', true)).toMatchObject({ ok: false, code: 'invalid_transition' })
		expect(fitVerdict({ ...relationship, status: 'declined' }, 'mentor', true)).toMatchObject({ ok: false, code: 'invalid_transition' })
	})

	test('anyone else, and any relationship of no programme, is not_found before anything else is said', () => {
		expect(fitVerdict({ ...relationship, status: 'ended' }, 'stranger', false)).toMatchObject({ ok: false, code: 'not_found' })
		expect(fitVerdict({ ...relationship, programmeId: null }, 'mentee', true)).toMatchObject({ ok: false, code: 'not_found' })
	})

	test('the three answers and nothing else', () => {
		for (const answer of ['good_fit', 'still_deciding', 'not_a_good_fit']) expect(FitSchema.safeParse({ answer }).success).toBe(true)
		for (const answer of ['Good fit', '', null, 1]) expect(FitSchema.safeParse({ answer }).success).toBe(false)
	})
})
