import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { menteeProfiles, mentorProfiles, programmeCoordinators, programmes, registrations, users, type Audience } from '../../db/schema'
import { createUser } from './factories'

/** A signed-up person (with a session cookie and a dossier), optionally an admin, with a department and location on their dossier. */
export async function member(options: { role?: 'mentee' | 'mentor'; admin?: boolean; email?: string; name?: string; department?: string; location?: string } = {}) {
	const made = await createUser({ role: options.role ?? 'mentee', email: options.email, name: options.name })
	if (options.admin) await getDb().update(users).set({ isAdmin: true }).where(eq(users.id, made.user.id))
	if (options.department !== undefined || options.location !== undefined) {
		const dossier = (options.role ?? 'mentee') === 'mentor' ? mentorProfiles : menteeProfiles
		await getDb()
			.update(dossier)
			.set({ department: options.department ?? '', location: options.location ?? '' })
			.where(eq(dossier.userId, made.user.id))
	}
	return made
}

export const slug = () => `programme-${randomBytes(4).toString('hex')}`

/** A programme straight into the table, with its coordinators. */
export async function programme(values: { audience?: Partial<Audience>; managerValidation?: boolean; coordinators?: string[]; name?: string } = {}) {
	const [row] = await getDb()
		.insert(programmes)
		.values({
			slug: slug(),
			name: values.name ?? 'Leadership 2027',
			matchingMode: 'admin',
			managerValidation: values.managerValidation ?? false,
			audience: { roles: [], departments: [], locations: [], emailDomains: [], ...values.audience },
		})
		.returning()
	for (const userId of values.coordinators ?? []) await getDb().insert(programmeCoordinators).values({ programmeId: row!.id, userId })
	return row!
}

/** A registration straight into the table, in any status. */
export async function registration(values: { programmeId: string; userId: string; role?: 'mentor' | 'mentee'; status?: (typeof registrations.$inferInsert)['status'] }) {
	const [row] = await getDb()
		.insert(registrations)
		.values({ role: 'mentee', status: 'application', ...values })
		.returning()
	return row!
}

/** Every row that a refused request must leave as it was. */
export async function snapshot() {
	const db = getDb()
	const [p, c, r, e, a, o] = await Promise.all([
		db.select().from(programmes),
		db.select().from(programmeCoordinators),
		db.select().from(registrations),
		db.execute('select * from engagement_periods order by id'),
		db.execute('select * from audit_log order by id'),
		db.execute('select id from email_outbox order by id'),
	])
	const byId = <T extends { id?: string }>(rows: T[]) => [...rows].sort((x, y) => String(x.id).localeCompare(String(y.id)))
	return { programmes: byId(p), coordinators: c.sort((x, y) => `${x.programmeId}${x.userId}`.localeCompare(`${y.programmeId}${y.userId}`)), registrations: byId(r), periods: [...e], audit: [...a], outbox: [...o] }
}
