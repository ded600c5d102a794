import { sql } from 'drizzle-orm'
import { getDb, type Transaction } from '../../db/client'
import { menteeProfiles, mentorProfiles, users } from '../../db/schema'
import { slugify } from '../rules/slug'
import { DomainError } from '../utils/errors'
import { type LoginInput, type SignupInput } from '../utils/validation'
import { createSession } from './auth-sessions.server'
import { queueVerificationEmail } from './email-verification.server'
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.server'
import { admitLoginAttempt, admitSignup, knownDevice, newDeviceToken, recordLoginSuccess } from './throttle.server'

type RequestMeta = { ip: string; now: Date }

export async function signUp(input: SignupInput, { ip, now }: RequestMeta) {
	await admitSignup(input.email, ip)

	const passwordHash = await hashPassword(input.password)
	const user = await getDb().transaction(async (tx) => {
		const [taken] = await tx
			.select({ id: users.id })
			.from(users)
			.where(sql`lower(${users.email}) = lower(${input.email})`)
		if (taken) throw emailTaken()
		const [created] = await tx
			.insert(users)
			.values({
				email: input.email,
				name: input.name,
				timeZone: input.timeZone,
				passwordHash,
				isMentee: input.role === 'mentee',
				isMentor: input.role === 'mentor',
				createdAt: now,
				updatedAt: now,
			})
			.returning()
			.catch((error: unknown) => {
				throw isUniqueViolation(error, 'users_email_lower_unique') ? emailTaken() : error
			})
		if (!created) throw new Error('insert returned no user')
		if (input.role === 'mentor') await createMentorProfile(tx, created.id, input.name, now)
		else await tx.insert(menteeProfiles).values({ userId: created.id, updatedAt: now })
		await queueVerificationEmail(tx, created, now)
		return created
	})
	const session = await createSession(user.id, now)
	return { user, session, deviceToken: newDeviceToken(user.id) }
}

/**
 * Logs in with email and password. The attempt is counted before the password is checked
 * (throttle.server.ts); `deviceToken` is the signed cookie of a device that logged in before, and
 * the answer carries a new one for a device that had none.
 */
export async function logIn(input: LoginInput, { ip, now, deviceToken }: RequestMeta & { deviceToken?: string | null }) {
	const [user] = await getDb()
		.select()
		.from(users)
		.where(sql`lower(${users.email}) = lower(${input.email})`)
	const attempt = { email: input.email, ip, userId: user?.id ?? null, deviceToken: deviceToken ?? null }
	await admitLoginAttempt(attempt)
	const valid = user ? await verifyPassword(user.passwordHash, input.password) : await burnPasswordCheck(input.password)
	if (!user || !valid) {
		throw new DomainError('invalid_credentials', 'That email and password do not match an account.')
	}
	await recordLoginSuccess(attempt)
	const session = await createSession(user.id, now)
	const known = knownDevice(attempt) ? attempt.deviceToken : null
	return { user, session, deviceToken: known ?? newDeviceToken(user.id) }
}

/** Gives a user a mentor dossier with a unique public slug (becoming a mentor later uses this too). */
export async function createMentorProfile(tx: Transaction, userId: string, name: string, now: Date) {
	const base = slugify(name)
	for (let attempt = 0; ; attempt++) {
		const slug = attempt === 0 ? base : `${base}-${attempt + 1}`
		const inserted = await tx
			.insert(mentorProfiles)
			.values({ userId, slug, updatedAt: now })
			.onConflictDoNothing({ target: mentorProfiles.slug })
			.returning({ slug: mentorProfiles.slug })
		if (inserted.length > 0) return slug
	}
}

function emailTaken() {
	return new DomainError('email_taken', 'An account with that email already exists. Log in instead.', {
		email: ['An account with that email already exists.'],
	})
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
	const e = error as { code?: string; constraint_name?: string; cause?: unknown }
	if (e?.code === '23505' && e.constraint_name === constraint) return true
	return e?.cause !== undefined && isUniqueViolation(e.cause, constraint)
}

/** A user as the API shows them: never the password hash. */
export function toApiUser(user: {
	id: string
	email: string
	emailVerifiedAt: Date | null
	name: string
	timeZone: string
	isMentee: boolean
	isMentor: boolean
	isAdmin: boolean
	createdAt: Date
}) {
	return {
		id: user.id,
		email: user.email,
		emailVerified: user.emailVerifiedAt !== null,
		name: user.name,
		timeZone: user.timeZone,
		roles: { mentee: user.isMentee, mentor: user.isMentor, admin: user.isAdmin },
		createdAt: user.createdAt.toISOString(),
	}
}
