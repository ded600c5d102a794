import { describe, expect, test } from 'vitest'
import * as dossierRoute from '../../app/routes/api.v1.me.dossier'
import * as profilePage from '../../app/routes/settings.profile/route'
import { getProfile, listSubjects } from '../../app/services/profiles.server'
import { databaseFingerprint } from '../support/fingerprint'
import { call } from '../support/http'
import { page } from '../support/pages'
import { member } from '../support/programmes'

const get = (cookie: string | null, query: string) => call(dossierRoute.loader, { path: `/api/v1/me/dossier${query}`, cookie })
const put = (cookie: string | null, query: string, body: unknown) => call(dossierRoute.action, { method: 'PUT', path: `/api/v1/me/dossier${query}`, cookie, body })

async function refusedWithoutWrites(run: () => ReturnType<typeof call>, status: number, code: string) {
	const before = await databaseFingerprint()
	const { response, json } = await run()
	expect({ status: response.status, code: json?.error?.code }).toEqual({ status, code })
	expect(await databaseFingerprint()).toBe(before)
	return json
}

describe('GET · PUT /api/v1/me/dossier', () => {
	test('a mentor replaces their dossier and reads it back as stored: trimmed, languages de-duplicated, capacity kept when left out', async () => {
		const mentor = await member({ role: 'mentor' })
		const [first, second] = (await listSubjects()).map((s) => s.slug)
		const { response, json } = await put(mentor.cookie, '?role=mentor', {
			headline: '  Staff engineer  ',
			bio: 'I help with system design.',
			goals: 'ignored for a mentor',
			subjects: [first, second, first],
			industry: 'Software',
			role: 'Staff engineer',
			department: 'Platform',
			location: 'Berlin',
			languages: ['English', ' german ', 'english'],
			yearsExperience: 12,
			workHistory: 'Ten years at scale.',
		})
		expect(response.status).toBe(200)
		const expected = {
			headline: 'Staff engineer',
			bio: 'I help with system design.',
			subjects: expect.arrayContaining([first, second]),
			industry: 'Software',
			role: 'Staff engineer',
			department: 'Platform',
			location: 'Berlin',
			languages: ['English', 'german'],
			yearsExperience: 12,
			workHistory: 'Ten years at scale.',
			capacity: 3,
		}
		expect(json.dossier).toEqual(expected)
		expect(json.dossier.subjects).toHaveLength(2)
		expect((await get(mentor.cookie, '?role=mentor')).json.dossier).toEqual(expected)
		// The profile page reads the same storage.
		expect((await getProfile(mentor.user.id)).mentor).toMatchObject({ headline: 'Staff engineer', languages: ['English', 'german'] })

		const fewer = await put(mentor.cookie, '?role=mentor', { subjects: [], languages: ['French'], capacity: 5 })
		expect(fewer.json.dossier).toEqual({ ...expected, headline: '', bio: '', subjects: [], industry: '', role: '', department: '', location: '', languages: ['French'], yearsExperience: 0, workHistory: '', capacity: 5 })
	})

	test('a mentee has goals and no capacity; what the page saved, the API reads', async () => {
		const mentee = await member()
		const empty = await get(mentee.cookie, '?role=mentee')
		expect([empty.response.status, empty.json.dossier.goals, empty.json.dossier]).toEqual([200, '', expect.not.objectContaining({ capacity: expect.anything() })])
		const saved = await put(mentee.cookie, '?role=mentee', { goals: 'Lead a team', subjects: [], languages: [], capacity: 4 })
		expect(saved.response.status).toBe(200)
		expect(saved.json.dossier).toMatchObject({ goals: 'Lead a team', languages: [] })
		expect(saved.json.dossier).not.toHaveProperty('capacity')

		const posted = await page(profilePage.action, {
			path: '/settings/profile',
			cookie: mentee.cookie,
			fields: { name: 'Mia', timeZone: 'Europe/Berlin', 'mentee.headline': 'From the page', 'mentee.languages': 'Dutch, English', 'mentee.yearsExperience': '2' },
		})
		expect(posted.response.status).toBe(302)
		expect((await get(mentee.cookie, '?role=mentee')).json.dossier).toMatchObject({ headline: 'From the page', languages: ['Dutch', 'English'], yearsExperience: 2, goals: '' })
	})

	test('422 with fields for an unknown subject, too many subjects or languages, a bad type, a mentor without a language; nothing written', async () => {
		const mentor = await member({ role: 'mentor' })
		const slugs = (await listSubjects()).map((s) => s.slug)
		const unknown = await refusedWithoutWrites(() => put(mentor.cookie, '?role=mentor', { subjects: ['no-such-subject'], languages: ['English'] }), 422, 'validation_failed')
		expect(Object.keys(unknown.error.fields)).toEqual(['subjects'])
		expect(unknown.error.fields.subjects[0]).toMatch(/no-such-subject/)
		const many = Array.from({ length: 11 }, (_, i) => slugs[i % slugs.length]! + (i >= slugs.length ? `-${i}` : ''))
		const tooMany = await refusedWithoutWrites(() => put(mentor.cookie, '?role=mentor', { subjects: many, languages: Array.from({ length: 11 }, (_, i) => `L${i}`) }), 422, 'validation_failed')
		expect(Object.keys(tooMany.error.fields).sort()).toEqual(['languages', 'subjects'])
		const bad = await refusedWithoutWrites(() => put(mentor.cookie, '?role=mentor', { headline: 5, subjects: 'design', languages: [], yearsExperience: 71, capacity: -1 }), 422, 'validation_failed')
		expect(Object.keys(bad.error.fields).sort()).toEqual(['capacity', 'headline', 'languages', 'subjects', 'yearsExperience'])
		const missing = await refusedWithoutWrites(() => put(mentor.cookie, '?role=mentor', {}), 422, 'validation_failed')
		expect(Object.keys(missing.error.fields).sort()).toEqual(['languages', 'subjects'])
		await refusedWithoutWrites(() => put(mentor.cookie, '?role=mentor', { subjects: [], languages: ['English, German'] }), 422, 'validation_failed')
		await refusedWithoutWrites(() => put(mentor.cookie, '?role=boss', { subjects: [], languages: ['English'] }), 422, 'validation_failed')
		expect((await get(mentor.cookie, '')).json.error.fields).toHaveProperty('role')
		await refusedWithoutWrites(() => call(dossierRoute.action, { method: 'PUT', path: '/api/v1/me/dossier?role=mentor', cookie: mentor.cookie, rawBody: '{' }), 400, 'invalid_json')
	})

	test('403 not_allowed for a role the person does not have, 401 signed out, 405 for other methods; nothing written', async () => {
		const mentee = await member()
		const mentor = await member({ role: 'mentor' })
		await refusedWithoutWrites(() => get(mentee.cookie, '?role=mentor'), 403, 'not_allowed')
		await refusedWithoutWrites(() => put(mentee.cookie, '?role=mentor', { subjects: [], languages: ['English'] }), 403, 'not_allowed')
		await refusedWithoutWrites(() => get(mentor.cookie, '?role=mentee'), 403, 'not_allowed')
		await refusedWithoutWrites(() => put(mentor.cookie, '?role=mentee', { subjects: [], languages: [] }), 403, 'not_allowed')
		await refusedWithoutWrites(() => get(null, '?role=mentee'), 401, 'unauthenticated')
		await refusedWithoutWrites(() => put(null, '?role=mentee', { subjects: [], languages: [] }), 401, 'unauthenticated')
		await refusedWithoutWrites(() => call(dossierRoute.action, { method: 'POST', path: '/api/v1/me/dossier?role=mentee', cookie: mentee.cookie, body: {} }), 405, 'method_not_allowed')
	})
})
