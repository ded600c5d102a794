import { parse } from 'csv-parse/sync'
import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { getConnection, getDb } from '../../db/client'
import { engagementPeriods, programmes, registrations, relationships, sessions } from '../../db/schema'
import * as exportsRoute from '../../app/routes/api.v1.programmes.$slug.exports.$file'
import { readExportFilters } from '../../app/rules/exports'
import { openProgrammeExport } from '../../app/services/programme-exports.server'
import { member, programme } from '../support/programmes'

/**
 * The programme CSV exports (PRODUCT.md "Reports and exports"), through the route's loader as
 * Remix calls it: a hand-made programme in Europe/Berlin, each file read back with a CSV parser
 * into exactly the rows the database holds; who may download; filters; formula cells made inert;
 * and a reader that stops holding the cursor still (bench/exports.ts streams 200,000 rows).
 */

type Cookie = string | null
const FILES = ['registrations.csv', 'participation-dates.csv', 'relationships.csv', 'sessions.csv'] as const

async function download(cookie: Cookie, slug: string, file: string, query = ''): Promise<Response> {
	const headers = new Headers()
	if (cookie) headers.set('Cookie', cookie)
	const request = new Request(`http://localhost:3000/api/v1/programmes/${slug}/exports/${file}${query}`, { headers })
	return (await exportsRoute.loader({ request, context: { ip: '203.0.113.7', responseCookies: [] }, params: { slug, file } })) as Response
}

/** The file's bytes: a BOM, then records; the parsed records, header first. */
async function csvOf(response: Response) {
	expect(response.status).toBe(200)
	const bytes = new Uint8Array(await response.arrayBuffer())
	// Response.text() would drop the BOM, so it is looked for in the bytes themselves.
	expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
	const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
	return { text, records: parse(text, { bom: true }) as string[][] }
}

async function rowsOf(cookie: Cookie, slug: string, file: string, query = '') {
	const { records } = await csvOf(await download(cookie, slug, file, query))
	const [header, ...rows] = records
	return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])))
}

const FORMULA_NAME = '=HYPERLINK("http://x")'

let world: Awaited<ReturnType<typeof arrange>>

