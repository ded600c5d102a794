/**
 * The local tracking-address mailbox: a real SMTP server (smtp-server), so `swaks` or nodemailer
 * can send to `<token>@MENTORA_INBOUND_DOMAIN` on a laptop as a provider would in production. It
 * listens on loopback only and asks for no authentication; everything it accepts goes through the
 * same handler as the provider's webhook.
 */
import { type AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server'
import { isTrackingRecipient, receiveTrackedEmail, refuseTooLarge } from '../app/services/inbound-email.server'
import { MAX_TRACKED_EMAIL_BYTES } from '../app/rules/tracking-address'
import { isDomainError, type DomainError } from '../app/utils/errors'

export type InboundSmtp = { port: number; stop: () => Promise<void> }

/** SMTP's answers to the handler's refusals: 552 for size, 550 for the rest. */
function smtpError(error: DomainError): Error & { responseCode: number } {
	return Object.assign(new Error(error.message), { responseCode: error.code === 'message_too_large' ? 552 : 550 })
}

/** Reads the message, keeping nothing past the limit (smtp-server marks the stream and answers 552 itself). */
async function readMessage(stream: SMTPServerDataStream): Promise<Buffer | null> {
	const chunks: Buffer[] = []
	let bytes = 0
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		bytes += chunk.length
		if (bytes <= MAX_TRACKED_EMAIL_BYTES) chunks.push(chunk)
	}
	return stream.sizeExceeded || bytes > MAX_TRACKED_EMAIL_BYTES ? null : Buffer.concat(chunks)
}

export async function startInboundSmtp({ port, host = '127.0.0.1', log = () => {} }: { port: number; host?: string; log?: (line: string) => void }): Promise<InboundSmtp> {
	const server = new SMTPServer({
		name: 'mentora-inbound',
		banner: 'Mentora tracked email (local)',
		authOptional: true,
		disabledCommands: ['AUTH', 'STARTTLS'],
		size: MAX_TRACKED_EMAIL_BYTES,
		rejectOversized: true,
		logger: false,
		onRcptTo(address, _session, callback) {
			// An unknown or revoked tracking address is refused before the message is sent.
			isTrackingRecipient(address.address).then(
				(known) => callback(known ? null : Object.assign(new Error('No relationship has this tracking address.'), { responseCode: 550 })),
				(error: unknown) => callback(error as Error),
			)
		},
		onData(stream, session, callback) {
			readMessage(stream)
				.then(async (raw) => {
					if (!raw) throw refuseTooLarge()
					const envelope = {
						mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
						rcptTo: session.envelope.rcptTo.map((r) => r.address),
					}
					const received = await receiveTrackedEmail(raw, envelope)
					log(`[inbound] ${received.outcome} for relationship ${received.relationshipId}`)
					callback(null, received.outcome === 'stored' ? 'Tracked' : 'Already tracked')
				})
				.catch((error: unknown) => {
					if (isDomainError(error)) {
						log(`[inbound] refused: ${error.code}`)
						return callback(smtpError(error))
					}
					log(`[inbound] failed: ${error instanceof Error ? error.message : String(error)}`)
					// A temporary failure: the sender's server tries again later.
					callback(Object.assign(new Error('Try again later.'), { responseCode: 451 }))
				})
		},
	})
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject)
		server.listen(port, host, () => {
			server.off('error', reject)
			resolve()
		})
	})
	server.on('error', (error) => log(`[inbound] ${error.message}`))
	const bound = (server.server.address() as AddressInfo).port
	return { port: bound, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
