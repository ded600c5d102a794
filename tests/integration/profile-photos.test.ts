import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterEach, beforeAll, describe, expect, test } from 'vitest'
import { getDb } from '../../db/client'
import { mentorProfiles, profilePhotos } from '../../db/schema'
import * as mentorPage from '../../app/routes/mentors.$slug'
import * as photoRoute from '../../app/routes/photos.$userId.$version.$file'
import * as profilePage from '../../app/routes/settings.profile/route'
import { loader as rootLoader } from '../../app/root'
import { photoUrl, PHOTO_MAX_UPLOAD_BYTES } from '../../app/rules/profile-photo'
import { startMentorScheduleCache, stopMentorScheduleCache } from '../../app/services/mentor-schedule-cache.server'
import { listMentors } from '../../app/services/profiles.server'
import { createUser } from '../support/factories'
import { answerOf, phonePhoto, photoRequest, plainImage, type PhotoPost } from '../support/photos'

/**
 * Profile photos: uploaded on the profile page, turned upright, cropped to the chosen square,
 * stored as two metadata-free WebP files under a new version, and served from versioned URLs that
 * never change meaning. Refusals say why with a stable code and store nothing.
 */

let phone: Buffer
beforeAll(async () => {
	phone = await phonePhoto()
})
afterEach(() => stopMentorScheduleCache())

const upload = (cookie: string, post: PhotoPost) => answerOf(profilePage.action, photoRequest(cookie, post))
const stored = async (userId: string) => (await getDb().select().from(profilePhotos).where(eq(profilePhotos.userId, userId)))[0] ?? null

function serve(url: string, headers: Record<string, string> = {}) {
	const [, , userId, version, file] = url.split('/')
	const request = new Request(`http://localhost:3000${url}`, { headers })
	return photoRoute.loader({ request, context: { ip: '203.0.113.7', responseCookies: [] }, params: { userId: userId!, version: version!, file: file! } }) as Promise<Response>
}

/** The colour in the middle of a region of a decoded image, as [r, g, b]. */
async function colourAt(image: Buffer, x: number, y: number): Promise<number[]> {
	const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true })
	const at = (y * info.width + x) * info.channels
	return [data[at]!, data[at + 1]!, data[at + 2]!]
}
const isBlue = ([r, g, b]: number[]) => b! > 200 && r! < 60 && g! < 60
const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 60 && b! < 60

describe('uploading a photo', () => {
	test('a phone photo is turned upright, cropped to the chosen square, resized to 512 and 128 px WebP, and keeps no EXIF or GPS', async () => {
		const { user, cookie } = await createUser({ role: 'mentee' })
		// Upright the photo is 800 × 1200, blue on the left half: the square at the top left is all blue.
		const answer = await upload(cookie, { fields: { x: '0', y: '0', size: '400' }, file: { bytes: phone, name: 'IMG_0042.JPG' } })
		expect(answer.status).toBe(302)
		expect(answer.location).toBe('/settings/profile')
		expect(answer.setCookie).toMatch(/^mentora_flash=/)

		const photo = (await stored(user.id))!
		expect(photo.version).toMatch(/^1-[0-9a-f]{12}$/)
		expect(photo.contentType).toBe('image/webp')
		const [large, small] = await Promise.all([sharp(photo.large).metadata(), sharp(photo.small).metadata()])
		// Never enlarged: a 400 px crop gives a 400 px large file.
		expect([large.format, large.width, large.height]).toEqual(['webp', 400, 400])
		expect([small.format, small.width, small.height]).toEqual(['webp', 128, 128])
		for (const meta of [large, small]) {
			expect(meta.exif).toBeUndefined()
			expect(meta.xmp).toBeUndefined()
			expect(meta.icc).toBeUndefined()
			expect(meta.orientation).toBeUndefined()
		}
		expect(photo.large.includes('TestCam')).toBe(false)
		expect(isBlue(await colourAt(photo.large, 200, 200))).toBe(true)

		// The bottom-right square is all red: the crop is in upright pixels.
		await upload(cookie, { fields: { x: '400', y: '800', size: '400' }, file: { bytes: phone } })
		const replaced = (await stored(user.id))!
		expect(isRed(await colourAt(replaced.small, 64, 64))).toBe(true)
	})

	test('without a chosen crop (a form sent without scripts) the centre square is used, 512 px', async () => {
		const { user, cookie } = await createUser({ role: 'mentor' })
		expect((await upload(cookie, { file: { bytes: phone } })).status).toBe(302)
		const photo = (await stored(user.id))!
		const meta = await sharp(photo.large).metadata()
		expect([meta.width, meta.height]).toEqual([512, 512])
		// The middle 800 × 800 of the upright photo: blue on the left, red on the right.
		expect(isBlue(await colourAt(photo.large, 100, 256))).toBe(true)
		expect(isRed(await colourAt(photo.large, 412, 256))).toBe(true)
	})

	test('PNG and WebP are accepted too', async () => {
		for (const format of ['png', 'webp'] as const) {
			const { user, cookie } = await createUser({ role: 'mentee' })
			const answer = await upload(cookie, { file: { bytes: await plainImage(300, 200, format), name: `me.${format}`, type: `image/${format}` } })
			expect(answer.status, format).toBe(302)
			expect((await sharp((await stored(user.id))!.large).metadata()).width).toBe(200)
		}
	})
})

