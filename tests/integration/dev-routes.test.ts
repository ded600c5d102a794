import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { users } from '../../db/schema'
import * as checkout from '../../app/routes/dev.checkout.$id'
import * as connect from '../../app/routes/dev.connect.$id'
import { loader as attachmentLoader } from '../../app/routes/dev.mailbox.$id.$index'
import { loader as mailboxLoader } from '../../app/routes/dev.mailbox'
import { createUser } from '../support/factories'
import { useStripeEmulator } from '../support/stripe'

/** The local stand-ins (mailbox, test checkout, test onboarding) exist for the person at the machine, and only for well-formed ids. */

beforeAll(async () => {
	await useStripeEmulator({ autoDeliver: false })
})

async function answer(run: () => unknown): Promise<Response> {
	try {
		const result = await run()
		return result instanceof Response ? result : Response.json(result)
	} catch (thrown) {
		if (thrown instanceof Response) return thrown
		throw thrown
	}
}

const args = (path: string, ip: string, params: Record<string, string> = {}, cookie?: string) => ({
	request: new Request(`http://localhost:3000${path}`, { headers: cookie ? { Cookie: cookie } : {} }),
	params,
	context: { ip, responseCookies: [] },
})

const SOME_EMAIL = '5f0c1d5e-8a7b-4c3d-9e2f-1a2b3c4d5e6f'

describe('/dev/mailbox lists every user’s emails (one-click unsubscribe links): the machine itself or an admin only', () => {
	test('a request from another address answers 404, the list and an attachment', async () => {
		expect((await answer(() => mailboxLoader(args('/dev/mailbox', '192.168.1.20')))).status).toBe(404)
		expect((await answer(() => attachmentLoader(args(`/dev/mailbox/${SOME_EMAIL}/0`, '192.168.1.20', { id: SOME_EMAIL, index: '0' })))).status).toBe(404)
		const mentee = await createUser({ role: 'mentee' })
		expect((await answer(() => mailboxLoader(args('/dev/mailbox', '203.0.113.5', {}, mentee.cookie)))).status).toBe(404)
	})

	test('the loopback address (IPv4, IPv6, IPv4-mapped) and an admin elsewhere are served', async () => {
		for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
			expect((await answer(() => mailboxLoader(args('/dev/mailbox', ip)))).status, ip).toBe(200)
		}
		const admin = await createUser({ role: 'mentee' })
		await getDb().update(users).set({ isAdmin: true }).where(eq(users.id, admin.user.id))
		expect((await answer(() => mailboxLoader(args('/dev/mailbox', '192.168.1.20', {}, admin.cookie)))).status).toBe(200)
	})
})

describe('dev routes answer 404 for an id not of its shape, before it reaches the Stripe emulator', () => {
	test.each(['../stats', '..%2Fstats', 'acctlink_x/../../stats', ''])('/dev/connect/%s', async (id) => {
		expect((await answer(() => connect.loader(args(`/dev/connect/${id}`, '127.0.0.1', { id })))).status).toBe(404)
	})

	test.each(['../stats', 'cs_test_a/../../stats', 'pi_123'])('/dev/checkout/%s', async (id) => {
		expect((await answer(() => checkout.loader(args(`/dev/checkout/${id}`, '127.0.0.1', { id })))).status).toBe(404)
	})

	test.each([
		['not-a-uuid', '0'],
		[SOME_EMAIL, '-1'],
		[SOME_EMAIL, '1e3'],
	])('/dev/mailbox/%s/%s', async (id, index) => {
		expect((await answer(() => attachmentLoader(args(`/dev/mailbox/${id}/${index}`, '127.0.0.1', { id, index })))).status).toBe(404)
	})
})
