import { and, eq, like, sql } from 'drizzle-orm'
import { renderToStaticMarkup } from 'react-dom/server'
import { createElement } from 'react'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { emailOutbox, programmeAnnouncements } from '../../db/schema'
import * as settingsPage from '../../app/routes/admin.programmes.$slug._index'
import { Markdown } from '../../app/components/markdown'
import { listAnnouncements } from '../../app/services/announcements.server'
import { sendAnnouncementJob } from '../../jobs/send-announcement'
import { ANNOUNCEMENT_BATCH_SIZE, OPEN_REGISTRATION_STATUSES } from '../../app/rules/announcements'
import { person } from '../support/outbox'
import { page } from '../support/pages'
import { member, programme, registration } from '../support/programmes'

/** Every open status ticked, as the form starts. */
const everyone: [string, string][] = OPEN_REGISTRATION_STATUSES.map((status) => ['statuses', status])

const announce = (cookie: string, s: string, fields: [string, string][]) =>
	page(settingsPage.action, { path: `/admin/programmes/${s}`, params: { slug: s }, cookie, fields: [['intent', 'announce'], ...fields] })

const announcementsOf = (programmeId: string) => getDb().select().from(programmeAnnouncements).where(eq(programmeAnnouncements.programmeId, programmeId))
const emailsOf = (announcementId: string) =>
	getDb()
		.select()
		.from(emailOutbox)
		.where(and(eq(emailOutbox.template, 'programme_announcement'), like(emailOutbox.dedupeKey, `announcement:${announcementId}:%`)))

const UNSAFE = 'Hello **all**.\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) and [the guide](https://example.org/guide)'