/** Every instant of the scene is in winter, so Berlin is UTC+1 throughout. */
async function arrange() {
	const db = getDb()
	const coordinator = await member({ role: 'mentor', name: 'Cora Coordinator' })
	const admin = await member({ admin: true })
	const elsewhere = await member({ role: 'mentor' })
	const plain = await member({ role: 'mentee' })
	const p = await programme({ name: 'Leadership, "2027"', coordinators: [coordinator.user.id] })
	await db.update(programmes).set({ timeZone: 'Europe/Berlin' }).where(eq(programmes.id, p.id))
	const other = await programme({ name: 'Other programme', coordinators: [elsewhere.user.id] })

	const alice = await member({ role: 'mentee', name: 'Alice Martin', department: 'Sales', location: 'Paris' })
	const bob = await member({ role: 'mentor', name: 'Bob Stone', department: 'Engineering', location: 'Berlin' })
	const carol = await member({ role: 'mentee', name: FORMULA_NAME, department: 'Sales', location: 'Berlin' })
	const dave = await member({ role: 'mentee', name: 'Dave -1', department: 'Legal', location: 'Paris' })
	const erin = await member({ role: 'mentee', name: 'Erin, "the" one\nsecond line', department: 'Sales', location: 'Lyon' })

	const reg = async (userId: string, role: 'mentor' | 'mentee', status: (typeof registrations.$inferInsert)['status'], createdAt: string, extra: Partial<typeof registrations.$inferInsert> = {}) => {
		const [row] = await db
			.insert(registrations)
			.values({ programmeId: p.id, userId, role, status, createdAt: new Date(createdAt), statusChangedAt: new Date(createdAt), ...extra })
			.returning()
		return row!
	}
	const aliceReg = await reg(alice.user.id, 'mentee', 'in_progress', '2027-01-05T09:00:00Z', { validatedAt: new Date('2027-01-06T08:30:00Z'), statusChangedAt: new Date('2027-01-10T12:00:00Z') })
	const bobReg = await reg(bob.user.id, 'mentor', 'in_progress', '2027-01-06T23:30:00Z', { validatedAt: new Date('2027-01-07T10:00:00Z') })
	// Carol and Dave are not participating yet: their periods (put straight in) never reach the participation file.
	const carolReg = await reg(carol.user.id, 'mentee', 'application', '2027-01-08T10:00:00Z')
	const daveReg = await reg(dave.user.id, 'mentee', 'searching', '2027-01-09T10:00:00Z', { validatedAt: new Date('2027-01-09T11:00:00Z') })
	const erinReg = await reg(erin.user.id, 'mentee', 'completed', '2027-02-01T10:00:00Z', { validatedAt: new Date('2027-02-01T11:00:00Z') })
	// Another programme's registration of Alice stays in that programme's files.
	await db.insert(registrations).values({ programmeId: other.id, userId: alice.user.id, role: 'mentee', status: 'in_progress' })

	const period = (registrationId: string, startDate: string, endDate: string | null, createdAt: string) =>
		db.insert(engagementPeriods).values({ registrationId, startDate, endDate, createdAt: new Date(createdAt) })
	await period(aliceReg.id, '2027-01-10', '2027-02-10', '2027-01-10T09:00:00Z')
	await period(aliceReg.id, '2027-03-01', null, '2027-03-01T09:00:00Z')
	await period(bobReg.id, '2027-01-10', null, '2027-01-10T09:00:00Z')
	await period(carolReg.id, '2027-01-15', null, '2027-01-15T09:00:00Z')
	await period(daveReg.id, '2027-01-15', '2027-01-20', '2027-01-15T09:00:00Z')
	await period(erinReg.id, '2027-02-02', '2027-02-28', '2027-02-02T09:00:00Z')

	const [match] = await db
		.insert(relationships)
		.values({
			mentorId: bob.user.id,
			menteeId: alice.user.id,
			status: 'confirmed',
			origin: 'programme',
			programmeId: p.id,
			mentorConfirmedAt: new Date('2027-01-09T10:00:00Z'),
			menteeConfirmedAt: new Date('2027-01-09T11:15:00Z'),
			createdAt: new Date('2027-01-09T09:00:00Z'),
		})
		.returning()
	const [ended] = await db
		.insert(relationships)
		.values({
			mentorId: bob.user.id,
			menteeId: erin.user.id,
			status: 'ended',
			origin: 'programme',
			programmeId: p.id,
			mentorConfirmedAt: new Date('2027-02-03T10:00:00Z'),
			menteeConfirmedAt: new Date('2027-02-03T10:00:00Z'),
			closedAt: new Date('2027-02-20T17:00:00Z'),
			closedBy: coordinator.user.id,
			closingNote: 'Mission over',
			createdAt: new Date('2027-02-02T09:00:00Z'),
		})
		.returning()
	// A pair of the other programme, and a pair of no programme.
	await db.insert(relationships).values({ mentorId: elsewhere.user.id, menteeId: plain.user.id, status: 'pending', origin: 'programme', programmeId: other.id })

	const session = async (mentorId: string, menteeId: string, start: string, minutes: number, status: (typeof sessions.$inferInsert)['status'], extra: Partial<typeof sessions.$inferInsert> = {}) => {
		const startsAt = new Date(start)
		await db.insert(sessions).values({
			mentorId,
			menteeId,
			type: 'intro',
			status,
			startsAt,
			endsAt: new Date(startsAt.getTime() + minutes * 60_000),
			introForm: { helpWith: 'x', background: 'y', goals: 'z' },
			quotaMonth: start.slice(0, 7),
			...extra,
		})
	}
	// Before the relationship was proposed: not the programme's.
	await session(bob.user.id, alice.user.id, '2027-01-02T09:00:00Z', 20, 'completed', { introDecision: 'approve_continuation' })
	await session(bob.user.id, alice.user.id, '2027-01-20T09:00:00Z', 20, 'completed')
	await session(bob.user.id, alice.user.id, '2027-02-15T15:30:00Z', 20, 'scheduled')
	await session(bob.user.id, erin.user.id, '2027-02-10T08:00:00Z', 20, 'completed')
	// After that relationship ended: not its session.
	await session(bob.user.id, erin.user.id, '2027-02-25T08:00:00Z', 20, 'cancelled')
	await session(elsewhere.user.id, plain.user.id, '2027-01-20T09:00:00Z', 20, 'completed')

	return { p: (await db.select().from(programmes).where(eq(programmes.id, p.id)))[0]!, other, coordinator, admin, elsewhere, plain, alice, bob, carol, dave, erin, match: match!, ended: ended! }
}

