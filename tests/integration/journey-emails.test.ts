import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { emailOutbox, engagementPeriods, journeyLinks, registrations, type RegistrationStatus } from '../../db/schema'
import { templates, type TemplateName } from '../../emails'
import { renderEmail } from '../../emails/render'
import { setMuted } from '../../app/services/email-preferences.server'
import { sendFoundYourMatch, sendQuarterlyReflections } from '../../app/services/journey-emails.server'
import { listMailbox } from '../../app/services/mailbox.server'
import { queueEmail } from '../../app/services/outbox.server'
import { foundYourMatchJob } from '../../jobs/send-found-your-match'
import { quarterlyReflectionsJob } from '../../jobs/send-quarterly-reflections'
import { jobs } from '../../jobs'
import { person } from '../support/outbox'
import { programme } from '../support/programmes'

const NOW = new Date('2027-02-03T09:00:00Z')
const DAY = 24 * 3_600_000
const LONG_AGO = new Date(NOW.getTime() - 40 * DAY)

async function participant(programmeId: string, status: RegistrationStatus, options: { since?: Date; role?: 'mentor' | 'mentee'; zone?: string } = {}) {
	const user = await person(options.role ?? 'mentee', options.zone ?? 'Europe/Berlin')
	const [r] = await getDb()
		.insert(registrations)
		.values({ programmeId, userId: user.id, role: options.role ?? 'mentee', status, statusChangedAt: options.since ?? LONG_AGO, ...(status === 'declined' ? { declineReason: 'Full' } : {}) })
		.returning()
	return { user, r: r! }
}

const sent = (template: TemplateName, userIds: string[]) =>
	getDb()
		.select()
		.from(emailOutbox)
		.where(and(eq(emailOutbox.template, template), inArray(emailOutbox.userId, userIds)))

