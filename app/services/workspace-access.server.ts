import { eq } from 'drizzle-orm'
import { type Executor } from '../../db/client'
import { relationships } from '../../db/schema'
import { DomainError, isDomainError } from '../utils/errors'
import { standingIn } from './programmes.server'

/**
 * Who may do what in a relationship's workspace (PRODUCT.md "Relationship workspace"): its two
 * people read and write; the coordinators of its programme and admins see its activity, read
 * only and without message bodies; to anyone else it does not exist (404, so ids reveal nothing).
 */

export type WorkspaceRelationship = typeof relationships.$inferSelect

export type Viewer = { id: string; isAdmin: boolean }

export type Workspace = {
	relationship: WorkspaceRelationship
	/** The viewer's side, or null for a coordinator or admin looking on. */
	side: 'mentor' | 'mentee' | null
	/** The two people write; onlookers only read. */
	canWrite: boolean
	/** Message and email bodies are for the two people alone. */
	seesBodies: boolean
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const notFound = () => new DomainError('not_found', 'That relationship does not exist.')

/**
 * Opens the workspace for the viewer. `write` asks for one of the two people: anyone else is told
 * it does not exist. `lock` takes the relationship row for update (a change that must not race
 * its ending).
 */
export async function openWorkspace(
	db: Executor,
	viewer: Viewer,
	relationshipId: string,
	options: { write?: boolean; lock?: boolean } = {},
): Promise<Workspace> {
	if (!UUID.test(relationshipId)) throw notFound()
	const query = db.select().from(relationships).where(eq(relationships.id, relationshipId))
	const [relationship] = options.lock ? await query.for('update') : await query
	if (!relationship) throw notFound()
	const side = relationship.mentorId === viewer.id ? 'mentor' : relationship.menteeId === viewer.id ? 'mentee' : null
	if (side) return { relationship, side, canWrite: true, seesBodies: true }
	if (options.write) throw notFound()
	const onlooker = viewer.isAdmin || (relationship.programmeId !== null && (await standingIn(db, relationship.programmeId, viewer.id)) === 'coordinator')
	if (!onlooker) throw notFound()
	return { relationship, side: null, canWrite: false, seesBodies: false }
}

/**
 * Opens for writing the workspace an item (a goal, a learning assignment) belongs to, its
 * relationship row locked. An item id that is no uuid, names nothing, or belongs to a relationship
 * the viewer is not one of the two people of: all "that <item> does not exist".
 */
export async function openItemWorkspace(db: Executor, viewer: Viewer, item: { id: string; name: string; relationshipOf: (id: string) => Promise<string | undefined> }): Promise<Workspace> {
	const notFound = new DomainError('not_found', `That ${item.name} does not exist.`)
	if (!UUID.test(item.id)) throw notFound
	const relationshipId = await item.relationshipOf(item.id)
	if (!relationshipId) throw notFound
	try {
		return await openWorkspace(db, viewer, relationshipId, { write: true, lock: true })
	} catch (error) {
		if (isDomainError(error) && error.code === 'not_found') throw notFound
		throw error
	}
}

/** The other person of the relationship, seen from `side`. */
export const otherPersonId = (relationship: WorkspaceRelationship, side: 'mentor' | 'mentee') => (side === 'mentor' ? relationship.menteeId : relationship.mentorId)

/** Ended and declined relationships keep their workspace as history: nothing new is added to it. */
export function requireLive(workspace: Workspace): void {
	const { status } = workspace.relationship
	if (status === 'ended' || status === 'declined') {
		throw new DomainError('invalid_transition', 'This relationship has ended: its workspace is kept as history and takes nothing new.')
	}
}