beforeAll(async () => {
	world = await arrange()
})

describe('who may download', () => {
	test.each(FILES)('%s: the coordinator and any admin get the file; another programme’s coordinator and a participant 403; logged out 401', async (file) => {
		const { p, coordinator, admin, elsewhere, plain, alice } = world
		for (const who of [coordinator, admin]) {
			const response = await download(who.cookie, p.slug, file)
			expect(response.status).toBe(200)
			expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
			await response.body?.cancel()
		}
		for (const who of [elsewhere, plain, alice]) {
			const response = await download(who.cookie, p.slug, file)
			expect(response.status).toBe(403)
			expect((await response.json()).error.code).toBe('not_allowed')
		}
		const anonymous = await download(null, p.slug, file)
		expect(anonymous.status).toBe(401)
		expect(await anonymous.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } })
		const missing = await download(admin.cookie, 'no-such-programme', file)
		expect(missing.status).toBe(404)
		expect((await missing.json()).error.code).toBe('not_found')
	})

	test('an unknown export is 404 in the API shape, and POST is 405', async () => {
		const response = await download(world.admin.cookie, world.p.slug, 'payouts.csv')
		expect(response.status).toBe(404)
		expect((await response.json()).error.code).toBe('not_found')
		const posted = exportsRoute.action()
		expect(posted.status).toBe(405)
	})
})

