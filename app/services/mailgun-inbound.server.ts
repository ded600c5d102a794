import { createHmac, timingSafeEqual } from 'node:crypto'
import { MAX_TRACKED_EMAIL_BYTES } from '../rules/tracking-address'
import { getEnv, inboundWebhookSigningKey } from '../utils/env.server'
import { DomainError } from '../utils/errors'
import { receiveTrackedEmail, refuseTooLarge, type InboundOutcome } from './inbound-email.server'

/**
 * Mailgun's inbound routes: `forward("https://<app>/webhooks/inbound-email/mime")`. Mailgun posts
 * the raw message, as `body-mime`, only to a URL ending in `mime` (anywhere else it posts its own
 * parse, which this does not read). Every post carries `timestamp`, `token` and `signature`, the hex
 * HMAC-SHA256 of timestamp + token under the webhook signing key: without the key no one can forge one.
 */

/** How old a signed post may be: a captured one cannot be replayed later than this. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60

export function signMailgun(key: string, timestamp: string, token: string): string {
	return createHmac('sha256', key).update(timestamp + token).digest('hex')
}

function refuseSignature(): DomainError {
	return new DomainError('webhook_signature_invalid', 'The webhook signature does not match.')
}

export function verifyMailgunSignature(key: string, fields: { timestamp?: string; token?: string; signature?: string }, at: Date): void {
	const { timestamp, token, signature } = fields
	if (!timestamp || !token || !signature || !/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/i.test(signature)) throw refuseSignature()
	const expected = Buffer.from(signMailgun(key, timestamp, token), 'hex')
	if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) throw refuseSignature()
	if (Math.abs(at.getTime() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) throw refuseSignature()
}

/** The largest post read: the message itself, form-encoded (up to three bytes per byte), and its few fields. */
export const MAX_WEBHOOK_BODY_BYTES = 3 * MAX_TRACKED_EMAIL_BYTES + 1024 * 1024

export async function receiveMailgunInbound(request: Request, at: Date): Promise<InboundOutcome> {
	const key = inboundWebhookSigningKey(getEnv())
	if (!key) throw new DomainError('inbound_webhook_disabled', 'Inbound email by webhook is not configured here.')
	if (Number(request.headers.get('Content-Length') ?? 0) > MAX_WEBHOOK_BODY_BYTES) throw refuseTooLarge()
	let form: FormData
	try {
		form = await request.formData()
	} catch {
		throw refuseSignature()
	}
	const text = (name: string) => {
		const value = form.get(name)
		return typeof value === 'string' ? value : undefined
	}
	verifyMailgunSignature(key, { timestamp: text('timestamp'), token: text('token'), signature: text('signature') }, at)

	const mime = form.get('body-mime')
	if (mime === null) throw new DomainError('invalid_message', 'The post has no body-mime: the route must forward to a URL ending in "mime".')
	const raw = typeof mime === 'string' ? Buffer.from(mime, 'utf8') : Buffer.from(await mime.arrayBuffer())
	const recipient = text('recipient')
	return receiveTrackedEmail(raw, { mailFrom: text('sender') ?? null, rcptTo: recipient ? recipient.split(',').map((r) => r.trim()) : [] })
}
