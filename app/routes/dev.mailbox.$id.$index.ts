import { type LoaderFunctionArgs } from '@remix-run/node'
import { isMailboxMode } from '~/services/email-delivery.server'
import { mailboxAttachment } from '~/services/mailbox.server'

/** Downloads one attachment of a local-mailbox email (an .ics, so a calendar app can open it). */
export async function loader({ params }: LoaderFunctionArgs) {
	const notFound = () => new Response('Not found', { status: 404 })
	if (!isMailboxMode() || !/^[0-9a-f-]{36}$/i.test(params.id ?? '') || !/^\d{1,2}$/.test(params.index ?? '')) return notFound()
	const attachment = await mailboxAttachment(params.id!, Number(params.index))
	if (!attachment) return notFound()
	return new Response(attachment.content, {
		headers: {
			'Content-Type': attachment.contentType,
			'Content-Disposition': `attachment; filename="${attachment.filename.replace(/"/g, '')}"`,
		},
	})
}
