import { getConnection } from '../../db/client'

/**
 * Live workspaces: each web process listens once on PostgreSQL's `workspace_items` channel (a
 * trigger notifies it with the relationship's id when a message, goal, assignment or tracked email
 * changes, as the change commits: migration 0023), and tells the open workspaces of that
 * relationship in this process. So a message written through any process reaches a workspace open
 * on any other. postgres.js keeps the LISTEN on a connection of its own and listens again after a
 * reconnection.
 */

type Listener = () => void
type State = { listening: Promise<unknown> | null; url: string | null; byRelationship: Map<string, Set<Listener>> }

const global = globalThis as unknown as { __mentoraWorkspaceEvents?: State }

function state(): State {
	global.__mentoraWorkspaceEvents ??= { listening: null, url: null, byRelationship: new Map() }
	return global.__mentoraWorkspaceEvents
}

/** Calls `listener` whenever the relationship's timeline changes; resolves once listening, to the function that stops it. */
export async function followWorkspace(relationshipId: string, listener: Listener): Promise<() => void> {
	const kept = state()
	const listeners = kept.byRelationship.get(relationshipId) ?? new Set()
	listeners.add(listener)
	kept.byRelationship.set(relationshipId, listeners)
	const connection = getConnection()
	// A process that moved to another database (a test file of its own) listens there instead.
	if (kept.url !== connection.url) {
		kept.listening = null
		kept.url = connection.url
	}
	kept.listening ??= connection.sql
		.listen('workspace_items', (id) => {
			for (const notify of state().byRelationship.get(id) ?? []) notify()
		})
		.catch((error: unknown) => {
			// The next workspace opened tries again.
			kept.listening = null
			throw error
		})
	await kept.listening
	return () => {
		listeners.delete(listener)
		if (listeners.size === 0) kept.byRelationship.delete(relationshipId)
	}
}

/** How many workspaces this process follows (for the benchmark). */
export const followedCount = () => [...state().byRelationship.values()].reduce((n, set) => n + set.size, 0)
