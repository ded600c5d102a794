import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { auditLog, payouts, sessions } from '../../db/schema'
import * as bookingAction from '../../app/routes/api.v1.bookings.$id.$action'
import * as sessionsPage from '../../app/routes/sessions/route'
import * as adminPayoutsPage from '../../app/routes/admin.payouts'
import { DISPUTE_WINDOW_MS } from '../../app/rules/disputes'
import { createSession } from '../../app/services/auth-sessions.server'
import { decideDispute, disputeNoShow } from '../../app/services/disputes.server'
import { loadItems } from '../../app/services/my-sessions.server'
import { releaseUndisputedPayouts } from '../../app/services/payouts.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { isDomainError } from '../../app/utils/errors'
import { type StripeEmulator } from '../../server/stripe-emulator'
import { call } from '../support/http'
import { submit } from '../support/forms'
import { emailsTo } from '../support/outbox'
import { approvedContinuation, boughtBundle, bundleNow, heldSession, mentor, person } from '../support/payments'
import { useStripeEmulator } from '../support/stripe'

let emulator: StripeEmulator
beforeAll(async () => {
	emulator = await useStripeEmulator()
})

const HOUR = 3_600_000

/** A paid session the mentor marked "mentee did not show"; its payout waits for the mentee's 48 hours. */
async function noShow() {
	const [mentee, m] = [await person(), await mentor(emulator)]
	await approvedContinuation(mentee.id, m.id)
	const bundleId = await boughtBundle(emulator, mentee.id, m.id)
	await emulator.settled()
	const bundle = await bundleNow(bundleId)
	const session = await heldSession(bundle, 0, 'no_show_mentee')
	const payout = (await getDb().select().from(payouts).where(eq(payouts.sessionId, session.id)))[0]!
	const recordedAt = payout.createdAt
	const cookieOf = async (id: string) => `mentora_session=${(await createSession(id, new Date())).token}`
	return { mentee, mentor: m, bundle, session, payout, recordedAt, cookieOf }
}

const payoutNow = async (id: string) => (await getDb().select().from(payouts).where(eq(payouts.id, id)))[0]!
const sessionNow = async (id: string) => (await getDb().select().from(sessions).where(eq(sessions.id, id)))[0]!
const codeOf = async (run: Promise<unknown>) => run.then(() => 'ok', (e: unknown) => (isDomainError(e) ? e.code : Promise.reject(e)))