describe('refusing a photo', () => {
	/** Each refusal: its status, code and the form field its message is shown on, and nothing stored (an earlier photo stays). */
	async function expectRefused(post: PhotoPost, status: number, code: string, field: 'photo' | 'crop') {
		const { user, cookie } = await createUser({ role: 'mentee' })
		await upload(cookie, { file: { bytes: phone } })
		const before = await stored(user.id)
		const answer = await upload(cookie, post)
		expect(answer.status).toBe(status)
		expect(answer.json.error.code).toBe(code)
		expect(answer.json.error.message).toEqual(expect.any(String))
		expect(answer.json.error.fields[field]).toEqual([answer.json.error.message])
		expect(await stored(user.id)).toEqual(before)
	}

	test('a file over 5 MB: 413 photo_too_large', async () => {
		const huge = new Uint8Array(PHOTO_MAX_UPLOAD_BYTES + 1)
		huge.set(phone.subarray(0, 1000))
		await expectRefused({ file: { bytes: huge } }, 413, 'photo_too_large', 'photo')
	})

	test('text named .jpg, a GIF, and a JPEG cut short: 422 photo_unreadable', async () => {
		await expectRefused({ file: { bytes: new TextEncoder().encode('I am not a photo, only named like one.'), name: 'me.jpg', type: 'image/jpeg' } }, 422, 'photo_unreadable', 'photo')
		await expectRefused({ file: { bytes: await plainImage(100, 100, 'gif'), name: 'me.jpg', type: 'image/jpeg' } }, 422, 'photo_unreadable', 'photo')
		await expectRefused({ file: { bytes: phone.subarray(0, Math.floor(phone.length / 2)) } }, 422, 'photo_unreadable', 'photo')
	})

	test('a crop outside the photo, under 64 px or not in whole pixels: 422 crop_invalid', async () => {
		await expectRefused({ fields: { x: '500', y: '0', size: '400' }, file: { bytes: phone } }, 422, 'crop_invalid', 'crop')
		await expectRefused({ fields: { x: '0', y: '0', size: '63' }, file: { bytes: phone } }, 422, 'crop_invalid', 'crop')
		await expectRefused({ fields: { x: '1.5', y: '0', size: '100' }, file: { bytes: phone } }, 422, 'crop_invalid', 'crop')
		await expectRefused({ fields: { x: '10', size: '100' }, file: { bytes: phone } }, 422, 'crop_invalid', 'crop')
	})

	test('a photo under 64 px a side: 422 photo_too_small; no file at all: 422 validation_failed', async () => {
		await expectRefused({ file: { bytes: await plainImage(40, 300) } }, 422, 'photo_too_small', 'photo')
		await expectRefused({ file: { bytes: new Uint8Array(0), name: '' } }, 422, 'validation_failed', 'photo')
	})

	test('signed out: sent to log in', async () => {
		const answer = await answerOf(profilePage.action, photoRequest(null, { file: { bytes: phone } }))
		expect(answer.status).toBe(302)
		expect(answer.location).toMatch(/^\/login\?redirectTo=/)
	})
})

