import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { programmes } from '../../db/schema'
import * as root from '../../app/root'
import * as listPage from '../../app/routes/admin.programmes._index'
import * as newPage from '../../app/routes/admin.programmes.new'
import * as settingsPage from '../../app/routes/admin.programmes.$slug._index'
import * as programmeOne from '../../app/routes/api.v1.programmes.$slug._index'
import { call } from '../support/http'
import { page } from '../support/pages'
import { member, programme, registration, slug, snapshot } from '../support/programmes'

/** A complete settings form as a browser sends it; `over` replaces or adds fields. */
function form(over: Record<string, string> = {}, extra: [string, string][] = []): [string, string][] {
	const base: Record<string, string> = {
		intent: 'save',
		name: 'Leadership 2027',
		description: '# Lead\n\nRead [the guide](https://example.org/guide).',
		'audience.departments': 'Sales, Legal\nHR',
		'audience.locations': '',
		'audience.emailDomains': 'Example.org',
		groupSize: '2',
		matchingMode: 'facilitator',
		managerValidation: 'on',
		lapseDays: '30',
		'weights.subjects': '600',
		'weights.background': '',
		'weights.timeZone': '',
		'weights.seniority': '0',
		...over,
	}
	return [...Object.entries(base).filter(([, v]) => v !== '\u0000omit'), ['audience.roles', 'mentee'], ...extra]
}

const settings = (cookie: string | null, s: string, fields?: [string, string][]) =>
	page(fields ? settingsPage.action : settingsPage.loader, { path: `/admin/programmes/${s}`, params: { slug: s }, cookie, fields })
const stored = async (s: string) => (await getDb().select().from(programmes).where(eq(programmes.slug, s)))[0]

describe('/admin/programmes/new', () => {
	test('an admin creates a programme through the form and lands on its page, every parameter stored as the API would', async () => {
		const admin = await member({ admin: true })
		expect((await page(newPage.loader, { path: '/admin/programmes/new', cookie: admin.cookie })).response.status).toBe(200)
		const s = slug()
		const { response } = await page(newPage.action, { path: '/admin/programmes/new', cookie: admin.cookie, fields: form({ slug: s }) })
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe(`/admin/programmes/${s}`)
		expect(response.headers.get('Set-Cookie')).toMatch(/^mentora_flash=/)
		expect(await stored(s)).toMatchObject({
			name: 'Leadership 2027',
			description: '# Lead\n\nRead [the guide](https://example.org/guide).',
			audience: { roles: ['mentee'], departments: ['Sales', 'Legal', 'HR'], locations: [], emailDomains: ['example.org'] },
			groupSize: 2,
			matchingMode: 'facilitator',
			managerValidation: true,
			lapseDays: 30,
			weights: { subjects: 600, seniority: 0 },
		})
	})

	test('field errors come back beside their fields with the values as typed, and nothing is written', async () => {
		const admin = await member({ admin: true })
		const before = await snapshot()
		const { response, json } = await page(newPage.action, {
			path: '/admin/programmes/new',
			cookie: admin.cookie,
			fields: form({ slug: 'new', name: '  ', groupSize: 'two', 'weights.seniority': '5000', 'audience.emailDomains': 'not a domain' }),
		})
		expect(response.status).toBe(422)
		expect(Object.keys(json.fields).sort()).toEqual(['audience.emailDomains', 'groupSize', 'name', 'slug', 'weights.seniority'])
		expect(json.fields.slug[0]).toMatch(/names a page/)
		expect(json.fields.groupSize).toEqual(['Enter a whole number.'])
		expect(json.values).toMatchObject({ slug: 'new', groupSize: 'two', departments: 'Sales, Legal\nHR', weights: { seniority: '5000' } })
		expect(await snapshot()).toEqual(before)

		const taken = await programme()
		const twice = await page(newPage.action, { path: '/admin/programmes/new', cookie: admin.cookie, fields: form({ slug: taken.slug }) })
		expect([twice.response.status, Object.keys(twice.json.fields)]).toEqual([409, ['slug']])
	})

	test('preview renders the description without saving it', async () => {
		const admin = await member({ admin: true })
		const before = await snapshot()
		const { response, json } = await page(newPage.action, { path: '/admin/programmes/new', cookie: admin.cookie, fields: form({ intent: 'preview', slug: slug() }) })
		expect([response.status, json.preview]).toEqual([200, '# Lead\n\nRead [the guide](https://example.org/guide).'])
		expect(await snapshot()).toEqual(before)
	})

	test('anyone but an admin gets 403 from the page and its form, a coordinator too; nothing is written', async () => {
		const coordinator = await member()
		await programme({ coordinators: [coordinator.user.id] })
		for (const someone of [await member(), await member({ role: 'mentor' }), coordinator]) {
			expect((await page(newPage.loader, { path: '/admin/programmes/new', cookie: someone.cookie })).response.status).toBe(403)
			const before = await snapshot()
			expect((await page(newPage.action, { path: '/admin/programmes/new', cookie: someone.cookie, fields: form({ slug: slug() }) })).response.status).toBe(403)
			expect(await snapshot()).toEqual(before)
		}
		const anonymous = await page(newPage.loader, { path: '/admin/programmes/new', cookie: null })
		expect([anonymous.response.status, anonymous.response.headers.get('Location')]).toEqual([302, '/login?redirectTo=%2Fadmin%2Fprogrammes%2Fnew'])
	})
})

