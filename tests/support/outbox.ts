import { asc, eq, sql } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { emailOutbox, users } from '../../db/schema'
import { uniqueEmail } from './factories'

/** People straight into the table (no password hashing): emails need only a name, an address and a zone. */
export async function person(role: 'mentee' | 'mentor' | 'admin' = 'mentee', timeZone = 'Europe/Berlin', name = `A ${role}`) {
	const [user] = await getDb()
		.insert(users)
		.values({
			email: uniqueEmail(role),
			name,
			timeZone,
			passwordHash: 'not-a-real-hash',
			emailVerifiedAt: new Date(),
			isMentee: role === 'mentee',
			isMentor: role === 'mentor',
			isAdmin: role === 'admin',
		})
		.returning()
	return user!
}

/** Outbox rows about one session (their data names it), oldest first. */
export async function emailsAbout(sessionId: string) {
	return getDb()
		.select()
		.from(emailOutbox)
		.where(sql`${emailOutbox.data} -> 'session' ->> 'id' = ${sessionId}`)
		.orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id))
}

export async function emailsTo(userId: string) {
	return getDb().select().from(emailOutbox).where(eq(emailOutbox.userId, userId)).orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id))
}

/** "template → recipient" pairs, the shape the booking email tests compare. */
export const routing = (rows: { template: string; userId: string | null; toAddress: string }[]) => rows.map((r) => `${r.template} → ${r.userId ?? r.toAddress}`)
