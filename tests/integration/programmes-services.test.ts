import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { auditLog, registrations } from '../../db/schema'
import { createProgramme, setCoordinators, updateProgramme } from '../../app/services/programmes.server'
import {
	addPeriod,
	confirmRegistration,
	declineRegistration,
	endRegistration,
	listRegistrations,
	register,
	validateRegistration,
	withdrawRegistration,
} from '../../app/services/registrations.server'
import { ProgrammeSchema, RegistrationSchema } from '../../app/rules/programmes'
import { emailsTo, routing } from '../support/outbox'
import { member, programme, registration, slug, snapshot } from '../support/programmes'

const NOW = new Date('2027-02-01T09:00:00Z')
const mentee = RegistrationSchema.parse({ role: 'mentee' })

async function refusal(promise: Promise<unknown>): Promise<{ code: string; status: number; fields?: Record<string, string[]> }> {
	try {
		await promise
	} catch (error) {
		return error as { code: string; status: number }
	}
	throw new Error('expected a refusal')
}

const auditOf = (subjectId: string) => getDb().select().from(auditLog).where(eq(auditLog.subjectId, subjectId))

describe('programme service', () => {
	test('an admin creates a programme, names coordinators and a coordinator edits it: each change audited', async () => {
		const admin = await member({ admin: true })
		const coordinator = await member()
		const created = await createProgramme({ actorId: admin.user.id, programme: ProgrammeSchema.parse({ slug: slug(), name: 'Buddies', matchingMode: 'self' }), now: NOW })
		expect(created).toMatchObject({ name: 'Buddies', groupSize: 1, lapseDays: 45, managerValidation: false, weights: null, coordinators: [] })
		const named = await setCoordinators({ actorId: admin.user.id, slug: created.slug, userIds: [coordinator.user.id], now: NOW })
		expect(named.coordinators).toEqual([{ id: coordinator.user.id, name: coordinator.user.name }])
		const edited = await updateProgramme({ actorId: coordinator.user.id, slug: created.slug, changes: { lapseDays: 30 }, now: NOW })
		expect(edited.lapseDays).toBe(30)
		const actions = (await auditOf(created.id)).map((a) => `${a.action} by ${a.actorId}`).sort()
		expect(actions).toEqual([`programme.coordinators by ${admin.user.id}`, `programme.create by ${admin.user.id}`, `programme.update by ${coordinator.user.id}`].sort())
	})

	test('only admins create programmes and name coordinators; a coordinator of another programme cannot edit this one', async () => {
		const coordinator = await member()
		const other = await programme({ coordinators: [coordinator.user.id] })
		const mine = await programme()
		const before = await snapshot()
		expect(await refusal(createProgramme({ actorId: coordinator.user.id, programme: ProgrammeSchema.parse({ slug: slug(), name: 'x', matchingMode: 'self' }), now: NOW }))).toMatchObject({ code: 'not_allowed' })
		expect(await refusal(setCoordinators({ actorId: coordinator.user.id, slug: other.slug, userIds: [], now: NOW }))).toMatchObject({ code: 'not_allowed' })
		expect(await refusal(updateProgramme({ actorId: coordinator.user.id, slug: mine.slug, changes: { name: 'Mine now' }, now: NOW }))).toMatchObject({ code: 'not_allowed' })
		expect(await snapshot()).toEqual(before)
	})
})