describe('the files', () => {
	test('attachment named for the programme, the export and today in the programme’s zone', async () => {
		const response = await download(world.coordinator.cookie, world.p.slug, 'participation-dates.csv')
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date())
		expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="${world.p.slug}-participation-dates-${today}.csv"`)
		await response.body?.cancel()
	})

	test('registrations.csv: every registration of the programme in every status, one record each, with RFC 4180 quoting', async () => {
		const { p, coordinator, alice, bob, carol, dave, erin } = world
		const { text, records } = await csvOf(await download(coordinator.cookie, p.slug, 'registrations.csv'))
		expect(text).toContain('\r\n')
		expect(text).toContain('"Leadership, ""2027"""')
		expect(records).toEqual([
			['programme', 'person', 'email', 'role', 'department', 'location', 'status', 'registered at', 'status date', 'validated at', 'periods count', 'first start', 'last end', 'relationship count'],
			['Leadership, "2027"', 'Alice Martin', alice.user.email, 'mentee', 'Sales', 'Paris', 'in_progress', '2027-01-05T10:00:00+01:00', '2027-01-10T13:00:00+01:00', '2027-01-06T09:30:00+01:00', '2', '2027-01-10', '', '1'],
			// Registered just before midnight UTC, which is already the next day in Berlin.
			['Leadership, "2027"', 'Bob Stone', bob.user.email, 'mentor', 'Engineering', 'Berlin', 'in_progress', '2027-01-07T00:30:00+01:00', '2027-01-07T00:30:00+01:00', '2027-01-07T11:00:00+01:00', '1', '2027-01-10', '', '2'],
			['Leadership, "2027"', `'${FORMULA_NAME}`, carol.user.email, 'mentee', 'Sales', 'Berlin', 'application', '2027-01-08T11:00:00+01:00', '2027-01-08T11:00:00+01:00', '', '1', '2027-01-15', '', '0'],
			['Leadership, "2027"', 'Dave -1', dave.user.email, 'mentee', 'Legal', 'Paris', 'searching', '2027-01-09T11:00:00+01:00', '2027-01-09T11:00:00+01:00', '2027-01-09T12:00:00+01:00', '1', '2027-01-15', '2027-01-20', '0'],
			['Leadership, "2027"', 'Erin, "the" one\nsecond line', erin.user.email, 'mentee', 'Sales', 'Lyon', 'completed', '2027-02-01T11:00:00+01:00', '2027-02-01T11:00:00+01:00', '2027-02-01T12:00:00+01:00', '1', '2027-02-02', '2027-02-28', '1'],
		])
	})

	test('participation-dates.csv: one record per engagement period, none of a registration in application or searching', async () => {
		const { p, admin, alice, bob, erin } = world
		const rows = await rowsOf(admin.cookie, p.slug, 'participation-dates.csv')
		expect(rows.map((r) => [r.person, r.email, r.role, r.department, r.status, r['period start'], r['period end'], r['period added at']])).toEqual([
			['Alice Martin', alice.user.email, 'mentee', 'Sales', 'in_progress', '2027-01-10', '2027-02-10', '2027-01-10T10:00:00+01:00'],
			['Alice Martin', alice.user.email, 'mentee', 'Sales', 'in_progress', '2027-03-01', '', '2027-03-01T10:00:00+01:00'],
			['Bob Stone', bob.user.email, 'mentor', 'Engineering', 'in_progress', '2027-01-10', '', '2027-01-10T10:00:00+01:00'],
			['Erin, "the" one\nsecond line', erin.user.email, 'mentee', 'Sales', 'completed', '2027-02-02', '2027-02-28', '2027-02-02T10:00:00+01:00'],
		])
		expect(rows.every((r) => r.status !== 'application' && r.status !== 'searching')).toBe(true)
		// Asked for them by status, they are still left out.
		expect(await rowsOf(admin.cookie, p.slug, 'participation-dates.csv', '?status=application,searching')).toEqual([])
	})

	test('relationships.csv: the programme’s relationships with their dates, last contact and sessions', async () => {
		const { p, coordinator, alice, bob, erin } = world
		expect(await rowsOf(coordinator.cookie, p.slug, 'relationships.csv')).toEqual([
			{
				programme: 'Leadership, "2027"',
				mentor: 'Bob Stone',
				'mentor email': bob.user.email,
				mentee: 'Alice Martin',
				'mentee email': alice.user.email,
				status: 'confirmed',
				'created at': '2027-01-09T10:00:00+01:00',
				'confirmed at': '2027-01-09T12:15:00+01:00',
				'ended at': '',
				'last contact': '2027-01-20T10:20:00+01:00',
				'sessions count': '2',
			},
			{
				programme: 'Leadership, "2027"',
				mentor: 'Bob Stone',
				'mentor email': bob.user.email,
				mentee: 'Erin, "the" one\nsecond line',
				'mentee email': erin.user.email,
				status: 'ended',
				'created at': '2027-02-02T10:00:00+01:00',
				'confirmed at': '2027-02-03T11:00:00+01:00',
				'ended at': '2027-02-20T18:00:00+01:00',
				'last contact': '2027-02-10T09:20:00+01:00',
				'sessions count': '1',
			},
		])
	})

	test('sessions.csv: the sessions of the programme’s relationships, in UTC and in the programme’s zone', async () => {
		const { p, coordinator } = world
		const { records } = await csvOf(await download(coordinator.cookie, p.slug, 'sessions.csv'))
		expect(records[0]).toEqual(['programme', 'start (UTC)', 'end (UTC)', 'start (Europe/Berlin)', 'end (Europe/Berlin)', 'mentor', 'mentor email', 'mentee', 'mentee email', 'type', 'status', 'outcome'])
		expect(records.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[5], r[7], r[10]])).toEqual([
			['2027-01-20T09:00:00Z', '2027-01-20T09:20:00Z', '2027-01-20T10:00:00+01:00', '2027-01-20T10:20:00+01:00', 'Bob Stone', 'Alice Martin', 'completed'],
			['2027-02-10T08:00:00Z', '2027-02-10T08:20:00Z', '2027-02-10T09:00:00+01:00', '2027-02-10T09:20:00+01:00', 'Bob Stone', 'Erin, "the" one\nsecond line', 'completed'],
			['2027-02-15T15:30:00Z', '2027-02-15T15:50:00Z', '2027-02-15T16:30:00+01:00', '2027-02-15T16:50:00+01:00', 'Bob Stone', 'Alice Martin', 'scheduled'],
		])
	})

	test('a name that is a formula comes out inert in every file it is in', async () => {
		const { p, coordinator, carol } = world
		const { text } = await csvOf(await download(coordinator.cookie, p.slug, 'registrations.csv'))
		expect(text).toContain(`"'=HYPERLINK(""http://x"")"`)
		// No cell of any file starts with a character a spreadsheet runs.
		for (const file of FILES) {
			const { records } = await csvOf(await download(coordinator.cookie, p.slug, file))
			for (const cell of records.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
		}
		expect((await rowsOf(coordinator.cookie, p.slug, 'registrations.csv', `?q=${encodeURIComponent(carol.user.email)}`)).map((r) => r.person)).toEqual([`'${FORMULA_NAME}`])
	})
})

