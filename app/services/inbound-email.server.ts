import { createHash } from 'node:crypto'
import { inArray } from 'drizzle-orm'
import { simpleParser, type AddressObject, type EmailAddress } from 'mailparser'
import { getDb } from '../../db/client'
import { relationships, trackedEmails, users } from '../../db/schema'
import { findTrackingTokens, MAX_TRACKED_EMAIL_BYTES, parseTrackingAddress } from '../rules/tracking-address'
import { now } from '../utils/clock.server'
import { sanitizeEmailHtml } from '../utils/email-html.server'
import { getEnv } from '../utils/env.server'
import { DomainError } from '../utils/errors'

/**
 * Tracked email: "an email that either person sends with [the tracking address] in To or Cc is
 * received, matched to the relationship, and added to the timeline. Mail from anyone else, to an
 * unknown or revoked token, or over 10 MB is refused and nothing is stored; the same Message-ID
 * twice is stored once." The local SMTP server and the provider's webhook both end here.
 */

/** What the SMTP conversation said, beside the message: MAIL FROM and every RCPT TO. */
export type Envelope = { mailFrom?: string | null; rcptTo: readonly string[] }

export type InboundOutcome = { outcome: 'stored' | 'duplicate'; relationshipId: string; trackedEmailId: string | null }

export function inboundDomain(): string {
	return getEnv().MENTORA_INBOUND_DOMAIN
}

/**
 * The relationship behind the first of these tokens that has one; a revoked token (cleared to
 * null) matches nothing, so a stale address beside a live one does not hide it.
 */
async function relationshipByTokens(tokens: string[]) {
	if (tokens.length === 0) return null
	const rows = await getDb()
		.select({ id: relationships.id, token: relationships.trackingToken, mentorId: relationships.mentorId, menteeId: relationships.menteeId })
		.from(relationships)
		.where(inArray(relationships.trackingToken, tokens))
	return tokens.map((token) => rows.find((row) => row.token === token)).find((row) => row !== undefined) ?? null
}

/** Whether mail to this address could be accepted at all: asked at RCPT time, before the data is sent. */
export async function isTrackingRecipient(address: string): Promise<boolean> {
	const token = parseTrackingAddress(address, inboundDomain())
	return token !== null && (await relationshipByTokens([token])) !== null
}

export function refuseTooLarge(): DomainError {
	return new DomainError('message_too_large', `Mail to a tracking address is limited to ${MAX_TRACKED_EMAIL_BYTES / 1024 / 1024} MB.`)
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
	const flatten = (list: EmailAddress[]): string[] => list.flatMap((a) => (a.group ? flatten(a.group) : a.address ? [a.address.toLowerCase()] : []))
	return (Array.isArray(field) ? field : field ? [field] : []).flatMap((f) => flatten(f.value))
}

/** PostgreSQL refuses NUL in text; a mail may carry one only by crafting. */
const clean = (text: string) => text.replaceAll('\u0000', '')

/** Receives one raw RFC 5322 message: stores it in its relationship's timeline, or refuses it with a typed DomainError. */
export async function receiveTrackedEmail(raw: Buffer, envelope: Envelope): Promise<InboundOutcome> {
	if (raw.length > MAX_TRACKED_EMAIL_BYTES) throw refuseTooLarge()
	const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true })
	const to = addressesOf(parsed.to)
	const cc = addressesOf(parsed.cc)

	const relationship = await relationshipByTokens(findTrackingTokens([...to, ...cc, ...envelope.rcptTo], inboundDomain()))
	if (!relationship) throw new DomainError('unknown_recipient', 'No relationship has this tracking address.')

	const from = addressesOf(parsed.from)[0]
	if (!from) throw new DomainError('invalid_message', 'The message has no From address.')
	const people = await getDb()
		.select({ id: users.id, email: users.email })
		.from(users)
		.where(inArray(users.id, [relationship.mentorId, relationship.menteeId]))
	const sender = people.find((person) => person.email.toLowerCase() === from)
	if (!sender) throw new DomainError('sender_not_allowed', "Only the relationship's two people can send to its tracking address.")

	// Without a Message-ID, the message's own bytes name it: the same mail delivered twice is still one.
	const messageId = parsed.messageId ?? `<sha256-${createHash('sha256').update(raw).digest('hex')}@mentora.invalid>`
	const sentAt = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : now()
	const [row] = await getDb()
		.insert(trackedEmails)
		.values({
			relationshipId: relationship.id,
			messageId: clean(messageId),
			senderId: sender.id,
			fromAddress: from,
			toAddresses: to,
			ccAddresses: cc,
			subject: clean(parsed.subject ?? ''),
			sentAt,
			text: clean(parsed.text ?? ''),
			html: parsed.html ? clean(sanitizeEmailHtml(parsed.html)) : null,
			attachmentNames: parsed.attachments.flatMap((a) => (a.filename ? [clean(a.filename)] : [])),
		})
		.onConflictDoNothing({ target: [trackedEmails.relationshipId, trackedEmails.messageId] })
		.returning({ id: trackedEmails.id })
	return { outcome: row ? 'stored' : 'duplicate', relationshipId: relationship.id, trackedEmailId: row?.id ?? null }
}
