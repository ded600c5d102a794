import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	actorOf,
	checkActor,
	checkBooker,
	checkBookingWindow,
	checkCancellation,
	checkClearOfSessions,
	checkConfirmation,
	checkIntroQuota,
	checkIntroWindow,
	checkTransition,
	creditEffect,
	effectiveStatus,
	QUOTA_STATUSES,
	quotaMonth,
	TRANSITIONS,
	type Actor,
} from './booking-rules'
import { SESSION_STATUSES } from '../../db/schema/bookings'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const now = new Date('2027-03-10T09:00:00Z')
const at = (ms: number) => new Date(now.getTime() + ms)
const codeOf = (v: { ok: boolean; code?: string }) => (v.ok ? 'ok' : v.code)

describe('intro booking window', () => {
	test('48 hours to 14 days ahead, both edges included', () => {
		expect(codeOf(checkIntroWindow(at(48 * HOUR - MINUTE), now))).toBe('too_soon')
		expect(codeOf(checkIntroWindow(at(48 * HOUR), now))).toBe('ok')
		expect(codeOf(checkIntroWindow(at(14 * DAY), now))).toBe('ok')
		expect(codeOf(checkIntroWindow(at(14 * DAY + MINUTE), now))).toBe('too_far')
	})

	test('the refusal says what the rule is', () => {
		const verdict = checkIntroWindow(at(HOUR), now)
		expect(verdict).toEqual({ ok: false, code: 'too_soon', message: 'Intro sessions must be booked at least 48 hours ahead.' })
		expect(checkIntroWindow(at(15 * DAY), now)).toMatchObject({ message: 'Intro sessions can be booked at most 14 days ahead.' })
	})

	test('every lead is refused exactly when it lies outside [48 h, 14 d]', () => {
		fc.assert(
			fc.property(fc.integer({ min: -DAY, max: 20 * DAY }), (lead) => {
				const inside = lead >= 48 * HOUR && lead <= 14 * DAY
				expect(checkIntroWindow(at(lead), now).ok).toBe(inside)
			}),
		)
	})

	test('the paid window is the calendar setting', () => {
		const window = { minLeadMinutes: 1440, maxLeadMinutes: 86400 }
		expect(codeOf(checkBookingWindow(at(24 * HOUR - 1), now, window))).toBe('too_soon')
		expect(codeOf(checkBookingWindow(at(24 * HOUR), now, window))).toBe('ok')
		expect(codeOf(checkBookingWindow(at(60 * DAY), now, window))).toBe('ok')
		expect(codeOf(checkBookingWindow(at(60 * DAY + 1), now, window))).toBe('too_far')
	})
})

