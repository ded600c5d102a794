import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	describeMeetingLocation,
	effectiveMeetingLocation,
	MEETING_LOCATION_MAX_LENGTH,
	meetingLocationSource,
	MeetingLocationSchema,
	menteeSeesMeetingLocation,
	visibleMeetingLocation,
} from './meeting-location'

const parse = (value: unknown) => MeetingLocationSchema.safeParse(value)
const refusal = (value: unknown) => {
	const result = parse(value)
	return result.success ? null : result.error.issues[0]!.message
}

describe('reading a meeting location', () => {
	test('a link is kept as typed, trimmed', () => {
		expect(parse('  https://meet.example.com/abc-defg  ')).toEqual({ success: true, data: 'https://meet.example.com/abc-defg' })
		expect(parse('http://zoom.example.org/j/123?pwd=x')).toEqual({ success: true, data: 'http://zoom.example.org/j/123?pwd=x' })
	})

	test('a place is free text on one line', () => {
		expect(parse(' Café Central, Herrengasse 14, Vienna ')).toEqual({ success: true, data: 'Café Central, Herrengasse 14, Vienna' })
		// A label with a colon and a space is a place, not a scheme.
		expect(parse('Office: 2nd floor, room 4')).toEqual({ success: true, data: 'Office: 2nd floor, room 4' })
		expect(parse('12:30 at the lobby')).toEqual({ success: true, data: '12:30 at the lobby' })
	})

	test('empty, spaces only, or null clear it', () => {
		expect(parse('')).toEqual({ success: true, data: null })
		expect(parse('   ')).toEqual({ success: true, data: null })
		expect(parse(null)).toEqual({ success: true, data: null })
	})

	test('other schemes are refused with a sentence, javascript: first of all', () => {
		expect(refusal('javascript:alert(1)')).toMatch(/starts with https:\/\//)
		expect(refusal('JavaScript:alert(document.cookie)')).toMatch(/starts with https:\/\//)
		expect(refusal('data:text/html,<script>alert(1)</script>')).toMatch(/starts with https:\/\//)
		expect(refusal('mailto:someone@example.com')).toMatch(/starts with https:\/\//)
		expect(refusal('ftp://files.example.com')).toMatch(/starts with https:\/\//)
	})

	test('a link that is not a whole http(s) URL is refused', () => {
		expect(refusal('www.example.com/room')).toMatch(/whole link/)
		expect(refusal('https://')).toMatch(/not a valid link/)
		expect(refusal('https://meet example.com')).toMatch(/not a valid link/)
	})

	test('more than 500 characters, a second line or a control character are refused', () => {
		expect(parse('x'.repeat(MEETING_LOCATION_MAX_LENGTH)).success).toBe(true)
		expect(refusal('x'.repeat(MEETING_LOCATION_MAX_LENGTH + 1))).toMatch(/at most 500/)
		expect(refusal('Room 4\nSecond floor')).toMatch(/one line/)
		expect(refusal('Room\u00004')).toMatch(/one line/)
		expect(refusal(42)).toMatch(/meeting link or a place/)
	})

	test('whatever is accepted fits the column (1–500 characters) and is shown as a link only when it is http(s)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 600 }), (value) => {
				const result = parse(value)
				if (!result.success || result.data === null) return
				expect(result.data.length).toBeGreaterThanOrEqual(1)
				expect(result.data.length).toBeLessThanOrEqual(MEETING_LOCATION_MAX_LENGTH)
				const shown = describeMeetingLocation(result.data)
				if (shown.kind === 'link') expect(shown.href).toMatch(/^https?:\/\//)
			}),
		)
	})
})

describe('showing it', () => {
	test('an http(s) URL is a link, anything else plain text, even a stored javascript: value', () => {
		expect(describeMeetingLocation('https://meet.example.com/abc')).toEqual({ kind: 'link', href: 'https://meet.example.com/abc', text: 'https://meet.example.com/abc' })
		expect(describeMeetingLocation('Room 4')).toEqual({ kind: 'place', text: 'Room 4' })
		expect(describeMeetingLocation('javascript:alert(1)')).toEqual({ kind: 'place', text: 'javascript:alert(1)' })
	})

	test('the session’s own location wins over its calendar’s, and says where it comes from', () => {
		expect(effectiveMeetingLocation('Room 4', 'https://meet.example.com/a')).toBe('Room 4')
		expect(effectiveMeetingLocation(null, 'https://meet.example.com/a')).toBe('https://meet.example.com/a')
		expect(effectiveMeetingLocation(null, null)).toBeNull()
		expect(meetingLocationSource('Room 4', 'x')).toBe('session')
		expect(meetingLocationSource(null, 'x')).toBe('calendar')
		expect(meetingLocationSource(null, null)).toBeNull()
	})

	test('the mentee sees it once the session is booked; the mentor and admins always', () => {
		expect(menteeSeesMeetingLocation('pending')).toBe(false)
		expect(menteeSeesMeetingLocation('rejected')).toBe(false)
		expect(menteeSeesMeetingLocation('scheduled')).toBe(true)
		expect(menteeSeesMeetingLocation('completed')).toBe(true)
		expect(visibleMeetingLocation('Room 4', 'mentee', 'pending')).toBeNull()
		expect(visibleMeetingLocation('Room 4', 'mentor', 'pending')).toBe('Room 4')
		expect(visibleMeetingLocation('Room 4', 'admin', 'expired')).toBe('Room 4')
		expect(visibleMeetingLocation('Room 4', 'mentee', 'scheduled')).toBe('Room 4')
	})
})
