import { eq } from 'drizzle-orm'
import { type Executor } from '../../db/client'
import { relationships } from '../../db/schema'
import { DomainError } from '../utils/errors'
import { standingIn } from './programmes.server'

/**
 * Who may do what in a relationship's workspace (PRODUCT.md "Relationship workspace"): its two
 * people read and write; the coordinators of its programme and admins see its activity, read
 * only and without message bodies; to anyone else it does not exist (404, so ids reveal nothing).
 */

export type WorkspaceRelationship = typeof relationships.$inferSelect

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
	viewer: { id: string; isAdmin: boolean },
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

/** The other person of the relationship, seen from `side`. */
export const otherPersonId = (relationship: WorkspaceRelationship, side: 'mentor' | 'mentee') => (side === 'mentor' ? relationship.menteeId : relationship.mentorId)

/** Ended and declined relationships keep their workspace as history: nothing new is added to it. */
export function requireLive(workspace: Workspace): void {
	const { status } = workspace.relationship
	if (status === 'ended' || status === 'declined') {
		throw new DomainError('invalid_transition', 'This relationship has ended: its workspace is kept as history and takes nothing new.')
	}
}