describe('filters', () => {
	const people = async (file: string, query: string, column = 'person') => (await rowsOf(world.coordinator.cookie, world.p.slug, file, query)).map((r) => r[column])

	test('department, location, role, status and search pick registrations', async () => {
		expect(await people('registrations.csv', '?department=sales')).toEqual(['Alice Martin', `'${FORMULA_NAME}`, 'Erin, "the" one\nsecond line'])
		expect(await people('registrations.csv', '?department=Sales&location=Paris')).toEqual(['Alice Martin'])
		expect(await people('registrations.csv', '?role=mentor')).toEqual(['Bob Stone'])
		expect(await people('registrations.csv', '?status=searching&status=completed')).toEqual(['Dave -1', 'Erin, "the" one\nsecond line'])
		expect(await people('registrations.csv', '?q=stone')).toEqual(['Bob Stone'])
		// Empty values, as the page's GET form sends them, filter nothing.
		expect(await people('registrations.csv', '?department=&location=&role=&from=&to=')).toHaveLength(5)
	})

	test('a date range in the programme’s zone: registrations by the day made, periods by overlap, relationships by the day proposed, sessions by their start', async () => {
		// Bob registered at 23:30 UTC on the 6th: the 7th in Berlin.
		expect(await people('registrations.csv', '?from=2027-01-07&to=2027-01-08')).toEqual(['Bob Stone', `'${FORMULA_NAME}`])
		expect(await people('participation-dates.csv', '?from=2027-02-11&to=2027-02-20')).toEqual(['Bob Stone', 'Erin, "the" one\nsecond line'])
		expect(await people('participation-dates.csv', '?from=2027-03-01', 'period start')).toEqual(['2027-03-01', '2027-01-10'])
		expect(await people('relationships.csv', '?from=2027-02-01', 'mentee')).toEqual(['Erin, "the" one\nsecond line'])
		expect(await people('sessions.csv', '?to=2027-02-10', 'start (UTC)')).toEqual(['2027-01-20T09:00:00Z', '2027-02-10T08:00:00Z'])
	})

	test('for pairs, the role says whose department, location and name the filters read', async () => {
		expect(await people('relationships.csv', '?department=Engineering', 'mentee')).toEqual(['Alice Martin', 'Erin, "the" one\nsecond line'])
		expect(await people('relationships.csv', '?department=Engineering&role=mentee', 'mentee')).toEqual([])
		expect(await people('relationships.csv', '?location=Lyon&role=mentee', 'mentee')).toEqual(['Erin, "the" one\nsecond line'])
		expect(await people('sessions.csv', '?q=alice&role=mentee', 'mentee')).toEqual(['Alice Martin', 'Alice Martin'])
	})

	test.each([
		['?role=coordinator', 'role'],
		['?from=2027-13-01', 'from'],
		['?from=2027-02-30', 'from'],
		['?to=yesterday', 'to'],
		['?from=2027-02-01&to=2027-01-01', 'to'],
		['?status=lapsed', 'status'],
		[`?department=${'x'.repeat(201)}`, 'department'],
		['?location=a%00b', 'location'],
	])('%s is refused 422 on its field, for every file', async (query, field) => {
		for (const file of FILES) {
			const response = await download(world.coordinator.cookie, world.p.slug, file, query)
			expect(response.status).toBe(422)
			const body = await response.json()
			expect(body.error.code).toBe('validation_failed')
			expect(Object.keys(body.error.fields)).toEqual([field])
		}
	})

	test('a stranger with bad filters is told they may not, not what is wrong with the filters', async () => {
		const response = await download(world.elsewhere.cookie, world.p.slug, 'registrations.csv', '?role=coordinator')
		expect(response.status).toBe(403)
	})
})

