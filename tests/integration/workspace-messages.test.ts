import { eq } from 'drizzle-orm'
import postgres from 'postgres'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import * as listApi from '../../app/routes/api.v1.relationships._index'
import * as eventsApi from '../../app/routes/api.v1.relationships.$id.events'
import * as messagesApi from '../../app/routes/api.v1.relationships.$id.messages'
import * as readApi from '../../app/routes/api.v1.relationships.$id.read'
import * as timelineApi from '../../app/routes/api.v1.relationships.$id.timeline'
import * as messageApi from '../../app/routes/api.v1.messages.$id'
import { advanceClock, freezeClockAt, resetClock } from '../../app/utils/clock.server'
import { createSession } from '../../app/services/auth-sessions.server'
import { getConnection, getDb } from '../../db/client'
import { goals, messages, relationships } from '../../db/schema'
import { call } from '../support/http'
import { member, programme } from '../support/programmes'

/**
 * The workspace's messages and timeline (PRODUCT.md "Relationship workspace"): its two people write,
 * ask and answer, edit or delete within 15 minutes, read; coordinators and admins see activity
 * without bodies; anyone else is told it does not exist; the timeline pages back by cursor; a
 * message reaches an open workspace live, whichever connection wrote it.
 */

const NOW = new Date('2027-03-01T10:00:00Z')

beforeEach(() => freezeClockAt(NOW))
afterEach(() => resetClock())

/** A person with a session made on the set clock. */
async function person(options: Parameters<typeof member>[0] = {}) {
	const made = await member(options)
	return { ...made, cookie: `mentora_session=${(await createSession(made.user.id, NOW)).token}` }
}

async function pair(status: 'confirmed' | 'ended' = 'confirmed') {
	const mentor = await person({ role: 'mentor', name: 'Mona Mentor' })
	const mentee = await person({ role: 'mentee', name: 'Mel Mentee' })
	const coordinator = await person({ role: 'mentor', name: 'Coco Coordinator' })
	const p = await programme({ coordinators: [coordinator.user.id] })
	const [relationship] = await getDb()
		.insert(relationships)
		.values({
			mentorId: mentor.user.id,
			menteeId: mentee.user.id,
			status,
			origin: 'programme',
			programmeId: p.id,
			createdAt: new Date('2027-02-01T09:00:00Z'),
			mentorConfirmedAt: new Date('2027-02-01T10:00:00Z'),
			menteeConfirmedAt: new Date('2027-02-02T10:00:00Z'),
			closedAt: status === 'ended' ? new Date('2027-02-20T10:00:00Z') : null,
		})
		.returning()
	return { mentor, mentee, coordinator, relationship: relationship! }
}

const post = (cookie: string | null, id: string, body: unknown) => call(messagesApi.action, { path: `/api/v1/relationships/${id}/messages`, body, cookie, params: { id } })
const timeline = (cookie: string | null, id: string, query = '') => call(timelineApi.loader, { path: `/api/v1/relationships/${id}/timeline${query}`, cookie, params: { id } })
const list = (cookie: string) => call(listApi.loader, { path: '/api/v1/relationships', cookie })
const change = (cookie: string, id: string, method: 'PATCH' | 'DELETE', body?: unknown) => call(messageApi.action, { path: `/api/v1/messages/${id}`, method, body, cookie, params: { id } })