describe('/admin/programmes/<slug>', () => {
	test('a coordinator reads and edits their programme, but cannot change its coordinators', async () => {
		const coordinator = await member({ name: 'Cora Coordinator' })
		const p = await programme({ coordinators: [coordinator.user.id] })
		const read = await settings(coordinator.cookie, p.slug)
		expect(read.response.status).toBe(200)
		expect(read.json).toMatchObject({ standing: 'coordinator', programme: { slug: p.slug, coordinators: [{ name: 'Cora Coordinator' }] }, values: { groupSize: '1', lapseDays: '45' } })

		const saved = await settings(coordinator.cookie, p.slug, form({ name: 'Leadership 2028', 'weights.subjects': '', 'weights.seniority': '' }))
		expect([saved.response.status, saved.json.ok]).toEqual([200, true])
		expect(await stored(p.slug)).toMatchObject({ name: 'Leadership 2028', matchingMode: 'facilitator', groupSize: 2, weights: null, managerValidation: true })

		const someone = await member()
		const before = await snapshot()
		const add = await settings(coordinator.cookie, p.slug, [['intent', 'add-coordinator'], ['email', someone.user.email]])
		expect([add.response.status, add.json.part, add.json.ok]).toEqual([403, 'coordinators', false])
		const remove = await settings(coordinator.cookie, p.slug, [['intent', 'remove-coordinator'], ['userId', coordinator.user.id]])
		expect(remove.response.status).toBe(403)
		expect(await snapshot()).toEqual(before)
	})

	test('an admin adds a coordinator by email and removes one; an unknown email is a field error', async () => {
		const admin = await member({ admin: true })
		const kept = await member({ name: 'Kept Coordinator' })
		const added = await member({ name: 'New Coordinator' })
		const p = await programme({ coordinators: [kept.user.id] })
		const add = await settings(admin.cookie, p.slug, [['intent', 'add-coordinator'], ['email', added.user.email.toUpperCase()]])
		expect([add.response.status, add.json.ok]).toEqual([200, true])
		expect((await settings(admin.cookie, p.slug)).json.programme.coordinators.map((c: { id: string }) => c.id).sort()).toEqual([kept.user.id, added.user.id].sort())

		const before = await snapshot()
		const unknown = await settings(admin.cookie, p.slug, [['intent', 'add-coordinator'], ['email', 'nobody@nowhere.example']])
		expect([unknown.response.status, Object.keys(unknown.json.fields)]).toEqual([422, ['email']])
		expect(await snapshot()).toEqual(before)

		await settings(admin.cookie, p.slug, [['intent', 'remove-coordinator'], ['userId', kept.user.id]])
		expect((await settings(admin.cookie, p.slug)).json.programme.coordinators).toEqual([{ id: added.user.id, name: 'New Coordinator' }])
	})

	test('the slug cannot change and bad fields come back as field errors, the form as typed', async () => {
		const admin = await member({ admin: true })
		const p = await programme()
		const before = await snapshot()
		const bad = await settings(admin.cookie, p.slug, form({ lapseDays: '0', matchingMode: 'solo', slug: 'renamed' }))
		expect(bad.response.status).toBe(422)
		expect(Object.keys(bad.json.fields).sort()).toEqual(['lapseDays', 'matchingMode'])
		expect(bad.json.values).toMatchObject({ lapseDays: '0', matchingMode: 'solo' })
		expect(await snapshot()).toEqual(before)
		expect((await stored(p.slug))!.slug).toBe(p.slug)
	})

	test('a participant who sees the programme gets 403; one who cannot see it, or a missing one, 404; another programme’s coordinator too; nothing is written', async () => {
		const open = await programme()
		const closed = await programme({ audience: { departments: ['Finance'] } })
		const participant = await member({ department: 'Sales' })
		await registration({ programmeId: open.id, userId: participant.user.id, status: 'searching' })
		const otherCoordinator = await member({ department: 'Sales' })
		await programme({ coordinators: [otherCoordinator.user.id] })
		for (const someone of [participant, otherCoordinator]) {
			for (const [s, status] of [
				[open.slug, 403],
				[closed.slug, 404],
				['no-such-programme', 404],
			] as const) {
				expect((await settings(someone.cookie, s)).response.status).toBe(status)
				const before = await snapshot()
				expect((await settings(someone.cookie, s, form())).response.status).toBe(status)
				expect((await settings(someone.cookie, s, [['intent', 'announce'], ['title', 'Hi'], ['body', 'Hello']])).response.status).toBe(status)
				expect((await settings(someone.cookie, s, [['intent', 'add-coordinator'], ['email', someone.user.email]])).response.status).toBe(status)
				expect(await snapshot()).toEqual(before)
			}
		}
		expect((await settings(null, open.slug)).response.status).toBe(302)
	})
})

