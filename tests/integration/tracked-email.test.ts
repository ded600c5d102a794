import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import nodemailer, { type SendMailOptions } from 'nodemailer'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as webhookRoute from '../../app/routes/webhooks.inbound-email.mime'
import { trackingAddress } from '../../app/rules/tracking-address'
import { receiveTrackedEmail } from '../../app/services/inbound-email.server'
import { signMailgun } from '../../app/services/mailgun-inbound.server'
import { getEnv, LOCAL_MAILGUN_SIGNING_KEY } from '../../app/utils/env.server'
import { isDomainError } from '../../app/utils/errors'
import { getDb } from '../../db/client'
import { relationships, trackedEmails } from '../../db/schema'
import { startInboundSmtp, type InboundSmtp } from '../../server/inbound-smtp'
import { createUser } from '../support/factories'

/**
 * Tracked email (PRODUCT.md "Relationship workspace"): mail either person sends with the tracking
 * address in To or Cc lands in the relationship's timeline, over real SMTP to the local server and
 * through Mailgun's signed webhook; anyone else, an unknown or revoked token, a duplicate
 * Message-ID and a mail over 10 MB are refused or stored once.
 */

const DOMAIN = getEnv().MENTORA_INBOUND_DOMAIN
let smtp: InboundSmtp

beforeAll(async () => {
	smtp = await startInboundSmtp({ port: 0 })
})
afterAll(async () => {
	await smtp?.stop()
})

async function pair() {
	const mentor = await createUser({ role: 'mentor', name: 'Mona Mentor' })
	const mentee = await createUser({ role: 'mentee', name: 'Ed Mentee' })
	const confirmedAt = new Date()
	const [relationship] = await getDb()
		.insert(relationships)
		.values({ mentorId: mentor.user.id, menteeId: mentee.user.id, status: 'confirmed', origin: 'intro', mentorConfirmedAt: confirmedAt, menteeConfirmedAt: confirmedAt })
		.returning()
	return { mentor: mentor.user, mentee: mentee.user, relationship: relationship!, address: trackingAddress(relationship!.trackingToken!, DOMAIN) }
}

const storedFor = (relationshipId: string) => getDb().select().from(trackedEmails).where(eq(trackedEmails.relationshipId, relationshipId))

function transport() {
	return nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true })
}

/** The SMTP reply code a send was refused with, or 250 when it was accepted. */
async function sendOverSmtp(mail: SendMailOptions): Promise<number> {
	try {
		await transport().sendMail(mail)
		return 250
	} catch (error) {
		return (error as { responseCode?: number }).responseCode ?? -1
	}
}

const messageId = () => `<${randomBytes(8).toString('hex')}@mail.example.org>`

describe('over SMTP to the local server', () => {
	test('a mail from the mentee with the tracking address in Cc lands in the timeline, once per Message-ID', async () => {
		const { mentor, mentee, relationship, address } = await pair()
		const id = messageId()
		const mail: SendMailOptions = {
			from: `Ed Mentee <${mentee.email.toUpperCase()}>`,
			to: `Mona <${mentor.email}>`,
			cc: address.toUpperCase(),
			envelope: { from: mentee.email, to: [address] },
			subject: 'Notes from Tuesday',
			text: 'Here are my notes.',
			html: '<p>Here are <b>my notes</b>.</p><script>alert(1)</script><a href="javascript:alert(1)" onclick="alert(2)">x</a>',
			date: new Date('2027-03-02T09:30:00Z'),
			messageId: id,
			attachments: [{ filename: 'notes.pdf', content: Buffer.from('%PDF-1.4 notes') }],
		}
		expect(await sendOverSmtp(mail)).toBe(250)
		const [row, ...others] = await storedFor(relationship.id)
		expect(others).toEqual([])
		expect(row).toMatchObject({
			messageId: id,
			senderId: mentee.id,
			fromAddress: mentee.email.toLowerCase(),
			toAddresses: [mentor.email.toLowerCase()],
			ccAddresses: [address],
			subject: 'Notes from Tuesday',
			sentAt: new Date('2027-03-02T09:30:00Z'),
			attachmentNames: ['notes.pdf'],
		})
		expect(row!.text.trim()).toBe('Here are my notes.')
		expect(row!.html).toContain('<b>my notes</b>')
		expect(row!.html).not.toMatch(/<script|javascript:|onclick/i)

		// The same Message-ID again (a resend, a second copy): accepted, still one row.
		expect(await sendOverSmtp(mail)).toBe(250)
		expect(await storedFor(relationship.id)).toHaveLength(1)
	})

	test("a stranger's mail is refused with 550 and nothing is stored", async () => {
		const { relationship, address } = await pair()
		const stranger = await createUser({ role: 'mentee' })
		expect(await sendOverSmtp({ from: stranger.user.email, to: address, subject: 'hi', text: 'hello', messageId: messageId() })).toBe(550)
		expect(await storedFor(relationship.id)).toEqual([])
	})

	test('an unknown token and a revoked one are refused with 550 at RCPT time, nothing stored', async () => {
		const { mentor, relationship, address } = await pair()
		expect(await sendOverSmtp({ from: mentor.email, to: trackingAddress('0'.repeat(32), DOMAIN), text: 'x' })).toBe(550)
		expect(await sendOverSmtp({ from: mentor.email, to: `someone@${DOMAIN}`, text: 'x' })).toBe(550)
		await getDb().update(relationships).set({ trackingToken: null }).where(eq(relationships.id, relationship.id))
		expect(await sendOverSmtp({ from: mentor.email, to: address, text: 'x' })).toBe(550)
		expect(await storedFor(relationship.id)).toEqual([])
	})

	test('a 12 MB mail is refused with 552 and nothing is stored', async () => {
		const { mentor, relationship, address } = await pair()
		const big = randomBytes(9 * 1024 * 1024) // base64 makes it 12 MB on the wire
		expect(await sendOverSmtp({ from: mentor.email, to: address, text: 'big', attachments: [{ filename: 'big.bin', content: big }] })).toBe(552)
		expect(await storedFor(relationship.id)).toEqual([])
	})
})