describe('the monthly "have you found your match?"', () => {
	test('every searching participant gets it once a month, even from two runs at once; muted people, newcomers and other statuses do not', async () => {
		const p = await programme({ name: 'Leadership 2027' })
		const searching = [await participant(p.id, 'searching'), await participant(p.id, 'searching', { role: 'mentor' })]
		const muted = await participant(p.id, 'searching')
		await setMuted(muted.user.id, 'programme_reminder', true)
		const newcomer = await participant(p.id, 'searching', { since: new Date(NOW.getTime() - 2 * DAY) })
		const others = await Promise.all((['application', 'in_progress', 'awaiting_confirmation', 'completed', 'declined', 'withdrawn'] as const).map((s) => participant(p.id, s)))
		const everyone = [...searching, muted, newcomer, ...others].map((x) => x.user.id)

		await Promise.all([sendFoundYourMatch(NOW), sendFoundYourMatch(NOW)])
		const rows = await sent('found_your_match', everyone)
		expect(rows.map((e) => e.userId).sort()).toEqual(searching.map((x) => x.user.id).sort())
		for (const row of rows) {
			const r = searching.find((x) => x.user.id === row.userId)!.r
			expect(row).toMatchObject({ category: 'programme_reminder', dedupeKey: `found-your-match:${r.id}:2027-02` })
			expect(row.text).toContain(`/programmes/${p.slug}`)
			expect(row.headers['List-Unsubscribe']).toMatch(/\/unsubscribe\//)
		}
		expect(rows.find((e) => e.userId === searching[1]!.user.id)!.text).toContain('looking for a mentee')

		// Later in February only the newcomer, now a week in, gets February's; March's goes to all three.
		await sendFoundYourMatch(new Date(NOW.getTime() + 20 * DAY))
		expect((await sent('found_your_match', everyone)).map((e) => e.userId).sort()).toEqual([...searching.map((x) => x.user.id), newcomer.user.id].sort())
		await sendFoundYourMatch(new Date('2027-03-02T09:00:00Z'))
		expect(await sent('found_your_match', [newcomer.user.id, ...searching.map((x) => x.user.id)])).toHaveLength(6)
		expect(await sent('found_your_match', [muted.user.id, ...others.map((x) => x.user.id)])).toEqual([])
	})
})

describe('the quarterly reflection', () => {
	test('every participant in progress gets their dates and one link, once a quarter, even from two runs at once; muted people get neither', async () => {
		const p = await programme({ name: 'Partner school' })
		const a = await participant(p.id, 'in_progress', { zone: 'America/New_York' })
		await getDb().insert(engagementPeriods).values([
			{ registrationId: a.r.id, startDate: '2026-09-01', endDate: '2026-12-18' },
			{ registrationId: a.r.id, startDate: '2027-01-11', endDate: null },
		])
		const b = await participant(p.id, 'in_progress')
		const muted = await participant(p.id, 'in_progress')
		await setMuted(muted.user.id, 'programme_reminder', true)
		const searching = await participant(p.id, 'searching')
		const everyone = [a, b, muted, searching]

		await Promise.all([sendQuarterlyReflections(NOW), sendQuarterlyReflections(NOW)])
		const rows = await sent('quarterly_reflection', everyone.map((x) => x.user.id))
		expect(rows.map((e) => e.userId).sort()).toEqual([a.user.id, b.user.id].sort())
		const links = await getDb().select().from(journeyLinks).where(inArray(journeyLinks.registrationId, everyone.map((x) => x.r.id)))
		// A run that lost the race rolls its link back with its email: one link per email sent.
		expect(links.map((l) => `${l.registrationId}:${l.purpose}`).sort()).toEqual([`${a.r.id}:reflection`, `${b.r.id}:reflection`].sort())
		const mail = rows.find((e) => e.userId === a.user.id)!
		expect(mail).toMatchObject({ category: 'programme_reminder', dedupeKey: `quarterly-reflection:${a.r.id}:2027-Q1` })
		expect(mail.text).toContain('1 September 2026 – 18 December 2026')
		expect(mail.text).toContain('from 11 January 2027, ongoing')
		expect(mail.text).toMatch(/\/links\/[A-Za-z0-9_-]{43}\?choice=add_dates/)
		expect(mail.text).toMatch(/\/links\/[A-Za-z0-9_-]{43}\?choice=mission_ended/)

		await sendQuarterlyReflections(new Date('2027-03-30T09:00:00Z'))
		expect(await sent('quarterly_reflection', everyone.map((x) => x.user.id))).toHaveLength(2)
		await sendQuarterlyReflections(new Date('2027-04-02T09:00:00Z'))
		expect((await sent('quarterly_reflection', everyone.map((x) => x.user.id))).map((e) => e.userId).sort()).toEqual([a.user.id, a.user.id, b.user.id, b.user.id].sort())
	})
})

describe('journey email plumbing', () => {
	test('an email to someone without an account has no user id and no unsubscribe link, even in a reminder category, and shows in the mailbox', async () => {
		const address = `manager-${Date.now()}@example.org`
		await getDb().transaction((tx) =>
			queueEmail(tx, { to: { email: address, name: 'there' }, template: 'found_your_match', data: { programme: { slug: 'x', name: 'X' }, role: 'mentee' } }),
		)
		const [row] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, address))
		expect(row).toMatchObject({ userId: null, headers: {} })
		expect(row!.text).not.toContain('/unsubscribe/')
		// No account to speak of: the footer says why they got it, and links to no settings page.
		expect(row!.text).toContain('a Mentora participant named you')
		expect(row!.text).not.toContain('Email settings')
		expect((await listMailbox({ to: address })).map((e) => e.to)).toEqual([address])
	})

	test('every template renders its sample (the preview renders the same)', async () => {
		const base = { recipientName: 'Alex Example', timeZone: 'America/New_York', appUrl: 'http://localhost:3000' }
		for (const name of Object.keys(templates) as TemplateName[]) {
			const template = templates[name]
			const email = await renderEmail(name, { ...base, unsubscribeUrl: null, ...template.sample } as never)
			expect(email.subject.length, name).toBeGreaterThan(0)
			expect(email.text, name).toContain('Alex Example')
		}
	})

	test('the worker runs both senders on a schedule', () => {
		for (const job of [foundYourMatchJob, quarterlyReflectionsJob]) {
			expect(jobs).toContain(job)
			expect(job.cron).toMatch(/^\S+ \S+ \S+ \S+ \*$/)
		}
	})
})
