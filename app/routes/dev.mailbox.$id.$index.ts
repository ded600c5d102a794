import { type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { isMailboxMode } from '~/services/email-delivery.server'
import { mailboxAttachment } from '~/services/mailbox.server'
import { requireLocalOrAdmin } from '~/utils/session.server'

/** An outbox row's id and an attachment's place in it: anything else is no attachment (404). */
const ParamsSchema = z.object({ id: z.string().uuid(), index: z.string().regex(/^\d{1,2}$/).transform(Number) })

/** Downloads one attachment of a local-mailbox email (an .ics, so a calendar app can open it). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const notFound = () => new Response('Not found', { status: 404 })
	if (!isMailboxMode()) return notFound()
	await requireLocalOrAdmin(request, context)
	const parsed = ParamsSchema.safeParse(params)
	if (!parsed.success) return notFound()
	const attachment = await mailboxAttachment(parsed.data.id, parsed.data.index)
	if (!attachment) return notFound()
	return new Response(attachment.content, {
		headers: {
			'Content-Type': attachment.contentType,
			'Content-Disposition': `attachment; filename="${attachment.filename.replace(/"/g, '')}"`,
		},
	})
}
