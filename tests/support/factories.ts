import { randomBytes } from 'node:crypto'
import { signUp } from '../../app/services/accounts.server'

let counter = 0

export function uniqueEmail(prefix = 'person'): string {
	counter += 1
	return `${prefix}-${counter}-${randomBytes(3).toString('hex')}@example.com`
}

/** Signs a person up through the real service; returns the user, their password and session token. */
export async function createUser(overrides: { role?: 'mentee' | 'mentor'; email?: string; name?: string; timeZone?: string } = {}) {
	const password = `pw-${randomBytes(6).toString('hex')}`
	const input = {
		email: overrides.email ?? uniqueEmail(overrides.role ?? 'mentee'),
		password,
		name: overrides.name ?? 'Test Person',
		role: overrides.role ?? 'mentee',
		timeZone: overrides.timeZone ?? 'Europe/Berlin',
	} as const
	const { user, session } = await signUp(input, { ip: `198.51.100.${(counter % 250) + 1}`, now: new Date() })
	return { user, password, token: session.token, cookie: `mentora_session=${session.token}` }
}
