import postgres from 'postgres'
import { databaseUrl } from '../../db/client'

/**
 * What a mentor's public page and slots are made of (the profile and subjects, bundle offers, who
 * the slug names, the calendars, the live sessions), kept by each web process so a public profile
 * and the slots API ask the database nothing on a repeat visit. Kept only what can be dropped
 * exactly: every change to those rows notifies channel `mentor_schedule` with the mentor's id
 * when it commits (migrations 0015 and 0016), and each process listens on a connection of its own
 * and drops that mentor's entries.
 *
 * - Nothing is kept unless the process is listening: before start, after stop, and from the moment
 *   the listening connection closes until it listens again (all is dropped then, as notifications
 *   may have been missed meanwhile).
 * - A read that a notification for its mentor overtakes is answered but not kept, so a read begun
 *   before a change and finished after it never outlives the change.
 * - A change reaches the other processes as the notification does, typically within a millisecond
 *   of the commit; a booking is always checked against the database itself, so at worst a slot is
 *   shown a moment too long and refused with slot_unavailable.
 *
 * The state lives on globalThis: the server (server/roles.ts) starts it, and the built app, a
 * module graph of its own, reads it.
 */

const CHANNEL = 'mentor_schedule'
/** Entries kept per process before the oldest go: far more mentors than a page shows. */
const MAX_ENTRIES = 20_000
const RELISTEN_AFTER_MS = 1000

type Entry = { mentorId: string; value: unknown }

type State = {
	sql: postgres.Sql | null
	listening: boolean
	stopped: boolean
	relistenPending: boolean
	/** Bumped by every notification and every drop of everything: reads compare it. */
	sequence: number
	droppedAllAt: number
	notifiedAt: Map<string, number>
	entries: Map<string, Entry>
	keysByMentor: Map<string, Set<string>>
}

const global = globalThis as unknown as { __mentoraScheduleCache?: State }

function state(): State | undefined {
	return global.__mentoraScheduleCache
}

/** Starts listening on the app's database and keeping entries; resolves once listening. */
export async function startMentorScheduleCache(url = databaseUrl()): Promise<void> {
	if (state()?.sql) return
	const kept: State = {
		sql: null,
		listening: false,
		stopped: false,
		relistenPending: false,
		sequence: 0,
		droppedAllAt: 0,
		notifiedAt: new Map(),
		entries: new Map(),
		keysByMentor: new Map(),
	}
	global.__mentoraScheduleCache = kept
	// postgres.js reads `onnotify` (every notification on the connection) like its other options,
	// though its types leave it out; `onclose` tells that the connection and its LISTEN are gone.
	const options: postgres.Options<Record<string, never>> & { onnotify: (channel: string, payload: string) => void } = {
		max: 1,
		// Held open for good: every reconnection drops everything kept.
		idle_timeout: 0,
		max_lifetime: null,
		onnotice: () => {},
		onnotify: (channel, mentorId) => {
			if (channel !== CHANNEL) return
			// '*': a change that concerns every mentor (a subject renamed).
			if (mentorId === '*') dropAll(kept)
			else forget(kept, mentorId)
		},
		onclose: () => {
			kept.listening = false
			dropAll(kept)
			relistenSoon(kept)
		},
	}
	kept.sql = postgres(url, options)
	await listen(kept)
}

/** Listens again a moment after the connection closed, and again after that while it fails. */
function relistenSoon(kept: State) {
	if (kept.stopped || kept.relistenPending) return
	kept.relistenPending = true
	setTimeout(() => {
		kept.relistenPending = false
		listen(kept).catch(() => relistenSoon(kept))
	}, RELISTEN_AFTER_MS).unref()
}

async function listen(kept: State): Promise<void> {
	if (kept.stopped || !kept.sql) return
	await kept.sql.unsafe(`LISTEN ${CHANNEL}`)
	// Whatever was read before this moment may predate a notification this process never got.
	dropAll(kept)
	kept.listening = true
}

export async function stopMentorScheduleCache(): Promise<void> {
	const kept = state()
	if (!kept) return
	kept.stopped = true
	kept.listening = false
	global.__mentoraScheduleCache = undefined
	await kept.sql?.end({ timeout: 5 })
}

function forget(kept: State, mentorId: string) {
	kept.notifiedAt.set(mentorId, ++kept.sequence)
	for (const key of kept.keysByMentor.get(mentorId) ?? []) kept.entries.delete(key)
	kept.keysByMentor.delete(mentorId)
	// Mentors that changed are remembered only to judge reads in flight; a drop of everything does as well.
	if (kept.notifiedAt.size > MAX_ENTRIES) dropAll(kept)
}

function dropAll(kept: State) {
	kept.droppedAllAt = ++kept.sequence
	kept.notifiedAt.clear()
	kept.entries.clear()
	kept.keysByMentor.clear()
}

/**
 * The value kept under `key`, or what `load` reads (then kept, tied to the mentor it names). `fits`
 * says whether a kept value answers this call (a kept stretch of sessions may not reach far enough).
 * When `load` throws or names no mentor (an unknown slug), nothing is kept.
 */
export async function keptForMentor<V>(
	key: string,
	load: () => Promise<{ mentorId: string | null; value: V }>,
	fits: (value: V) => boolean = () => true,
): Promise<V> {
	const kept = state()
	const hit = kept?.entries.get(key)
	if (hit && fits(hit.value as V)) return hit.value as V
	const startedAt = kept?.sequence ?? 0
	const { mentorId, value } = await load()
	if (mentorId !== null && kept?.listening && kept === state() && kept.droppedAllAt <= startedAt && (kept.notifiedAt.get(mentorId) ?? 0) <= startedAt) {
		keep(kept, key, { mentorId, value })
	}
	return value
}

function keep(kept: State, key: string, entry: Entry) {
	kept.entries.delete(key)
	kept.entries.set(key, entry)
	const keys = kept.keysByMentor.get(entry.mentorId) ?? new Set()
	keys.add(key)
	kept.keysByMentor.set(entry.mentorId, keys)
	if (kept.entries.size > MAX_ENTRIES) {
		const [oldestKey, oldest] = kept.entries.entries().next().value as [string, Entry]
		kept.entries.delete(oldestKey)
		kept.keysByMentor.get(oldest.mentorId)?.delete(oldestKey)
	}
}

/** How many entries this process keeps (for tests and the benchmark). */
export function keptEntryCount(): number {
	return state()?.entries.size ?? 0
}
