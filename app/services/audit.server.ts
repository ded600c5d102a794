import { type Transaction } from '../../db/client'
import { auditLog } from '../../db/schema'

/** "Every admin action is written to an audit log": inside the transaction that does it, so both or neither. */
export async function writeAudit(
	tx: Transaction,
	entry: { actorId: string; action: string; subjectType: string; subjectId: string; details?: Record<string, unknown>; at: Date },
): Promise<void> {
	await tx.insert(auditLog).values({
		actorId: entry.actorId,
		action: entry.action,
		subjectType: entry.subjectType,
		subjectId: entry.subjectId,
		details: entry.details ?? {},
		createdAt: entry.at,
	})
}
