import { getDb } from '../../db/client'
import { byTime, TIMELINE_PAGE_SIZE } from '../rules/workspace'
import { readTimeline, type TimelineItem } from './timeline.server'
import { openWorkspace } from './workspace-access.server'
import { followWorkspace } from './workspace-events.server'

/** Keeps proxies and browsers from closing a quiet stream. */
const HEARTBEAT_MS = 25_000

const stamp = (item: TimelineItem) => ({ at: new Date(item.at), id: item.id })

/**
 * A relationship's timeline as Server-Sent Events from now on, for whoever may read it (as the
 * timeline page). The stream listens before it reads where it starts, so nothing committed after
 * that read goes unseen; each change notified (workspace-events.server.ts) reads the newest page
 * and sends what is newer than the last item sent, one read at a time however fast changes come.
 */
export async function openLiveTimeline(input: { viewer: { id: string; isAdmin: boolean }; relationshipId: string; signal: AbortSignal }): Promise<ReadableStream<Uint8Array>> {
	const workspace = await openWorkspace(getDb(), input.viewer, input.relationshipId)
	const newest = async () => (await readTimeline(workspace, { kinds: null, q: null, before: null, limit: TIMELINE_PAGE_SIZE })).items
	// Until the stream starts, a notification only marks that there is something to catch up on.
	let changed = false
	let wake = () => {
		changed = true
	}
	const stop = await followWorkspace(input.relationshipId, () => wake())
	let last: TimelineItem | null
	try {
		last = (await newest()).at(-1) ?? null
	} catch (error) {
		stop()
		throw error
	}
	const encoder = new TextEncoder()
	let finish = () => stop()

	return new ReadableStream<Uint8Array>({
		start(controller) {
			let closed = false
			let reading = false
			let again = false
			const send = (text: string) => {
				if (!closed) controller.enqueue(encoder.encode(text))
			}
			const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS)
			heartbeat.unref()
			finish = () => {
				if (closed) return
				closed = true
				clearInterval(heartbeat)
				stop()
			}
			const close = () => {
				if (closed) return
				finish()
				controller.close()
			}
			const catchUp = async () => {
				if (reading) return void (again = true)
				reading = true
				try {
					do {
						again = false
						const items = await newest()
						const fresh = last ? items.filter((item) => byTime(stamp(item), stamp(last!)) > 0) : items
						for (const item of fresh) send(`id: ${item.id}\nevent: item\ndata: ${JSON.stringify(item)}\n\n`)
						if (fresh.length === 0) send('event: changed\ndata: {}\n\n')
						last = fresh.at(-1) ?? last
					} while (again && !closed)
				} catch {
					close()
				} finally {
					reading = false
				}
			}
			send('retry: 3000\n: connected\n\n')
			wake = () => void catchUp()
			if (changed) wake()
			if (input.signal.aborted) close()
			input.signal.addEventListener('abort', close, { once: true })
		},
		cancel() {
			finish()
		},
	})
}
