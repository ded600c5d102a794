import { eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { bundleOffers, mentorProfiles, mentorSubjects, subjects } from '../../db/schema'
import { saveCalendar } from '../../app/services/calendars.server'
import { listMentors } from '../../app/services/profiles.server'
import { createUser } from '../support/factories'

/** The directory finds mentors by what their cards say, and filters by language, price and a free intro soon. */

/** A Monday; Berlin is on winter time (UTC+1). */
const NOW = new Date('2027-03-01T08:00:00Z')
const DAY = 24 * 60 * 60_000

async function mentor(tag: string, profile: { location?: string; languages: string[]; subject?: string; sessionCents?: number; currency?: string; introInDays?: number }) {
	const { user } = await createUser({ role: 'mentor', name: `${tag} ${Math.random().toString(36).slice(2, 6)}` })
	await getDb()
		.update(mentorProfiles)
		.set({ headline: `Mentor ${tag}`, location: profile.location ?? '', languages: profile.languages })
		.where(eq(mentorProfiles.userId, user.id))
	if (profile.subject) {
		const slug = `${profile.subject.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`
		await getDb().insert(subjects).values({ slug, name: `${profile.subject} ${slug}` })
		await getDb().insert(mentorSubjects).values({ userId: user.id, subjectSlug: slug })
	}
	if (profile.sessionCents) {
		await getDb()
			.insert(bundleOffers)
			.values({ mentorId: user.id, sessionsCount: 5, sessionMinutes: 60, priceCents: profile.sessionCents * 5, currency: profile.currency ?? 'eur' })
	}
	if (profile.introInDays !== undefined) {
		// One extra window, on the date that many days from now (an intro needs 48 hours ahead).
		const date = new Date(NOW.getTime() + profile.introInDays * DAY).toISOString().slice(0, 10)
		await saveCalendar(user.id, 'intro', { timeZone: 'Europe/Berlin', weekly: [], overrides: [{ date, windows: [{ start: '09:00', end: '10:00' }] }], bufferMinutes: 0 }, NOW)
	}
	return user
}

const names = async (filters: Parameters<typeof listMentors>[0]) => (await listMentors(filters, NOW)).mentors.map((m) => m.name.split(' ')[0]).sort()

describe('the mentor directory', () => {
	test('a search word is found in the languages, the location and the subjects too, and every word must match', async () => {
		const tag = `Dir${Date.now()}`
		await mentor(`${tag}a`, { location: 'Berlin, Germany', languages: ['English', 'German'] })
		await mentor(`${tag}b`, { location: 'Lisbon, Portugal', languages: ['Portuguese'], subject: 'Negotiation' })
		expect(await names({ q: `${tag} german` })).toEqual([`${tag}a`])
		expect(await names({ q: `berlin ${tag}` })).toEqual([`${tag}a`])
		expect(await names({ q: `${tag} negotiation` })).toEqual([`${tag}b`])
		expect(await names({ q: `${tag} berlin negotiation` })).toEqual([])
	})

	test('filters by a language spoken (any case), by price per session in euros, and by a free intro within 7 days', async () => {
		const tag = `Fil${Date.now()}`
		const language = `Lang${Date.now()}`
		await mentor(`${tag}cheap`, { languages: [language], sessionCents: 4000, introInDays: 3 })
		await mentor(`${tag}dear`, { languages: [language, 'English'], sessionCents: 20_000, introInDays: 10 })
		await mentor(`${tag}dollars`, { languages: ['English'], sessionCents: 3000, currency: 'usd' })
		expect(await names({ q: tag, language: language.toLowerCase() })).toEqual([`${tag}cheap`, `${tag}dear`])
		// Up to €50 a session: the euro offer at €40; a dollar price is not weighed in euros.
		expect(await names({ q: tag, maxSessionCents: 5000 })).toEqual([`${tag}cheap`])
		expect(await names({ q: tag, availableThisWeek: true })).toEqual([`${tag}cheap`])

		const cards = (await listMentors({ q: tag }, NOW)).mentors
		const cheap = cards.find((m) => m.name.startsWith(`${tag}cheap`))!
		expect(cheap.priceFrom).toEqual({ cents: 4000, currency: 'eur' })
		expect(new Date(cheap.nextIntro!).getTime()).toBeGreaterThanOrEqual(NOW.getTime() + 2 * DAY)
		expect(new Date(cheap.nextIntro!).getTime()).toBeLessThan(NOW.getTime() + 7 * DAY)
		const dollars = cards.find((m) => m.name.startsWith(`${tag}dollars`))!
		expect([dollars.priceFrom, dollars.nextIntro]).toEqual([{ cents: 3000, currency: 'usd' }, null])
		expect((await listMentors({ q: tag, availableThisWeek: true }, NOW)).total).toBe(1)
	})
})