describe('serving, replacing and removing a photo', () => {
	test('served with its type, a year of immutable caching, an ETag and nosniff; a new upload gets a new URL and the old one is gone', async () => {
		const { user, cookie } = await createUser({ role: 'mentee' })
		await upload(cookie, { file: { bytes: phone } })
		const first = (await stored(user.id))!
		const url = photoUrl({ userId: user.id, version: first.version }, 'large')
		const response = await serve(url)
		expect(response.status).toBe(200)
		expect(response.headers.get('Content-Type')).toBe('image/webp')
		expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
		expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
		expect(Buffer.from(await response.arrayBuffer()).equals(first.large)).toBe(true)
		const etag = response.headers.get('ETag')!
		expect(etag).toMatch(/^"1-[0-9a-f]{12}-large"$/)
		expect((await serve(url, { 'If-None-Match': etag })).status).toBe(304)
		const small = await serve(photoUrl({ userId: user.id, version: first.version }, 'small'))
		expect(Buffer.from(await small.arrayBuffer()).equals(first.small)).toBe(true)

		await upload(cookie, { fields: { x: '0', y: '0', size: '300' }, file: { bytes: phone } })
		const second = (await stored(user.id))!
		expect(second.version).toMatch(/^2-/)
		expect((await serve(url)).status).toBe(404)
		expect((await serve(photoUrl({ userId: user.id, version: second.version }, 'large'))).status).toBe(200)
	})

	test('an unknown user, version or file, or a malformed one, is not found', async () => {
		const { user, cookie } = await createUser({ role: 'mentee' })
		await upload(cookie, { file: { bytes: phone } })
		const { version } = (await stored(user.id))!
		for (const url of [
			`/photos/00000000-0000-4000-8000-000000000000/${version}/large.webp`,
			`/photos/${user.id}/1-000000000000/large.webp`,
			`/photos/${user.id}/${version}/original.jpg`,
			`/photos/${user.id}/${version}/large.png`,
			`/photos/not-a-uuid/${version}/large.webp`,
			`/photos/${user.id}/x'y/small.webp`,
		]) {
			const response = await serve(url)
			expect(response.status, url).toBe(404)
			expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
		}
	})

	test('removing it brings the initials back and its URLs are gone; a later upload does not reuse an old URL', async () => {
		const { user, cookie } = await createUser({ role: 'mentee' })
		await upload(cookie, { fields: { x: '0', y: '0', size: '400' }, file: { bytes: phone } })
		const { version } = (await stored(user.id))!
		const removed = await answerOf(profilePage.action, photoRequest(cookie, { fields: { intent: 'photo-remove' } }))
		expect([removed.status, removed.location]).toEqual([302, '/settings/profile'])
		expect(removed.setCookie).toMatch(/^mentora_flash=/)
		expect(await stored(user.id)).toBeNull()
		expect((await serve(photoUrl({ userId: user.id, version }, 'small'))).status).toBe(404)

		// The counter starts again, but the digest differs: a cached old URL never shows the new photo.
		await upload(cookie, { fields: { x: '400', y: '800', size: '400' }, file: { bytes: phone } })
		const again = (await stored(user.id))!
		expect(again.version).toMatch(/^1-/)
		expect(again.version).not.toBe(version)
	})

	test('the profile page and the site header know the photo', async () => {
		const { user, cookie } = await createUser({ role: 'mentee' })
		await upload(cookie, { file: { bytes: phone } })
		const { version } = (await stored(user.id))!
		const request = new Request('http://localhost:3000/settings/profile', { headers: { Cookie: cookie } })
		const context = { ip: '203.0.113.7', responseCookies: [] }
		const loaded = await profilePage.loader({ request, context, params: {} })
		expect(loaded.person).toEqual({ id: user.id, name: user.name, photoVersion: version })
		const root = await rootLoader({ request, context, params: {} })
		expect(root.user?.photoVersion).toBe(version)
	})
})

describe('a mentor’s photo on their page and in the directory', () => {
	test('shows after an upload, though web processes keep the page, and goes after a removal', async () => {
		const { user, cookie } = await createUser({ role: 'mentor', name: `Photo${Date.now()} Mentor` })
		await getDb().update(mentorProfiles).set({ headline: 'Leads teams', languages: ['English'] }).where(eq(mentorProfiles.userId, user.id))
		const [{ slug }] = (await getDb().select({ slug: mentorProfiles.slug }).from(mentorProfiles).where(eq(mentorProfiles.userId, user.id))) as [{ slug: string }]
		await startMentorScheduleCache()
		const pageOf = async () => {
			const request = new Request(`http://localhost:3000/mentors/${slug}`)
			return (await mentorPage.loader({ request, context: { ip: '203.0.113.7', responseCookies: [] }, params: { slug } })).mentor
		}
		const eventually = async (wanted: string | null) => {
			for (let waited = 0; (await pageOf()).photoVersion !== wanted; waited += 20) {
				if (waited > 5000) throw new Error('the kept page was not dropped within 5 s')
				await new Promise((resolve) => setTimeout(resolve, 20))
			}
		}
		expect((await pageOf()).photoVersion).toBeNull()
		await upload(cookie, { file: { bytes: phone } })
		const { version } = (await stored(user.id))!
		await eventually(version)
		expect((await pageOf()).id).toBe(user.id)

		const card = (await listMentors({ q: user.name }, new Date())).mentors.find((m) => m.id === user.id)!
		expect(card.photoVersion).toBe(version)

		await answerOf(profilePage.action, photoRequest(cookie, { fields: { intent: 'photo-remove' } }))
		await eventually(null)
		expect((await listMentors({ q: user.name }, new Date())).mentors.find((m) => m.id === user.id)!.photoVersion).toBeNull()
	})
})
