import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id baseline: 19 MiB of memory, 2 iterations, 1 degree of parallelism.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password)
	} catch {
		return false
	}
}

let dummyHash: Promise<string> | undefined

/**
 * Verifying against a throwaway hash when the email is unknown makes both failures take the
 * same time, so response timing does not reveal which emails have accounts.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
	dummyHash ??= hashPassword('mentora-timing-equaliser')
	await verifyPassword(await dummyHash, password)
}
