import { eq, sql } from 'drizzle-orm'
import { afterAll, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { emailOutbox } from '../../db/schema'
import { drainOutbox } from '../../jobs/drain-outbox'
import { sendEmail } from '../../jobs/send-email'
import { queueEmail } from '../../app/services/outbox.server'
import { RetryableSendError } from '../../app/services/email-delivery.server'
import { freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { startResendStandIn } from '../support/resend-stand-in'
import { person } from '../support/outbox'

// The real `resend` SDK, pointed at the stand-in; set before anything reads the environment.
const standIn = await startResendStandIn()
process.env.RESEND_BASE_URL = standIn.url
afterAll(() => standIn.close())

const session = { id: '5f0c1d5e-8a7b-4c3d-9e2f-1a2b3c4d5e6f', type: 'paid' as const, startsAt: '2027-03-02T08:00:00.000Z', endsAt: '2027-03-02T09:00:00.000Z' }

async function queued(attachments = true) {
	const mentee = await person('mentee', 'America/New_York', 'Maya Mentee')
	const id = await getDb().transaction((tx) =>
		queueEmail(tx, {
			to: mentee.id,
			template: 'booking_confirmed',
			data: { role: 'mentee', otherPartyName: 'Lena Mentor', session },
			attachments: attachments ? [{ filename: 'session.ics', contentType: 'text/calendar; method=REQUEST', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }] : [],
		}),
	)
	return { mentee, id: id! }
}

const row = async (id: string) => (await getDb().select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]!
const deliveredTo = (address: string) => standIn.delivered.filter((d) => d.body.to.includes(address))
const requestsFor = (id: string) => standIn.requests.filter((r) => r.idempotencyKey === id)

describe('sending the outbox through Resend', () => {
	test('one job run sends the row once, with its id as the idempotency key, and marks it sent', async () => {
		const { mentee, id } = await queued()
		await sendEmail.run({ emailId: id })
		const sent = await row(id)
		expect(sent.status).toBe('sent')
		expect(deliveredTo(mentee.email)).toHaveLength(1)
		const [delivered] = deliveredTo(mentee.email)
		expect(sent.providerId).toBe(delivered!.id)
		expect(requestsFor(id)).toHaveLength(1)
		expect(delivered!.body).toMatchObject({ subject: sent.subject, html: sent.html, text: sent.text, from: 'Mentora <notifications@mentora.test>' })
		expect(Buffer.from(delivered!.body.attachments[0].content, 'base64').toString()).toContain('BEGIN:VCALENDAR')

		await sendEmail.run({ emailId: id })
		expect(requestsFor(id)).toHaveLength(1)
	})

	test('a worker killed after Resend accepted, before marking sent, does not send again', async () => {
		const { mentee, id } = await queued()
		// The row cannot be updated: the send reaches Resend, then the transaction dies, as a killed worker's would.
		await getDb().execute(sql.raw(`
			create function die_after_send() returns trigger language plpgsql as $$ begin raise exception 'worker killed'; end $$;
			create trigger die_after_send before update on email_outbox for each row when (old.id = '${id}') execute function die_after_send();
		`))
		try {
			await expect(sendEmail.run({ emailId: id })).rejects.toThrow(/update "email_outbox"/)
		} finally {
			await getDb().execute(sql.raw('drop trigger die_after_send on email_outbox; drop function die_after_send();'))
		}
		expect((await row(id)).status).toBe('queued')
		expect(deliveredTo(mentee.email)).toHaveLength(1)

		await sendEmail.run({ emailId: id })
		expect(requestsFor(id)).toHaveLength(2)
		expect(deliveredTo(mentee.email)).toHaveLength(1)
		const sent = await row(id)
		expect(sent.status).toBe('sent')
		expect(sent.providerId).toBe(deliveredTo(mentee.email)[0]!.id)
	})

	test('429, then 200: retried, one email sent', async () => {
		const { mentee, id } = await queued()
		standIn.failNext(429)
		await expect(sendEmail.run({ emailId: id })).rejects.toBeInstanceOf(RetryableSendError)
		const waiting = await row(id)
		expect(waiting).toMatchObject({ status: 'queued', attempts: 1 })
		expect(waiting.lastError).toContain('429')

		await sendEmail.run({ emailId: id })
		expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 })
		expect(deliveredTo(mentee.email)).toHaveLength(1)
	})

	test('a 5xx is retried; a 4xx is marked failed with the reason and not retried', async () => {
		const server = await queued(false)
		standIn.failNext(503)
		await expect(sendEmail.run({ emailId: server.id })).rejects.toBeInstanceOf(RetryableSendError)

		const refused = await queued(false)
		standIn.failNext(422)
		await sendEmail.run({ emailId: refused.id })
		const failed = await row(refused.id)
		expect(failed.status).toBe('failed')
		expect(failed.lastError).toContain('422 validation_error')
		expect(deliveredTo(refused.mentee.email)).toHaveLength(0)
	})

	test('two workers sending one row at once send it once', async () => {
		const { mentee, id } = await queued()
		await Promise.all([sendEmail.run({ emailId: id }), sendEmail.run({ emailId: id }), sendEmail.run({ emailId: id })])
		expect(deliveredTo(mentee.email)).toHaveLength(1)
		expect((await row(id)).status).toBe('sent')
	})

	test('the drain gives a queued row whose job was lost a new one, after an hour', async () => {
		const { id } = await queued(false)
		const jobsFor = async () =>
			(await getDb().execute(sql.raw(`select 1 from pgboss.job where name = 'send-email' and data->>'emailId' = '${id}'`))).length
		expect(await jobsFor()).toBe(1)
		try {
			freezeClockAt(new Date(Date.now() + 30 * 60_000))
			await drainOutbox.run({})
			expect(await jobsFor()).toBe(1)
			freezeClockAt(new Date(Date.now() + 61 * 60_000))
			await drainOutbox.run({})
			expect(await jobsFor()).toBe(2)
			await drainOutbox.run({})
			expect(await jobsFor()).toBe(2)
		} finally {
			resetClock()
		}
	})
})