describe('intro quota', () => {
	test('three per month; the fourth is refused', () => {
		expect(checkIntroQuota(2).ok).toBe(true)
		expect(codeOf(checkIntroQuota(3))).toBe('intro_quota_exceeded')
	})

	test('rejected, expired and cancelled intros do not count; the rest do', () => {
		expect([...QUOTA_STATUSES].sort()).toEqual(
			SESSION_STATUSES.filter((s) => !['rejected', 'expired', 'cancelled'].includes(s)).sort(),
		)
	})

	test('the month is the month of the start in the mentee’s zone', () => {
		const newYearInTokyo = new Date('2026-12-31T16:30:00Z')
		expect(quotaMonth(newYearInTokyo, 'Asia/Tokyo')).toBe('2027-01')
		expect(quotaMonth(newYearInTokyo, 'Europe/Berlin')).toBe('2026-12')
		expect(quotaMonth(new Date('2027-04-01T03:00:00Z'), 'America/Los_Angeles')).toBe('2027-03')
	})

	test('in any zone, the quota month is the local calendar month of the start', () => {
		const zones = Intl.supportedValuesOf('timeZone')
		const monthIn = (instant: Date, timeZone: string) => {
			const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(instant)
			return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`
		}
		fc.assert(
			fc.property(
				fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z'), noInvalidDate: true }),
				fc.constantFrom(...zones),
				(instant, zone) => {
					expect(quotaMonth(instant, zone)).toBe(monthIn(instant, zone))
				},
			),
			{ numRuns: 500 },
		)
	})
})

describe('cancellation', () => {
	test('mentee and mentor until exactly 24 hours before; 23h59m is too late', () => {
		for (const actor of ['mentee', 'mentor'] as const) {
			expect(codeOf(checkCancellation({ startsAt: at(24 * HOUR), now, actor }))).toBe('ok')
			expect(codeOf(checkCancellation({ startsAt: at(24 * HOUR - MINUTE), now, actor }))).toBe('cancellation_window_closed')
		}
	})

	test('for every notice, a party may cancel exactly when at least 24 hours remain', () => {
		fc.assert(
			fc.property(fc.integer({ min: -DAY, max: 3 * DAY }), fc.constantFrom<Actor>('mentee', 'mentor'), (notice, actor) => {
				expect(checkCancellation({ startsAt: at(notice), now, actor }).ok).toBe(notice >= 24 * HOUR)
			}),
		)
	})

	test('an admin may override the window, but only with a reason', () => {
		expect(codeOf(checkCancellation({ startsAt: at(HOUR), now, actor: 'admin', reason: 'mentor is ill' }))).toBe('ok')
		expect(codeOf(checkCancellation({ startsAt: at(HOUR), now, actor: 'admin', reason: '  ' }))).toBe('validation_failed')
	})

	test('anyone else may not cancel', () => {
		expect(codeOf(checkCancellation({ startsAt: at(10 * DAY), now, actor: 'other', reason: 'x' }))).toBe('not_allowed')
	})
})

describe('lifecycle', () => {
	test('follows the transition table and nothing else', () => {
		for (const from of SESSION_STATUSES) {
			for (const to of SESSION_STATUSES) {
				const expected = TRANSITIONS[from]?.includes(to) ?? false
				expect(checkTransition(from, to).ok, `${from} → ${to}`).toBe(expected)
			}
		}
		expect(checkTransition('pending', 'scheduled').ok).toBe(true)
		expect(checkTransition('scheduled', 'completed')).toMatchObject({ code: 'invalid_transition' })
		expect(checkTransition('cancelled', 'scheduled')).toMatchObject({ code: 'invalid_transition' })
	})

	test('a refused transition reads as a sentence, with the right article', () => {
		expect(checkTransition('awaiting_confirmation', 'cancelled')).toMatchObject({ message: 'An awaiting confirmation session cannot become cancelled.' })
		expect(checkTransition('expired', 'scheduled')).toMatchObject({ message: expect.stringMatching(/^An expired session/) })
		expect(checkTransition('cancelled', 'scheduled')).toMatchObject({ message: expect.stringMatching(/^A cancelled session/) })
	})

	test('a scheduled session whose end has passed is awaiting confirmation', () => {
		expect(effectiveStatus({ status: 'scheduled', endsAt: at(0) }, now)).toBe('awaiting_confirmation')
		expect(effectiveStatus({ status: 'scheduled', endsAt: at(1) }, now)).toBe('scheduled')
		expect(effectiveStatus({ status: 'pending', endsAt: at(-1) }, now)).toBe('pending')
	})
})

describe('who may act', () => {
	const session = { mentorId: 'mentor', menteeId: 'mentee' }

	test('each side is recognised, admins only when not a party', () => {
		expect(actorOf(session, { id: 'mentor', isAdmin: true })).toBe('mentor')
		expect(actorOf(session, { id: 'mentee', isAdmin: false })).toBe('mentee')
		expect(actorOf(session, { id: 'x', isAdmin: true })).toBe('admin')
		expect(actorOf(session, { id: 'x', isAdmin: false })).toBe('other')
	})

	test('the mentor reviews; the mentor or an admin confirms', () => {
		expect(checkActor('accept', 'mentor').ok).toBe(true)
		expect(codeOf(checkActor('accept', 'mentee'))).toBe('not_allowed')
		expect(codeOf(checkActor('reject', 'admin'))).toBe('not_allowed')
		expect(checkActor('confirm', 'admin').ok).toBe(true)
		expect(codeOf(checkActor('confirm', 'mentee'))).toBe('not_allowed')
	})
})

describe('confirmation', () => {
	test('an intro needs a decision; a paid session must not have one', () => {
		expect(codeOf(checkConfirmation('intro', null))).toBe('validation_failed')
		expect(checkConfirmation('intro', 'reject').ok).toBe(true)
		expect(codeOf(checkConfirmation('paid', 'approve_continuation'))).toBe('validation_failed')
		expect(checkConfirmation('paid', undefined).ok).toBe(true)
	})

	test('credits are consumed when the session happened or the mentee did not show, returned otherwise', () => {
		expect(creditEffect('completed')).toBe('consume')
		expect(creditEffect('no_show_mentee')).toBe('consume')
		expect(creditEffect('no_show_mentor')).toBe('return')
		expect(creditEffect('cancelled')).toBe('return')
	})
})

describe('buffers', () => {
	const existing = { start: at(10 * HOUR), end: at(11 * HOUR), bufferMinutes: 15 }

	test('a session needs the larger buffer of the two between it and its neighbours', () => {
		const after = (gap: number) => ({ start: at(11 * HOUR + gap), end: at(12 * HOUR + gap), bufferMinutes: 0 })
		expect(codeOf(checkClearOfSessions(after(14 * MINUTE), [existing]))).toBe('slot_unavailable')
		expect(codeOf(checkClearOfSessions(after(15 * MINUTE), [existing]))).toBe('ok')
		const before = { start: at(8 * HOUR), end: at(10 * HOUR - 30 * MINUTE), bufferMinutes: 45 }
		expect(codeOf(checkClearOfSessions(before, [existing]))).toBe('slot_unavailable')
	})

	test('back to back is fine without buffers; any overlap never is', () => {
		const none = { ...existing, bufferMinutes: 0 }
		expect(checkClearOfSessions({ start: at(11 * HOUR), end: at(12 * HOUR), bufferMinutes: 0 }, [none]).ok).toBe(true)
		expect(checkClearOfSessions({ start: at(10 * HOUR + 30 * MINUTE), end: at(10 * HOUR + 50 * MINUTE), bufferMinutes: 0 }, [none]).ok).toBe(false)
	})
})

describe('"Only mentees book intros"', () => {
	const verified = new Date('2026-01-01T00:00:00Z')
	test('a mentee may book; an account without the mentee role (an admin, a mentor only) is refused not_allowed', () => {
		expect(checkBooker({ isMentee: true, emailVerifiedAt: verified }).ok).toBe(true)
		expect(checkBooker({ isMentee: false, emailVerifiedAt: verified })).toMatchObject({ ok: false, code: 'not_allowed' })
	})
	test('"booking allowed only when verified": a mentee whose address is not confirmed is refused email_not_verified', () => {
		expect(checkBooker({ isMentee: true, emailVerifiedAt: null })).toMatchObject({ ok: false, code: 'email_not_verified' })
		expect(checkBooker({ isMentee: false, emailVerifiedAt: null })).toMatchObject({ ok: false, code: 'not_allowed' })
	})
})