describe('the handler', () => {
	const raw = (lines: string[]) => Buffer.from(lines.join('\r\n'))

	test('refusals are typed: a sender outside the pair, an unknown address, a message over 10 MB', async () => {
		const { mentor, relationship, address } = await pair()
		const codeOf = (p: Promise<unknown>) => p.then(() => 'stored', (e: unknown) => (isDomainError(e) ? e.code : 'untyped'))
		const mail = (from: string, to: string) => raw([`From: ${from}`, `To: ${to}`, `Message-ID: ${messageId()}`, 'Subject: x', '', 'body'])
		expect(await codeOf(receiveTrackedEmail(mail('someone@example.org', address), { rcptTo: [address] }))).toBe('sender_not_allowed')
		expect(await codeOf(receiveTrackedEmail(mail(mentor.email, 'bob@example.org'), { rcptTo: ['bob@example.org'] }))).toBe('unknown_recipient')
		expect(await codeOf(receiveTrackedEmail(Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), { rcptTo: [address] }))).toBe('message_too_large')
		expect(await storedFor(relationship.id)).toEqual([])
	})

	test('an unknown tracking address beside a live one does not hide it', async () => {
		const { mentee, relationship, address } = await pair()
		const stale = trackingAddress('0'.repeat(32), DOMAIN)
		const received = await receiveTrackedEmail(raw([`From: ${mentee.email}`, `To: ${stale}`, `Cc: ${address}`, `Message-ID: ${messageId()}`, 'Subject: two', '', 'body']), {
			rcptTo: [stale, address],
		})
		expect(received).toMatchObject({ outcome: 'stored', relationshipId: relationship.id })
	})

	test('a mail without a Date is dated when it arrives; the tracking address may come from the envelope alone (Bcc)', async () => {
		const { mentor, relationship, address } = await pair()
		const before = Date.now()
		const received = await receiveTrackedEmail(raw([`From: ${mentor.email}`, 'To: bob@example.org', `Message-ID: ${messageId()}`, 'Subject: bcc', '', 'body']), {
			rcptTo: [address],
		})
		expect(received.outcome).toBe('stored')
		const [row] = await storedFor(relationship.id)
		expect(row!.sentAt.getTime()).toBeGreaterThanOrEqual(before - 1000)
	})
})

describe('POST /webhooks/inbound-email/mime (Mailgun)', () => {
	async function post(fields: Record<string, string>) {
		const body = new URLSearchParams(fields)
		const request = new Request('http://localhost:3000/webhooks/inbound-email/mime', {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body,
		})
		return (await webhookRoute.action({ request, params: {}, context: { ip: '203.0.113.9', responseCookies: [] } })) as Response
	}
	function signed(fields: Record<string, string>, key = LOCAL_MAILGUN_SIGNING_KEY) {
		const timestamp = String(Math.floor(Date.now() / 1000))
		const token = randomBytes(25).toString('hex')
		return { ...fields, timestamp, token, signature: signMailgun(key, timestamp, token) }
	}
	const mime = (from: string, to: string, id: string) =>
		[`From: ${from}`, `To: ${to}`, `Message-ID: ${id}`, 'Subject: By Mailgun', 'Content-Type: text/html; charset=utf-8', '', '<p>Hi</p><img src=x onerror=alert(1)>'].join('\r\n')

	test('a signed post stores the mail (200), a second one with the same Message-ID is a no-op (200)', async () => {
		const { mentee, relationship, address } = await pair()
		const id = messageId()
		const fields = { recipient: address, sender: mentee.email, 'body-mime': mime(mentee.email, address, id) }
		const first = await post(signed(fields))
		expect(first.status).toBe(200)
		expect(await first.json()).toEqual({ received: true, outcome: 'stored' })
		const again = await post(signed(fields))
		expect(again.status).toBe(200)
		expect(await again.json()).toEqual({ received: true, outcome: 'duplicate' })
		const rows = await storedFor(relationship.id)
		expect(rows).toHaveLength(1)
		expect(rows[0]!.html).toBe('<p>Hi</p>')
	})

	test('a bad, missing or stale signature is refused with 401 and nothing is stored', async () => {
		const { mentee, relationship, address } = await pair()
		const fields = { recipient: address, sender: mentee.email, 'body-mime': mime(mentee.email, address, messageId()) }
		const forged = signed(fields, 'not-the-signing-key')
		const stale = { ...fields, timestamp: '1600000000', token: 't'.repeat(50), signature: signMailgun(LOCAL_MAILGUN_SIGNING_KEY, '1600000000', 't'.repeat(50)) }
		for (const attempt of [forged, fields, stale, { ...signed(fields), signature: 'zz' }]) {
			const response = await post(attempt)
			expect(response.status).toBe(401)
			expect((await response.json()).error.code).toBe('webhook_signature_invalid')
		}
		expect(await storedFor(relationship.id)).toEqual([])
	})

	test("a signed post of a stranger's mail is refused with 406 (Mailgun does not retry) and nothing is stored", async () => {
		const { relationship, address } = await pair()
		const response = await post(signed({ recipient: address, 'body-mime': mime('stranger@example.org', address, messageId()) }))
		expect(response.status).toBe(406)
		expect((await response.json()).error.code).toBe('sender_not_allowed')
		expect(await storedFor(relationship.id)).toEqual([])
	})
})
