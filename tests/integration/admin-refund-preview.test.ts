import { beforeAll, expect, test } from 'vitest'
import { loader } from '../../app/routes/admin.bundles'
import { createSession } from '../../app/services/auth-sessions.server'
import { bookPaid } from '../../app/services/booking.server'
import { type StripeEmulator } from '../../server/stripe-emulator'
import { approvedContinuation, boughtBundle, mentor, person } from '../support/payments'
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
