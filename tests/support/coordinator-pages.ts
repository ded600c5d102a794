import { type AppLoadContext } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { getDb } from '../../db/client'
import { menteeProfiles, mentorProfiles, programmes, type MatchingMode } from '../../db/schema'
import { member, programme } from './programmes'

type Handler = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown

/**
 * Calls a programme admin page's loader (no fields) or action (a form post, fields may repeat) as a
 * browser would. Thrown responses (403, 404, redirects) come back as responses; a loader's plain
 * value comes back as `value`.
 */
export async function page(handler: Handler, options: { path: string; slug: string; cookie: string; fields?: [string, string][] }) {
	const request = new Request(`http://localhost:3000${options.path}`, {
		method: options.fields ? 'POST' : 'GET',
		headers: { Cookie: options.cookie, ...(options.fields ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
		body: options.fields ? new URLSearchParams(options.fields).toString() : undefined,
	})
	try {
		const result = await handler({ request, context: { ip: '203.0.113.7', responseCookies: [] }, params: { slug: options.slug } })
		if (result instanceof Response) return { status: result.status, value: null as any, response: result }
		const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } }
		if (wrapped?.type === 'DataWithResponseInit') return { status: wrapped.init?.status ?? 200, value: wrapped.data as any, response: null }
		return { status: 200, value: result as any, response: null }
	} catch (thrown) {
		if (thrown instanceof Response) return { status: thrown.status, value: null as any, response: thrown }
		throw thrown
	}
}

/** A mentor or mentee whose dossier speaks English (matching needs a shared language), with a name. */
export async function speaker(role: 'mentor' | 'mentee', name: string, extra: { capacity?: number; yearsExperience?: number; industry?: string } = {}) {
	const made = await member({ role, name })
	if (role === 'mentor') {
		await getDb()
			.update(mentorProfiles)
			.set({ languages: ['English'], capacity: extra.capacity ?? 3, yearsExperience: extra.yearsExperience ?? 10, industry: extra.industry ?? '' })
			.where(eq(mentorProfiles.userId, made.user.id))
	} else {
		await getDb()
			.update(menteeProfiles)
			.set({ languages: ['English'], yearsExperience: extra.yearsExperience ?? 1, industry: extra.industry ?? '' })
			.where(eq(menteeProfiles.userId, made.user.id))
	}
	return made
}

/** A programme in a matching mode with a coordinator (a signed-in mentor who coordinates it). */
export async function coordinatedProgramme(mode: MatchingMode = 'admin') {
	const coordinator = await member({ role: 'mentor', name: 'Cora Coordinator' })
	const row = await programme({ coordinators: [coordinator.user.id] })
	if (mode !== 'admin') await getDb().update(programmes).set({ matchingMode: mode }).where(eq(programmes.id, row.id))
	return { programme: { ...row, matchingMode: mode }, coordinator }
}