describe('a disputed no-show', () => {
	test('the mentee is emailed the outcome with its deadline, sees the form on My sessions, and nothing goes out before the 48 hours', async () => {
		const { mentee, session, payout, recordedAt } = await noShow()
		const [mail] = (await emailsTo(mentee.id)).filter((e) => e.template === 'outcome_to_dispute')
		expect(mail!.text).toContain('dispute it until')
		expect(mail!.text).toContain(`/sessions?role=mentee#session-${session.id}`)
		const [item] = await loadItems(eq(sessions.id, session.id), new Date(recordedAt.getTime() + HOUR))
		expect(item!.dispute).toEqual({ state: 'disputable', until: new Date(recordedAt.getTime() + DISPUTE_WINDOW_MS).toISOString() })

		expect(await releaseUndisputedPayouts(new Date(recordedAt.getTime() + DISPUTE_WINDOW_MS - 1))).toEqual([])
		expect((await payoutNow(payout.id)).status).toBe('disputable')
		// Undisputed, it goes out once the 48 hours are over, once.
		expect(await releaseUndisputedPayouts(new Date(recordedAt.getTime() + DISPUTE_WINDOW_MS))).toEqual([payout.id])
		expect(await releaseUndisputedPayouts(new Date(recordedAt.getTime() + DISPUTE_WINDOW_MS + HOUR))).toEqual([])
		expect((await payoutNow(payout.id)).status).toBe('pending')
		// Too late to dispute now.
		const late = new Date(recordedAt.getTime() + DISPUTE_WINDOW_MS + HOUR)
		expect(await codeOf(disputeNoShow({ sessionId: session.id, actorId: mentee.id, note: 'I was there', now: late }))).toBe('dispute_window_closed')
		expect((await sessionNow(session.id)).disputedAt).toBeNull()
	})

	test('disputed through the API, the payout is held; an admin overturns it on the payouts page: credit back, nothing paid, audited, both told', async () => {
		const { mentee, mentor: m, bundle, session, payout, recordedAt, cookieOf } = await noShow()
		const admin = await person('admin')
		const at = new Date(recordedAt.getTime() + 2 * HOUR)
		freezeClockAt(at)
		try {
			const dispute = (cookie: string, body: unknown) =>
				call(bookingAction.action, { path: `/api/v1/bookings/${session.id}/dispute`, cookie, params: { id: session.id, action: 'dispute' }, body })
			// Only the mentee; a note is required.
			expect((await dispute(await cookieOf(m.id), { note: 'She was there' })).json.error.code).toBe('not_allowed')
			const empty = await dispute(await cookieOf(mentee.id), { note: '   ' })
			expect(empty.response.status).toBe(422)
			expect(empty.json.error.fields.note).toBeDefined()
			expect((await payoutNow(payout.id)).status).toBe('disputable')

			const disputed = await dispute(await cookieOf(mentee.id), { note: 'I waited in the meeting for 20 minutes.' })
			expect(disputed.response.status).toBe(200)
			expect(disputed.json.booking.dispute).toEqual({ disputedAt: at.toISOString(), note: 'I waited in the meeting for 20 minutes.', decision: null })
			expect((await payoutNow(payout.id)).status).toBe('disputed')
			expect((await dispute(await cookieOf(mentee.id), { note: 'again' })).json.error.code).toBe('invalid_transition')
			// Held: the deadline passing releases nothing.
			expect(await releaseUndisputedPayouts(new Date(recordedAt.getTime() + DISPUTE_WINDOW_MS + HOUR))).toEqual([])
			expect((await emailsTo(admin.id)).map((e) => e.template)).toContain('no_show_disputed')

			// A mentor may not decide it.
			const decideApi = (cookie: string, body: unknown) =>
				call(bookingAction.action, { path: `/api/v1/bookings/${session.id}/decide-dispute`, cookie, params: { id: session.id, action: 'decide-dispute' }, body })
			expect((await decideApi(await cookieOf(m.id), { decision: 'upheld' })).response.status).toBe(403)
			expect((await decideApi(await cookieOf(admin.id), { decision: 'maybe' })).response.status).toBe(422)

			const page = await submit(adminPayoutsPage.loader, { path: '/admin/payouts', cookie: await cookieOf(admin.id) })
			const loaded = await page.json()
			expect(loaded.disputes.map((d: { sessionId: string }) => d.sessionId)).toContain(session.id)

			const before = await bundleNow(bundle.id)
			const decided = await submit(adminPayoutsPage.action, {
				path: '/admin/payouts',
				cookie: await cookieOf(admin.id),
				fields: { intent: 'decide', sessionId: session.id, decision: 'overturned' },
			})
			expect(decided.status).toBe(200)
			expect(await sessionNow(session.id)).toMatchObject({ status: 'no_show_mentor', disputeDecision: 'overturned', disputeDecidedBy: admin.id })
			expect((await payoutNow(payout.id)).status).toBe('cancelled')
			expect((await bundleNow(bundle.id)).creditsConsumed).toBe(before.creditsConsumed - 1)
			const [audit] = await getDb().select().from(auditLog).where(and(eq(auditLog.subjectId, session.id), eq(auditLog.action, 'session.dispute_decide')))
			expect(audit).toMatchObject({ actorId: admin.id, details: { decision: 'overturned' } })
			for (const id of [mentee.id, m.id]) expect((await emailsTo(id)).map((e) => e.template)).toContain('dispute_decided')
			// Decided once.
			expect((await decideApi(await cookieOf(admin.id), { decision: 'upheld' })).json.error.code).toBe('invalid_transition')
		} finally {
			resetClock()
		}
	})

	test('upheld: the held payout goes out to the transfer', async () => {
		const { mentee, session, payout, recordedAt } = await noShow()
		const admin = await person('admin')
		await disputeNoShow({ sessionId: session.id, actorId: mentee.id, note: 'I was there.', now: new Date(recordedAt.getTime() + HOUR) })
		await decideDispute({ sessionId: session.id, adminId: admin.id, decision: 'upheld', now: new Date(recordedAt.getTime() + 3 * HOUR) })
		expect((await payoutNow(payout.id)).status).toBe('pending')
		expect((await sessionNow(session.id)).status).toBe('no_show_mentee')
	})

	test('a dispute on the page form is refused with the field marked when the note is empty', async () => {
		const { mentee, session, cookieOf } = await noShow()
		const answer = await submit(sessionsPage.action, { path: '/sessions?role=mentee', cookie: await cookieOf(mentee.id), fields: { intent: 'dispute', sessionId: session.id, note: '' } })
		expect(answer.status).toBe(400)
		expect((await answer.json()).fields.note).toBeDefined()
		expect((await sessionNow(session.id)).disputedAt).toBeNull()
	})

	test('under concurrency: a dispute just before the deadline and the release job just after it, ten times over, never both win', async () => {
		for (let i = 0; i < 10; i++) {
			const { mentee, session, payout, recordedAt } = await noShow()
			const deadline = recordedAt.getTime() + DISPUTE_WINDOW_MS
			const [disputed, released] = await Promise.allSettled([
				disputeNoShow({ sessionId: session.id, actorId: mentee.id, note: 'I was there.', now: new Date(deadline - 1) }),
				releaseUndisputedPayouts(new Date(deadline)),
			])
			const status = (await payoutNow(payout.id)).status
			const disputedOk = disputed.status === 'fulfilled'
			const releasedIt = released.status === 'fulfilled' && released.value.includes(payout.id)
			expect(disputedOk !== releasedIt, `dispute ${disputed.status}, release ${JSON.stringify(released)}`).toBe(true)
			expect(status).toBe(disputedOk ? 'disputed' : 'pending')
			expect((await sessionNow(session.id)).disputedAt !== null).toBe(disputedOk)
		}
	})

	test('two disputes at once: one is recorded, the other refused', async () => {
		const { mentee, session, recordedAt } = await noShow()
		const now = new Date(recordedAt.getTime() + HOUR)
		const codes = await Promise.all([1, 2].map((n) => codeOf(disputeNoShow({ sessionId: session.id, actorId: mentee.id, note: `note ${n}`, now }))))
		expect(codes.sort()).toEqual(['invalid_transition', 'ok'])
	})

	test('the database refuses a dispute on anything but a paid no-show', async () => {
		const { session } = await noShow()
		const forced = await getDb()
			.update(sessions)
			.set({ status: 'completed', disputedAt: new Date(), disputeNote: 'x' })
			.where(eq(sessions.id, session.id))
			.then(
				() => 'updated',
				(e: { cause?: { constraint_name?: string } }) => e.cause?.constraint_name,
			)
		expect(forced).toBe('sessions_dispute_shape')
	})
})
