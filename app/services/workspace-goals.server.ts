import { eq } from 'drizzle-orm'
import { getDb, type Executor } from '../../db/client'
import { goals, users } from '../../db/schema'
import { changeGoal, type GoalCreateInput, type GoalUpdateInput } from '../rules/workspace-goals'
import { DomainError, isDomainError } from '../utils/errors'
import { openWorkspace, requireLive, type Workspace } from './workspace-access.server'

/**
 * Goals in a relationship's workspace: "the mentee sets goals (title, why, target date), both
 * update status and progress". Each change opens the workspace for writing with the relationship
 * row locked, so it cannot race the relationship's ending.
 */

export type Viewer = { id: string; isAdmin: boolean }

export type GoalJson = {
	id: string
	relationshipId: string
	title: string
	why: string | null
	targetDate: string | null
	status: string
	progress: number
	achievedAt: string | null
	createdAt: string
	updatedAt: string
}

export const toGoalJson = (row: typeof goals.$inferSelect): GoalJson => ({
	id: row.id,
	relationshipId: row.relationshipId,
	title: row.title,
	why: row.why,
	targetDate: row.targetDate,
	status: row.status,
	progress: row.progress,
	achievedAt: row.achievedAt?.toISOString() ?? null,
	createdAt: row.createdAt.toISOString(),
	updatedAt: row.updatedAt.toISOString(),
})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Opens the workspace an item belongs to, for writing. An item id that is no uuid, names nothing,
 * or belongs to a relationship the viewer is not one of the two people of: all "does not exist".
 */
export async function openItemWorkspace(tx: Executor, viewer: Viewer, itemId: string, findRelationship: (id: string) => Promise<string | undefined>, what: string): Promise<Workspace> {
	const notFound = new DomainError('not_found', `That ${what} does not exist.`)
	if (!UUID.test(itemId)) throw notFound
	const relationshipId = await findRelationship(itemId)
	if (!relationshipId) throw notFound
	try {
		return await openWorkspace(tx, viewer, relationshipId, { write: true, lock: true })
	} catch (error) {
		if (isDomainError(error) && error.code === 'not_found') throw notFound
		throw error
	}
}

/** "The mentee sets goals": the mentor is told so; anyone else learns nothing of the relationship. */
export async function setGoal(input: { viewer: Viewer; relationshipId: string; goal: GoalCreateInput; now: Date }): Promise<GoalJson> {
	return getDb().transaction(async (tx) => {
		const workspace = await openWorkspace(tx, input.viewer, input.relationshipId, { write: true, lock: true })
		requireLive(workspace)
		if (workspace.side !== 'mentee') throw new DomainError('not_allowed', 'Only the mentee sets goals; you can update their status and progress.')
		const [row] = await tx
			.insert(goals)
			.values({ relationshipId: input.relationshipId, createdBy: input.viewer.id, ...input.goal, createdAt: input.now, updatedAt: input.now })
			.returning()
		return toGoalJson(row!)
	})
}

/** Either person moves a goal's status, progress, title or target date. */
export async function updateGoal(input: { viewer: Viewer; goalId: string; patch: GoalUpdateInput; now: Date }): Promise<GoalJson> {
	return getDb().transaction(async (tx) => {
		const workspace = await openItemWorkspace(
			tx,
			input.viewer,
			input.goalId,
			async (id) => (await tx.select({ relationshipId: goals.relationshipId }).from(goals).where(eq(goals.id, id)))[0]?.relationshipId,
			'goal',
		)
		requireLive(workspace)
		const [current] = await tx.select().from(goals).where(eq(goals.id, input.goalId)).for('update')
		if (!current) throw new DomainError('not_found', 'That goal does not exist.')
		const { title, targetDate, status, progress } = input.patch
		const [row] = await tx
			.update(goals)
			.set({
				...changeGoal(current, { status, progress }, input.now),
				...(title !== undefined ? { title } : {}),
				...(targetDate !== undefined ? { targetDate } : {}),
				updatedAt: input.now,
			})
			.where(eq(goals.id, input.goalId))
			.returning()
		return toGoalJson(row!)
	})
}

/** The mentee's zone: "overdue" is read on their calendar. */
export async function menteeZone(tx: Executor, menteeId: string): Promise<string> {
	const [row] = await tx.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, menteeId))
	return row?.timeZone ?? 'UTC'
}
