import { beforeAll, expect, test } from 'vitest'
import { action, loader } from '../../app/routes/admin.bundles'
import { createSession } from '../../app/services/auth-sessions.server'
import { bookPaid } from '../../app/services/booking.server'
import { type StripeEmulator } from '../../server/stripe-emulator'
import { submit } from '../support/forms'
import { approvedContinuation, boughtBundle, bundleNow, mentor, person } from '../support/payments'
import { useStripeEmulator } from '../support/stripe'

let emulator: StripeEmulator
beforeAll(async () => {
	emulator = await useStripeEmulator()
})

test('the refund button names the amount with and without cancelling the bundle’s future sessions', async () => {
	const [mentee, m, admin] = [await person(), await mentor(emulator), await person('admin')]
	await approvedContinuation(mentee.id, m.id)
	const bundleId = await boughtBundle(emulator, mentee.id, m.id)
	await emulator.settled()
	const now = new Date()
	await bookPaid({ menteeId: mentee.id, mentorId: m.id, bundleId, start: new Date(now.getTime() + 72 * 3_600_000), now })

	const { token } = await createSession(admin.id, now)
	const request = new Request('http://localhost:3000/admin/bundles', { headers: { Cookie: `mentora_session=${token}` } })
	const { bundles } = await loader({ request, context: { ip: '203.0.113.5', responseCookies: [] }, params: {} })
	const row = bundles.find((b) => b.id === bundleId)!
	// One of four sessions is booked: three are unused; cancelling the booked one leaves the bundle untouched.
	expect(row.refundable).toBe('€180.00 (3 unused sessions)')
	expect(row.refundableWithCancellation).toBe('€240.00 (whole bundle)')
})

test('a refund is reviewed before money moves: the review names the amount, the confirmation must match it, an empty reason is refused on its card', async () => {
	const [mentee, m, admin] = [await person(), await mentor(emulator), await person('admin')]
	await approvedContinuation(mentee.id, m.id)
	const bundleId = await boughtBundle(emulator, mentee.id, m.id)
	await emulator.settled()
	const { token } = await createSession(admin.id, new Date())
	const post = async (fields: Record<string, string>) => {
		const res = await submit(action, { path: '/admin/bundles', cookie: `mentora_session=${token}`, fields: { bundleId, ...fields } })
		return { status: res.status, body: await res.json() }
	}

	const empty = await post({ intent: 'review', reason: '  ' })
	expect(empty).toMatchObject({ status: 422, body: { bundleId, ok: false, fields: { reason: 'Give a reason for the refund.' } } })

	const review = await post({ intent: 'review', reason: 'Mentor on leave' })
	expect(review).toMatchObject({ status: 200, body: { bundleId, message: 'Refund €240.00 for the whole bundle?', review: { amountCents: 24_000 } } })
	expect(await bundleNow(bundleId)).toMatchObject({ status: 'active', amountRefunded: 0 })

	const stale = await post({ intent: 'confirm', reason: 'Mentor on leave', amountCents: '18000' })
	expect(stale).toMatchObject({ status: 409, body: { ok: false, message: expect.stringMatching(/changed since you reviewed it/) } })
	expect(await bundleNow(bundleId)).toMatchObject({ status: 'active', amountRefunded: 0 })

	const confirmed = await post({ intent: 'confirm', reason: 'Mentor on leave', amountCents: '24000' })
	expect(confirmed).toMatchObject({ status: 200, body: { ok: true, message: 'Refunded 4 sessions.' } })
	expect(await bundleNow(bundleId)).toMatchObject({ status: 'refunded', amountRefunded: 24_000 })
	// The refund's webhooks are still on their way: they finish before the file's database is dropped.
	await emulator.settled()
})
