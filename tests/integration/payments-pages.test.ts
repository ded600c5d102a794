import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { emailOutbox, users } from '../../db/schema'
import { loader as bundleLoader } from '../../app/routes/bundles.$id'
import { loader as payoutsLoader } from '../../app/routes/payouts'
import { loader as adminPayoutsLoader } from '../../app/routes/admin.payouts'
import { action as offersAction } from '../../app/routes/settings.bundles'
import { createSession } from '../../app/services/auth-sessions.server'
import { refundBundle } from '../../app/services/refunds.server'
import { type StripeEmulator } from '../../server/stripe-emulator'
import { submit } from '../support/forms'
import { approvedContinuation, boughtBundle, mentor, pendingPayouts, person } from '../support/payments'
import { useStripeEmulator } from '../support/stripe'

/** What a mentee, mentor or admin sees of bundles and payouts: ids from URLs, zones, the refund email's link. */

let emulator: StripeEmulator
beforeAll(async () => {
	emulator = await useStripeEmulator()
})

const context = { ip: '203.0.113.7', responseCookies: [] }
const cookieOf = async (userId: string) => `mentora_session=${(await createSession(userId, new Date())).token}`

async function loadBundle(userId: string, id: string) {
	const request = new Request(`http://localhost:3000/bundles/${id}`, { headers: { Cookie: await cookieOf(userId) } })
	return bundleLoader({ request, context, params: { id } }).catch((thrown: unknown) => thrown)
}

describe('bundle and offer pages with ids that name nothing', () => {
	test('a bundle URL whose id is not a uuid answers 404, not a server error', async () => {
		const mentee = await person()
		for (const id of ['nope', "1' or '1'='1", '00000000-0000-0000-0000-000000000000']) {
			const answer = await loadBundle(mentee.id, id)
			expect(answer).toBeInstanceOf(Response)
			expect((answer as Response).status).toBe(404)
		}
	})

	test('editing or retiring an offer with a malformed id answers 404 with a sentence', async () => {
		const m = await mentor(emulator, { connected: false })
		const cookie = await cookieOf(m.id)
		for (const intent of ['retire', 'update']) {
			const response = await submit(offersAction, {
				path: '/settings/bundles',
				cookie,
				fields: { intent, offerId: 'not-an-id', sessionsCount: '4', sessionMinutes: '60', sessionPrice: '50', currency: 'eur' },
			})
			expect(response.status).toBe(404)
			expect(await response.json()).toMatchObject({ message: 'That offer does not exist.' })
		}
	})
})

describe("times and dates in the viewer's zone", () => {
	test('the receipt and the payouts page carry the viewer’s zone, not UTC', async () => {
		const [mentee, m] = [await person(), await mentor(emulator)]
		await getDb().update(users).set({ timeZone: 'America/Los_Angeles' }).where(eq(users.id, mentee.id))
		await getDb().update(users).set({ timeZone: 'Asia/Kolkata' }).where(eq(users.id, m.id))
		await approvedContinuation(mentee.id, m.id)
		const bundleId = await boughtBundle(emulator, mentee.id, m.id)
		await emulator.settled()
		expect(await loadBundle(mentee.id, bundleId)).toMatchObject({ zone: 'America/Los_Angeles', bundle: { status: 'active' } })

		const payouts = await payoutsLoader({ request: new Request('http://localhost:3000/payouts', { headers: { Cookie: await cookieOf(m.id) } }), context, params: {} })
		expect(payouts).toMatchObject({ zone: 'Asia/Kolkata', zoneLabel: 'Asia/Kolkata (GMT+5:30)' })
	})
})

describe('admin payouts page', () => {
	test('counts payouts in every status, so an empty list of problems does not read as no payouts at all', async () => {
		const admin = await person('admin')
		const load = async () => (await adminPayoutsLoader({ request: new Request('http://localhost:3000/admin/payouts', { headers: { Cookie: await cookieOf(admin.id) } }), context, params: {} })) as { counts: Record<string, number>; rows: unknown[] }
		const before = await load()
		expect(Object.keys(before.counts).sort()).toEqual(['cancelled', 'dead', 'disputable', 'disputed', 'failed', 'on_hold', 'pending', 'released'])
		await pendingPayouts(emulator, 2, 1)
		const after = await load()
		expect(after.counts.pending! + after.counts.released!).toBe(before.counts.pending! + before.counts.released! + 2)
	})
})

describe('refund email', () => {
	test('links the mentee to the bundle page that shows the refund', async () => {
		const [mentee, m, admin] = [await person(), await mentor(emulator), await person('admin')]
		await approvedContinuation(mentee.id, m.id)
		const bundleId = await boughtBundle(emulator, mentee.id, m.id)
		await emulator.settled()
		await refundBundle({ adminId: admin.id, bundleId, reason: 'Mentor on leave', cancelFutureSessions: false, now: new Date() })
		const [email] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.template, 'refund_issued')).then((rows) => rows.filter((r) => r.userId === mentee.id))
		expect(email!.html).toContain(`/bundles/${bundleId}"`)
		expect(email!.text).toContain(`/bundles/${bundleId}`)
		expect(await loadBundle(mentee.id, bundleId)).toMatchObject({ refunds: [{ reason: 'Mentor on leave' }] })
	})
})