describe('streaming', () => {
	const viewerOf = (m: Awaited<ReturnType<typeof member>>) => ({ id: m.user.id, email: m.user.email, isAdmin: false, isMentor: m.user.isMentor, isMentee: m.user.isMentee })

	async function connectionsHeld() {
		const [row] = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and xact_start is not null and pid <> pg_backend_pid()`)
		return row!.n
	}

	test('a client that goes away closes the cursor and gives its connection back', async () => {
		const controller = new AbortController()
		const opened = await openProgrammeExport({ viewer: viewerOf(world.coordinator), slug: world.p.slug, name: 'registrations', filters: readExportFilters(new URLSearchParams()), now: new Date(), signal: controller.signal, batchSize: 1 })
		const reader = opened.body.getReader()
		await reader.read()
		await reader.read()
		expect(await connectionsHeld()).toBe(1)
		controller.abort()
		await expect(reader.read()).rejects.toThrow()
		await expect.poll(connectionsHeld).toBe(0)
		// The pool still answers.
		expect((await getConnection().sql`select 1 as one`)[0]!.one).toBe(1)
	})

	test('a reader that stops holds the cursor still: the rows wait in the database, not in memory', async () => {
		const opened = await openProgrammeExport({ viewer: viewerOf(world.coordinator), slug: world.p.slug, name: 'registrations', filters: readExportFilters(new URLSearchParams()), now: new Date(), batchSize: 1 })
		const reader = opened.body.getReader()
		const decoder = new TextDecoder()
		let text = decoder.decode((await reader.read()).value, { stream: true })
		text += decoder.decode((await reader.read()).value, { stream: true })
		await new Promise((r) => setTimeout(r, 200))
		// One record read, and the cursor's transaction still open: nothing ran ahead of the reader.
		expect(text.split('\r\n').filter(Boolean)).toHaveLength(2)
		expect(await connectionsHeld()).toBe(1)
		for (;;) {
			const { done, value } = await reader.read()
			if (done) break
			text += decoder.decode(value, { stream: true })
		}
		expect(parse(text, { bom: true })).toHaveLength(6)
		await expect.poll(connectionsHeld).toBe(0)
	})
})