describe('writing and reading', () => {
	test('a message is 201 and shows in both timelines with its body; unread for the other side until read', async () => {
		const { mentor, mentee, relationship } = await pair()
		const sent = await post(mentee.cookie, relationship.id, { body: 'Hello **Mona**' })
		expect(sent.response.status).toBe(201)
		expect(sent.json.message).toMatchObject({ relationshipId: relationship.id, author: { id: mentee.user.id, name: 'Mel Mentee' }, body: 'Hello **Mona**', question: false, deleted: false })

		const seen = await timeline(mentor.cookie, relationship.id, '?kind=message')
		expect(seen.json.items.map((i: { body: string }) => i.body)).toEqual(['Hello **Mona**'])
		const mine = (await list(mentor.cookie)).json.relationships.find((r: { id: string }) => r.id === relationship.id)
		expect(mine).toMatchObject({ status: 'confirmed', unread: 1, lastContactAt: NOW.toISOString(), mentor: { id: mentor.user.id }, mentee: { id: mentee.user.id } })
		expect(mine.trackingAddress).toMatch(/^[0-9a-f]{32}@inbound\.mentora\.localhost$/)
		// The author has read what they wrote.
		expect((await list(mentee.cookie)).json.relationships[0].unread).toBe(0)

		const read = await call(readApi.action, { path: `/api/v1/relationships/${relationship.id}/read`, body: { upTo: sent.json.message.id }, cookie: mentor.cookie, params: { id: relationship.id } })
		expect(read.json).toEqual({ unread: 0 })
	})

	test('a question is answered by the other side and shows as answered; one cannot answer oneself or a plain message', async () => {
		const { mentor, mentee, relationship } = await pair()
		const question = (await post(mentee.cookie, relationship.id, { body: 'How do I prepare?', question: true })).json.message
		const plain = (await post(mentee.cookie, relationship.id, { body: 'Thanks' })).json.message
		const own = await post(mentee.cookie, relationship.id, { body: 'Me again', answers: question.id })
		expect(own.response.status).toBe(422)
		expect(own.json.error.fields.answers).toBeDefined()
		expect((await post(mentor.cookie, relationship.id, { body: 'x', answers: plain.id })).response.status).toBe(422)
		expect((await timeline(mentor.cookie, relationship.id)).json.items.find((i: { id: string }) => i.id === question.id).answered).toBe(false)
		expect((await post(mentor.cookie, relationship.id, { body: 'Read the brief', answers: question.id })).response.status).toBe(201)
		expect((await timeline(mentee.cookie, relationship.id)).json.items.find((i: { id: string }) => i.id === question.id).answered).toBe(true)
	})

	test('edit and delete one’s own message within 15 minutes; after that 409 edit_window_closed; another’s 403', async () => {
		const { mentor, mentee, relationship } = await pair()
		const sent = (await post(mentee.cookie, relationship.id, { body: 'Frist draft' })).json.message
		const edited = await change(mentee.cookie, sent.id, 'PATCH', { body: 'First draft' })
		expect(edited.response.status).toBe(200)
		expect(edited.json.message).toMatchObject({ body: 'First draft', editedAt: NOW.toISOString() })
		expect((await change(mentor.cookie, sent.id, 'PATCH', { body: 'Hijack' })).response.status).toBe(403)
		advanceClock(15 * 60_000 + 1000)
		const late = await change(mentee.cookie, sent.id, 'PATCH', { body: 'Too late' })
		expect(late.response.status).toBe(409)
		expect(late.json.error.code).toBe('edit_window_closed')
		expect((await change(mentee.cookie, sent.id, 'DELETE')).json.error.code).toBe('edit_window_closed')
		const [stored] = await getDb().select().from(messages).where(eq(messages.id, sent.id))
		expect(stored!.body).toBe('First draft')

		const fresh = (await post(mentee.cookie, relationship.id, { body: 'Oops' })).json.message
		expect((await change(mentee.cookie, fresh.id, 'DELETE')).response.status).toBe(204)
		const item = (await timeline(mentor.cookie, relationship.id)).json.items.find((i: { id: string }) => i.id === fresh.id)
		expect(item).toMatchObject({ deleted: true, body: null })
	})

	test('refusals: empty or too long 422, an ended relationship 409, nothing written', async () => {
		const { mentee, relationship } = await pair()
		expect((await post(mentee.cookie, relationship.id, { body: '   ' })).response.status).toBe(422)
		expect((await post(mentee.cookie, relationship.id, { body: 'x'.repeat(10_001) })).response.status).toBe(422)
		const ended = await pair('ended')
		const refused = await post(ended.mentee.cookie, ended.relationship.id, { body: 'Still there?' })
		expect(refused.response.status).toBe(409)
		expect(refused.json.error.code).toBe('invalid_transition')
		for (const id of [relationship.id, ended.relationship.id]) expect(await getDb().select().from(messages).where(eq(messages.relationshipId, id))).toHaveLength(0)
	})
})

describe('who sees what', () => {
	test('coordinators and admins see activity without bodies and cannot write; a stranger gets 404; logged out 401', async () => {
		const { mentee, coordinator, relationship } = await pair()
		await post(mentee.cookie, relationship.id, { body: 'Private words' })
		const onlooker = await timeline(coordinator.cookie, relationship.id, '?kind=message')
		expect(onlooker.response.status).toBe(200)
		expect(onlooker.json.items).toEqual([expect.objectContaining({ kind: 'message', body: null, author: expect.objectContaining({ name: 'Mel Mentee' }) })])
		// Searching bodies finds nothing for someone who cannot read them.
		expect((await timeline(coordinator.cookie, relationship.id, '?q=Private')).json.items).toEqual([])
		const admin = await person({ admin: true })
		expect((await timeline(admin.cookie, relationship.id)).response.status).toBe(200)
		for (const who of [coordinator, admin]) expect((await post(who.cookie, relationship.id, { body: 'Hi' })).json.error.code).toBe('not_found')

		const stranger = await person({ role: 'mentee' })
		expect((await timeline(stranger.cookie, relationship.id)).json.error.code).toBe('not_found')
		expect((await post(stranger.cookie, relationship.id, { body: 'Hi' })).response.status).toBe(404)
		expect((await timeline(null, relationship.id)).response.status).toBe(401)
		expect((await timeline(mentee.cookie, 'not-a-uuid')).response.status).toBe(404)
	})
})