describe('registration service', () => {
	test('a registration tells the coordinators; validating it tells the person, once, and is audited', async () => {
		const [c1, c2] = [await member(), await member()]
		const p = await programme({ coordinators: [c1.user.id, c2.user.id] })
		const person = await member({ name: 'Maya Jansen' })
		const r = await register({ slug: p.slug, userId: person.user.id, registration: mentee, now: NOW })
		expect(r).toMatchObject({ status: 'application', role: 'mentee', user: { id: person.user.id, name: 'Maya Jansen' }, periods: [] })
		for (const c of [c1, c2]) {
			const rows = await emailsTo(c.user.id)
			expect(routing(rows)).toEqual([`registration_received → ${c.user.id}`])
			expect(rows[0]!.data).toMatchObject({ registrationId: r.id, participantName: 'Maya Jansen', role: 'mentee' })
		}

		const validated = await validateRegistration({ id: r.id, actorId: c1.user.id, now: NOW })
		expect(validated).toMatchObject({ status: 'searching', statusChangedAt: NOW.toISOString() })
		expect(routing(await emailsTo(person.user.id))).toEqual([`registration_validated → ${person.user.id}`])
		expect((await auditOf(r.id)).map((a) => a.action)).toEqual(['registration.validate'])
		expect(await refusal(validateRegistration({ id: r.id, actorId: c2.user.id, now: NOW }))).toMatchObject({ code: 'invalid_transition', status: 409 })
		expect(routing(await emailsTo(person.user.id))).toHaveLength(1)
	})

	test('a programme with no coordinators yet sends new registrations to the admins', async () => {
		const admin = await member({ admin: true })
		const p = await programme()
		await register({ slug: p.slug, userId: (await member()).user.id, registration: mentee, now: NOW })
		expect(routing(await emailsTo(admin.user.id))).toEqual([`registration_received → ${admin.user.id}`])
	})

	test('a declined registration carries the reason to the person, audited with it', async () => {
		const coordinator = await member()
		const p = await programme({ coordinators: [coordinator.user.id] })
		const person = await member()
		const r = await registration({ programmeId: p.id, userId: person.user.id })
		const declined = await declineRegistration({ id: r.id, actorId: coordinator.user.id, reason: '  For people managers only.  ', now: NOW })
		expect(declined).toMatchObject({ status: 'declined', declineReason: 'For people managers only.' })
		const rows = await emailsTo(person.user.id)
		expect(routing(rows)).toEqual([`registration_declined → ${person.user.id}`])
		expect(rows[0]!.text).toContain('For people managers only.')
		expect((await auditOf(r.id))[0]).toMatchObject({ action: 'registration.decline', details: { reason: 'For people managers only.' } })
	})

	test('the journey to completed: dates found while searching start the mentoring, the person ends and confirms it', async () => {
		const p = await programme()
		const person = await member()
		const r = await registration({ programmeId: p.id, userId: person.user.id, status: 'searching' })
		const step = { id: r.id, actorId: person.user.id, now: NOW }
		expect((await addPeriod({ ...step, start: '2027-02-01', end: null })).status).toBe('in_progress')
		expect((await endRegistration(step)).status).toBe('awaiting_confirmation')
		expect((await confirmRegistration(step)).status).toBe('completed')
		expect(await refusal(withdrawRegistration(step))).toMatchObject({ code: 'invalid_transition' })
	})

	test('where the programme asks for it, a match found waits for the manager', async () => {
		const p = await programme({ managerValidation: true })
		const person = await member()
		const r = await registration({ programmeId: p.id, userId: person.user.id, status: 'searching' })
		const added = await addPeriod({ id: r.id, actorId: person.user.id, now: NOW, start: '2027-03-01', end: '2027-06-30' })
		expect(added).toMatchObject({ status: 'awaiting_manager_validation', periods: [{ start: '2027-03-01', end: '2027-06-30' }] })
	})

	test('overlapping periods sent at once: exactly one is stored, the other refused periods_overlap by the exclusion constraint', async () => {
		const p = await programme()
		const person = await member()
		const r = await registration({ programmeId: p.id, userId: person.user.id, status: 'in_progress' })
		const attempts = await Promise.allSettled(
			Array.from({ length: 6 }, (_, i) => addPeriod({ id: r.id, actorId: person.user.id, now: NOW, start: `2027-04-0${i + 1}`, end: '2027-04-20' })),
		)
		expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1)
		for (const a of attempts.filter((a) => a.status === 'rejected')) expect((a as PromiseRejectedResult).reason).toMatchObject({ code: 'periods_overlap', status: 422 })
		const [row] = await getDb().select().from(registrations).where(and(eq(registrations.id, r.id)))
		expect(row!.status).toBe('in_progress')
	})

	test('a filtered, paged list for coordinators', async () => {
		const coordinator = await member()
		const p = await programme({ coordinators: [coordinator.user.id] })
		const ada = await member({ name: 'Ada Quill' })
		const bo = await member({ role: 'mentor', name: 'Bo Strand' })
		await registration({ programmeId: p.id, userId: ada.user.id, status: 'searching' })
		await registration({ programmeId: p.id, userId: bo.user.id, role: 'mentor' })
		const list = (filters: Parameters<typeof listRegistrations>[0]['filters']) => listRegistrations({ slug: p.slug, actorId: coordinator.user.id, filters })
		expect((await list({})).total).toBe(2)
		expect((await list({ statuses: ['searching'] })).registrations.map((r) => r.user.name)).toEqual(['Ada Quill'])
		expect((await list({ role: 'mentor' })).registrations.map((r) => r.user.name)).toEqual(['Bo Strand'])
		expect((await list({ q: 'quil' })).registrations.map((r) => r.user.name)).toEqual(['Ada Quill'])
		expect(await list({ page: 2 })).toEqual({ registrations: [], page: 2, total: 2 })
	})
})
