import { describe, expect, test } from 'vitest'
import { loader as attachmentLoader } from '../../app/routes/dev.mailbox.$id.$index'
import { loader as mailboxLoader } from '../../app/routes/dev.mailbox'

// A configured Resend key, set before anything reads the environment: the local mailbox must not exist.
process.env.RESEND_API_KEY = 're_configured_in_this_test'

const args = (path: string, params: Record<string, string> = {}) => ({
	request: new Request(`http://localhost:3000${path}`),
	params,
	context: { ip: '203.0.113.7', responseCookies: [] },
})

describe('/dev/mailbox with a Resend key', () => {
	test('answers 404, attachments too', async () => {
		await expect(mailboxLoader(args('/dev/mailbox'))).rejects.toMatchObject({ status: 404 })
		const attachment = await attachmentLoader(args('/dev/mailbox/x/0', { id: '5f0c1d5e-8a7b-4c3d-9e2f-1a2b3c4d5e6f', index: '0' }))
		expect(attachment.status).toBe(404)
	})
})