describe('/admin/programmes', () => {
	test('an admin lists every programme with a link to create one; a coordinator theirs with registrations by status; anyone else 403', async () => {
		const admin = await member({ admin: true })
		const coordinator = await member()
		const mine = await programme({ name: 'Mine', coordinators: [coordinator.user.id] })
		const other = await programme({ name: 'Other' })
		for (const status of ['searching', 'searching', 'withdrawn'] as const) await registration({ programmeId: mine.id, userId: (await member()).user.id, status })

		const all = await page(listPage.loader, { path: '/admin/programmes', cookie: admin.cookie })
		expect(all.json.isAdmin).toBe(true)
		expect(all.json.programmes.map((p: { slug: string }) => p.slug)).toEqual(expect.arrayContaining([mine.slug, other.slug]))

		const theirs = await page(listPage.loader, { path: '/admin/programmes', cookie: coordinator.cookie })
		expect(theirs.json).toEqual({ isAdmin: false, programmes: [{ id: mine.id, slug: mine.slug, name: 'Mine', matchingMode: 'admin', registrations: { searching: 2, withdrawn: 1 } }] })

		expect((await page(listPage.loader, { path: '/admin/programmes', cookie: (await member()).cookie })).response.status).toBe(403)
	})

	test('the header offers the programmes’ admin pages to admins and coordinators only', async () => {
		const headerOf = async (cookie: string) => (await page(root.loader, { path: '/', cookie })).json.user
		const coordinator = await member()
		await programme({ coordinators: [coordinator.user.id] })
		expect(await headerOf(coordinator.cookie)).toMatchObject({ isAdmin: false, isCoordinator: true })
		expect(await headerOf((await member()).cookie)).toMatchObject({ isAdmin: false, isCoordinator: false })
		expect(await headerOf((await member({ admin: true })).cookie)).toMatchObject({ isAdmin: true })
	})
})

describe('PATCH /api/v1/programmes/:slug by someone who does not administer it', () => {
	test('one they cannot see answers 404 not_found as GET does; one they see, 403 not_allowed; neither writes', async () => {
		const person = await member({ department: 'Sales' })
		const hidden = await programme({ audience: { departments: ['Finance'] } })
		const visible = await programme()
		for (const [p, status, code] of [
			[hidden, 404, 'not_found'],
			[visible, 403, 'not_allowed'],
		] as const) {
			const before = await snapshot()
			const { response, json } = await call(programmeOne.action, { method: 'PATCH', path: `/api/v1/programmes/${p.slug}`, params: { slug: p.slug }, cookie: person.cookie, body: { name: 'Mine' } })
			expect([response.status, json.error.code]).toEqual([status, code])
			expect(await snapshot()).toEqual(before)
		}
	})
})
