/**
 * The relationship workspace's rules (PRODUCT.md "Relationship workspace"), pure: what a message
 * may hold, the 15 minutes in which its author may edit or delete it, which questions are open,
 * and the timeline's kinds and cursor.
 */
import { z } from 'zod'
import { MESSAGE_MAX_LENGTH } from '../../db/schema/workspace'
import { type Verdict } from './booking-rules'

export const EDIT_WINDOW_MINUTES = 15
export const TIMELINE_KINDS = ['message', 'link', 'document', 'goal', 'assignment', 'session', 'email', 'status'] as const
export type TimelineKind = (typeof TIMELINE_KINDS)[number]
export const TIMELINE_PAGE_SIZE = 50
export const TIMELINE_MAX_PAGE_SIZE = 200

const UUID = z.string().uuid('That is not a message of this relationship.')

export const MessageSchema = z.object({
	body: z
		.string({ required_error: 'Write a message.', invalid_type_error: 'A message is text.' })
		.trim()
		.min(1, 'Write a message.')
		.max(MESSAGE_MAX_LENGTH, `Use at most ${MESSAGE_MAX_LENGTH.toLocaleString('en')} characters.`)
		.refine((s) => !s.includes('\u0000'), 'Text must not contain NUL characters.'),
	question: z.boolean({ invalid_type_error: 'Say true or false.' }).optional().default(false),
	answers: UUID.nullish().transform((v) => v ?? null),
})
export type MessageInput = z.infer<typeof MessageSchema>

export const MessageEditSchema = MessageSchema.pick({ body: true })

/** "Edit or delete your own within 15 minutes." */
export function messageChangeVerdict(message: { authorId: string; createdAt: Date; deletedAt: Date | null }, userId: string, now: Date): Verdict {
	if (message.authorId !== userId) return { ok: false, code: 'not_allowed', message: 'Only its author can change a message.' }
	if (message.deletedAt) return { ok: false, code: 'not_found', message: 'That message was deleted.' }
	if (now.getTime() - message.createdAt.getTime() > EDIT_WINDOW_MINUTES * 60_000) {
		return { ok: false, code: 'edit_window_closed', message: `A message can be edited or deleted for ${EDIT_WINDOW_MINUTES} minutes after it was sent.` }
	}
	return { ok: true }
}

/** An answer is to a question the other person asked in the same relationship. */
export function answerVerdict(question: { relationshipId: string; authorId: string; question: boolean; deletedAt: Date | null } | null, relationshipId: string, userId: string): Verdict {
	if (!question || question.relationshipId !== relationshipId || !question.question || question.deletedAt) {
		return { ok: false, code: 'validation_failed', message: 'Answer a question asked in this relationship.' }
	}
	if (question.authorId === userId) return { ok: false, code: 'validation_failed', message: 'The other person answers your question.' }
	return { ok: true }
}

/** Timeline pages go back in time: the cursor names the oldest item shown, `<instant>|<id>`, base64url. */
export type TimelineCursor = { at: Date; id: string }

export function encodeCursor(cursor: TimelineCursor): string {
	return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`, 'utf8').toString('base64url')
}

export function decodeCursor(text: string): TimelineCursor | null {
	const [at, id] = Buffer.from(text, 'base64url').toString('utf8').split('|')
	const instant = at ? new Date(at) : null
	if (!instant || Number.isNaN(instant.getTime()) || !id || !/^[0-9a-z:-]{1,80}$/i.test(id)) return null
	return { at: instant, id }
}

/** Orders items as the timeline shows them: oldest first, ties by id. */
export const byTime = (a: { at: Date; id: string }, b: { at: Date; id: string }) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Whether an item comes strictly before the cursor (older), in the timeline's order. */
export const olderThan = (item: { at: Date; id: string }, cursor: TimelineCursor | null) => !cursor || byTime(item, cursor) < 0

export type TimelineQueryInput = { kinds: TimelineKind[] | null; q: string | null; before: TimelineCursor | null; limit: number }

/** `kind=a,b` (repeated or comma-separated), `q`, `before=<cursor>`, `limit` (1–200, default 50); refused field by field. */
export function readTimelineQuery(params: URLSearchParams): { ok: true; query: TimelineQueryInput } | { ok: false; fields: Record<string, string[]> } {
	const fields: Record<string, string[]> = {}
	const kinds = params
		.getAll('kind')
		.flatMap((v) => v.split(','))
		.map((v) => v.trim())
		.filter(Boolean)
	const unknown = kinds.filter((k) => !(TIMELINE_KINDS as readonly string[]).includes(k))
	if (unknown.length > 0) fields.kind = [`A kind is one of ${TIMELINE_KINDS.join(', ')}.`]
	const q = (params.get('q') ?? '').trim()
	if (q.length > 200) fields.q = ['Search for at most 200 characters.']
	if (q.includes('\u0000')) fields.q = ['Text must not contain NUL characters.']
	const beforeText = params.get('before')
	const before = beforeText ? decodeCursor(beforeText) : null
	if (beforeText && !before) fields.before = ['That is not a cursor this timeline gave.']
	const limitText = params.get('limit')
	const limit = limitText === null || limitText === '' ? TIMELINE_PAGE_SIZE : Number(limitText)
	if (!Number.isInteger(limit) || limit < 1 || limit > TIMELINE_MAX_PAGE_SIZE) fields.limit = [`The limit is a whole number from 1 to ${TIMELINE_MAX_PAGE_SIZE}.`]
	if (Object.keys(fields).length > 0) return { ok: false, fields }
	return { ok: true, query: { kinds: kinds.length > 0 ? [...new Set(kinds)] as TimelineKind[] : null, q: q || null, before, limit } }
}