describe('the timeline', () => {
	test('pages of 50 back in time by cursor, oldest first within a page, every kind merged, then the status changes', async () => {
		const { mentor, mentee, relationship } = await pair()
		const at = (minute: number) => new Date(Date.UTC(2027, 1, 10, 9, minute))
		await getDb()
			.insert(messages)
			.values(Array.from({ length: 90 }, (_, i) => ({ relationshipId: relationship.id, authorId: i % 2 ? mentor.user.id : mentee.user.id, body: `Message ${i}`, createdAt: at(i) })))
		await getDb().insert(goals).values({ relationshipId: relationship.id, createdBy: mentee.user.id, title: 'Speak up', createdAt: at(45) })

		const first = (await timeline(mentor.cookie, relationship.id)).json
		expect(first.items).toHaveLength(50)
		expect(first.items.at(-1).body).toBe('Message 89')
		expect(first.items[0].body).toBe('Message 41')
		expect(first.items.some((i: { kind: string }) => i.kind === 'goal')).toBe(true)
		const second = (await timeline(mentor.cookie, relationship.id, `?before=${first.nextCursor}`)).json
		// 91 items of the pair and three status changes: proposed and confirmed come first.
		expect(second.items.map((i: { kind: string; body?: string; status?: string }) => i.body ?? i.status).slice(0, 3)).toEqual(['proposed', 'confirmed', 'Message 0'])
		expect(second.items.at(-1).body).toBe('Message 40')
		expect(second.nextCursor).toBeNull()

		expect((await timeline(mentor.cookie, relationship.id, '?kind=goal')).json.items.map((i: { title: string }) => i.title)).toEqual(['Speak up'])
		expect((await timeline(mentor.cookie, relationship.id, '?q=message%2077')).json.items.map((i: { body: string }) => i.body)).toEqual(['Message 77'])
		for (const query of ['?kind=letters', '?limit=0', '?limit=500', '?before=nonsense']) {
			expect((await timeline(mentor.cookie, relationship.id, query)).response.status).toBe(422)
		}
	})
})

describe('live', () => {
	/** Reads the event stream until `until` holds for what came, or fails after 15 seconds (a loaded machine). */
	async function readUntil(body: ReadableStream<Uint8Array>, until: (text: string) => boolean): Promise<string> {
		const reader = body.getReader()
		const decoder = new TextDecoder()
		let text = ''
		const deadline = Date.now() + 15_000
		while (!until(text)) {
			const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now()))])
			if (!chunk || chunk.done) throw new Error(`stream ended or timed out with: ${text}`)
			text += decoder.decode(chunk.value)
		}
		reader.releaseLock()
		return text
	}

	test('a message written by another connection (as another web process would) arrives on the open stream', async () => {
		const { mentor, mentee, relationship } = await pair()
		const abort = new AbortController()
		const request = new Request(`http://localhost:3000/api/v1/relationships/${relationship.id}/events`, { headers: { Cookie: mentor.cookie }, signal: abort.signal })
		const response = (await eventsApi.loader({ request, context: { ip: '203.0.113.7', responseCookies: [] }, params: { id: relationship.id } })) as Response
		expect(response.headers.get('Content-Type')).toBe('text/event-stream; charset=utf-8')
		await readUntil(response.body!, (text) => text.includes(': connected'))

		// A connection of its own, not the app's pool: what another process does.
		const other = postgres(getConnection().url, { max: 1, onnotice: () => {} })
		try {
			// Stamped on the app's clock, which stands at NOW in this test.
			await other`insert into messages (relationship_id, author_id, body, created_at) values (${relationship.id}, ${mentee.user.id}, 'Are you there?', ${NOW})`
			const text = await readUntil(response.body!, (t) => t.includes('Are you there?'))
			expect(text).toMatch(/event: item\ndata: \{.*"kind":"message".*"body":"Are you there\?"/)
		} finally {
			await other.end()
			abort.abort()
		}
	})

	test('a stranger cannot open the stream', async () => {
		const { relationship } = await pair()
		const stranger = await person()
		const answered = await call(eventsApi.loader, { path: `/api/v1/relationships/${relationship.id}/events`, cookie: stranger.cookie, params: { id: relationship.id } })
		expect(answered.response.status).toBe(404)
	})
})
