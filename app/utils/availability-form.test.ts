import { describe, expect, test } from 'vitest'
import { availabilityFormSchema, calendarToFormValues } from './availability-form'

const base = { timeZone: 'Europe/Berlin', bufferMinutes: 0, weekly: [], blocked: [], extra: [] }

describe('the availability form', () => {
	test('a blocked range becomes one blocked override per date, extra windows their own overrides', () => {
		const result = availabilityFormSchema('intro').safeParse({
			...base,
			weekly: [{ weekday: 1, start: '09:00', end: '12:00' }],
			blocked: [{ from: '2027-12-30', to: '2028-01-02' }, { from: '2027-03-28', to: '' }],
			extra: [{ date: '2027-03-06', start: '10:00', end: '11:00' }],
		})
		expect(result.success && result.data.overrides).toEqual([
			{ date: '2027-12-30', blocked: true },
			{ date: '2027-12-31', blocked: true },
			{ date: '2028-01-01', blocked: true },
			{ date: '2028-01-02', blocked: true },
			{ date: '2027-03-28', blocked: true },
			{ date: '2027-03-06', windows: [{ start: '10:00', end: '11:00' }] },
		])
	})

	test('the API schema’s messages land on the rows that caused them', () => {
		const result = availabilityFormSchema('paid').safeParse({
			...base,
			timeZone: 'Mars/Base',
			weekly: [{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 3, start: '12:00', end: '11:00' }],
			blocked: [{ from: '2027-03-10', to: '2027-03-09' }],
			extra: [{ date: '2027-03-06', start: '9', end: '11:00' }],
			slotMinutes: 5,
			minLeadHours: 24,
			maxLeadDays: 0.5,
		})
		expect(result.success).toBe(false)
		const paths = result.error!.issues.map((i) => i.path.join('.')).sort()
		expect(paths).toEqual(['blocked.0.to', 'extra.0.start', 'maxLeadDays', 'slotMinutes', 'timeZone', 'weekly.1.end'])
	})

	test('overlapping blocked ranges are refused on the range that repeats a date', () => {
		const result = availabilityFormSchema('intro').safeParse({ ...base, blocked: [{ from: '2027-03-01', to: '2027-03-03' }, { from: '2027-03-03', to: '' }] })
		expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['blocked.1.from', 'This date is already blocked.']])
	})

	test('a saved calendar reads back as ranges and hours, and saves to the same calendar', () => {
		const calendar = {
			timeZone: 'America/New_York',
			weekly: [{ weekday: 1 as const, start: '09:00', end: '24:00' }],
			overrides: [
				{ date: '2027-07-01', blocked: true as const },
				{ date: '2027-07-02', blocked: true as const },
				{ date: '2027-07-05', blocked: true as const },
				{ date: '2027-07-03', windows: [{ start: '10:00', end: '11:00' }] },
			],
			bufferMinutes: 15,
			slotMinutes: 45,
			bookingWindow: { minLeadMinutes: 1440, maxLeadMinutes: 86400 },
			meetingLocation: 'https://meet.example.com/room',
		}
		const values = calendarToFormValues(calendar, '2027-06-30')
		expect(values.blocked).toEqual([{ from: '2027-07-01', to: '2027-07-02' }, { from: '2027-07-05', to: '2027-07-05' }])
		expect([values.minLeadHours, values.maxLeadDays]).toEqual([24, 60])
		const saved = availabilityFormSchema('paid').parse(values)
		expect(saved).toEqual({ ...calendar, overrides: expect.arrayContaining(calendar.overrides) })
	})

	test('dates already past are not listed on the form: a range that began before today shows from today on', () => {
		const calendar = {
			timeZone: 'Europe/Berlin',
			weekly: [],
			overrides: [
				{ date: '2027-03-01', blocked: true as const },
				{ date: '2027-03-09', blocked: true as const },
				{ date: '2027-03-10', blocked: true as const },
				{ date: '2027-03-02', windows: [{ start: '10:00', end: '11:00' }] },
				{ date: '2027-03-12', windows: [{ start: '10:00', end: '11:00' }] },
			],
			bufferMinutes: 0,
			slotMinutes: 60,
			bookingWindow: { minLeadMinutes: 1440, maxLeadMinutes: 86400 },
		}
		const values = calendarToFormValues(calendar, '2027-03-10')
		expect(values.blocked).toEqual([{ from: '2027-03-10', to: '2027-03-10' }])
		expect(values.extra).toEqual([{ date: '2027-03-12', start: '10:00', end: '11:00' }])
	})
})

describe('where the calendar’s sessions happen', () => {
	test('an emptied field clears the default; a javascript: link is refused on its field', () => {
		expect(availabilityFormSchema('intro').parse({ ...base, meetingLocation: undefined }).meetingLocation).toBeNull()
		expect(availabilityFormSchema('intro').parse({ ...base, meetingLocation: ' Room 4 ' }).meetingLocation).toBe('Room 4')
		const refused = availabilityFormSchema('intro').safeParse({ ...base, meetingLocation: 'javascript:alert(1)' })
		expect(refused.success).toBe(false)
		expect(refused.error!.issues.map((i) => i.path.join('.'))).toEqual(['meetingLocation'])
	})
})