describe('programme announcements', () => {
	test('an announcement to mentees in searching reaches exactly those, once each even when its job runs twice or at once', async () => {
		const coordinator = await member()
		const p = await programme({ coordinators: [coordinator.user.id] })
		const other = await programme()
		const searching = [await member({ name: 'Sam Searching' }), await member({ name: 'Sue Searching' })]
		for (const m of searching) await registration({ programmeId: p.id, userId: m.user.id, role: 'mentee', status: 'searching' })
		const withdrawn = await member()
		await registration({ programmeId: p.id, userId: withdrawn.user.id, role: 'mentee', status: 'withdrawn' })
		const applying = await member()
		await registration({ programmeId: p.id, userId: applying.user.id, role: 'mentee', status: 'application' })
		const mentor = await member({ role: 'mentor' })
		await registration({ programmeId: p.id, userId: mentor.user.id, role: 'mentor', status: 'searching' })
		const elsewhere = await member()
		await registration({ programmeId: other.id, userId: elsewhere.user.id, role: 'mentee', status: 'searching' })

		const { response, json } = await announce(coordinator.cookie, p.slug, [
			['title', 'Kick-off on 12 March'],
			['body', UNSAFE],
			['to', 'mentees'],
			['statuses', 'searching'],
		])
		expect([response.status, json.ok]).toEqual([200, true])
		const [row] = await announcementsOf(p.id)
		expect(row).toMatchObject({ title: 'Kick-off on 12 March', body: UNSAFE, audience: { roles: ['mentee'], statuses: ['searching'] }, authorId: coordinator.user.id, recipientCount: 0 })
		// Its job was enqueued with it, in the same transaction.
		const jobs = await getDb().execute(sql`select 1 from pgboss.job where name = 'send-announcement' and data->>'announcementId' = ${row!.id}`)
		expect(jobs.length).toBe(1)

		await sendAnnouncementJob.run({ announcementId: row!.id })
		await Promise.all([sendAnnouncementJob.run({ announcementId: row!.id }), sendAnnouncementJob.run({ announcementId: row!.id })])
		const sent = await emailsOf(row!.id)
		expect(sent.map((e) => e.userId).sort()).toEqual(searching.map((m) => m.user.id).sort())
		expect((await announcementsOf(p.id))[0]!.recipientCount).toBe(2)

		const email = sent[0]!
		expect(email.subject).toBe(`${p.name}: Kick-off on 12 March`)
		expect(email.category).toBe('transactional')
		expect(email.html).toContain(`/programmes/${p.slug}`)
		expect(email.html).toContain('<strong>all</strong>')
		expect(email.html).toContain('href="https://example.org/guide"')
		expect(email.html).not.toMatch(/<script|javascript:/i)
		expect(email.text).toMatch(/Hello all\./)
		expect(email.text).not.toMatch(/<script/)
	})

	test('the body is stored as written and rendered safely on the pages; listAnnouncements gives them newest first', async () => {
		const admin = await member({ admin: true })
		const p = await programme()
		await announce(admin.cookie, p.slug, [['title', 'First'], ['body', UNSAFE], ...everyone])
		await new Promise((r) => setTimeout(r, 5))
		await announce(admin.cookie, p.slug, [['title', 'Second'], ['body', 'Two'], ...everyone])
		const list = await listAnnouncements(p.id)
		expect(list.map((a) => a.title)).toEqual(['Second', 'First'])
		expect(list[1]).toEqual({ id: expect.any(String), title: 'First', body: UNSAFE, createdAt: expect.any(String) })
		// Empty statuses and both roles: everyone still in the programme.
		expect((await announcementsOf(p.id)).map((a) => a.audience)).toEqual([
			{ roles: [], statuses: [] },
			{ roles: [], statuses: [] },
		])

		const html = renderToStaticMarkup(createElement(Markdown, { source: list[1]!.body }))
		expect(html).not.toMatch(/<script|javascript:/i)
		expect(html).toContain('href="https://example.org/guide"')

		const loaded = await page(settingsPage.loader, { path: `/admin/programmes/${p.slug}`, params: { slug: p.slug }, cookie: admin.cookie })
		expect(loaded.json.announcements.map((a: { title: string; recipientCount: number }) => [a.title, a.recipientCount])).toEqual([
			['Second', 0],
			['First', 0],
		])
	})

	test('it goes in batches, to everyone still in the programme when no status is narrowed, one email per person holding two registrations', async () => {
		const admin = await member({ admin: true })
		const p = await programme()
		const people = []
		for (let i = 0; i < ANNOUNCEMENT_BATCH_SIZE + 3; i++) people.push({ user: await person('mentee') })
		await getDb().execute(
			sql.raw(
				`insert into registrations (programme_id, user_id, role, status) values ${people.map((m, i) => `('${p.id}', '${m.user.id}', 'mentee', '${i % 2 ? 'in_progress' : 'searching'}')`).join(', ')}`,
			),
		)
		// The first person is a mentor of the programme too: still one email.
		await registration({ programmeId: p.id, userId: people[0]!.user.id, role: 'mentor', status: 'application' })
		const completed = await member()
		await registration({ programmeId: p.id, userId: completed.user.id, status: 'completed' })

		await announce(admin.cookie, p.slug, [['title', 'To all'], ['body', 'Hello'], ...everyone])
		const [row] = await announcementsOf(p.id)
		await sendAnnouncementJob.run({ announcementId: row!.id })
		const sent = await emailsOf(row!.id)
		expect(sent).toHaveLength(ANNOUNCEMENT_BATCH_SIZE + 3)
		expect(sent.some((e) => e.userId === completed.user.id)).toBe(false)
		expect((await announcementsOf(p.id))[0]!.recipientCount).toBe(ANNOUNCEMENT_BATCH_SIZE + 3)
	}, 60_000)

	test('refusals write nothing: a missing title or body, statuses of finished registrations, a participant of the programme (403)', async () => {
		const admin = await member({ admin: true })
		const participant = await member()
		const p = await programme()
		await registration({ programmeId: p.id, userId: participant.user.id, status: 'searching' })
		const jobs = async () => (await getDb().execute(sql`select 1 from pgboss.job where name = 'send-announcement'`)).length
		const jobsBefore = await jobs()
		const empty = await announce(admin.cookie, p.slug, [['title', ' '], ['body', ''], ['statuses', 'completed'], ['to', 'managers']])
		expect([empty.response.status, Object.keys(empty.json.fields).sort()]).toEqual([422, ['body', 'statuses', 'title', 'to']])
		expect(empty.json.announcement).toMatchObject({ title: ' ', statuses: ['completed'] })
		const stranger = await announce(participant.cookie, p.slug, [['title', 'Mine'], ['body', 'Hello'], ...everyone])
		expect(stranger.response.status).toBe(403)
		expect(await announcementsOf(p.id)).toEqual([])
		expect(await jobs()).toBe(jobsBefore)
	})
})
