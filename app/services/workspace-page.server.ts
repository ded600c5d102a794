import { eq, inArray } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { programmes, users } from '../../db/schema'
import { type Workspace } from './workspace-access.server'

const STATUS_WORDS = {
	pending: 'Waiting for both sides to confirm',
	confirmed: 'Confirmed',
	declined: 'Declined',
	ended: 'Ended',
} as const

/** What the workspace page says above its timeline: who, in which programme, and why one may not write. */
export async function workspaceHeader({ relationship: r, side }: Workspace) {
	const db = getDb()
	const people = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [r.mentorId, r.menteeId]))
	const name = (id: string) => people.find((p) => p.id === id)?.name ?? ''
	const [programme] = r.programmeId ? await db.select({ name: programmes.name }).from(programmes).where(eq(programmes.id, r.programmeId)) : []
	return {
		id: r.id,
		title: `${name(r.mentorId)} (mentor) and ${name(r.menteeId)} (mentee)`,
		statusWords: STATUS_WORDS[r.status],
		programme: programme?.name ?? null,
		readOnlyReason: side
			? 'This relationship has ended: its workspace is kept as history.'
			: 'You see this relationship’s activity as its coordinator or an admin; what the two people write is theirs.',
	}
}
