import { eq } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { goals } from '../../db/schema'
import { changeGoal, type GoalCreateInput, type GoalUpdateInput } from '../rules/workspace-goals'
import { DomainError } from '../utils/errors'
import { openItemWorkspace, openWorkspace, requireLive, type Viewer } from './workspace-access.server'

/**
 * Goals in a relationship's workspace: "the mentee sets goals (title, why, target date), both
 * update status and progress". Each change opens the workspace for writing with the relationship
 * row locked, so it cannot race the relationship's ending.
 */

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
		const workspace = await openItemWorkspace(tx, input.viewer, {
			id: input.goalId,
			name: 'goal',
			relationshipOf: async (id) => (await tx.select({ relationshipId: goals.relationshipId }).from(goals).where(eq(goals.id, id)))[0]?.relationshipId,
		})
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
