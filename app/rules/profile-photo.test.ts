import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
	centreSquare,
	cropRefusal,
	detectPhotoType,
	isLargeEnough,
	nextPhotoVersion,
	outputSides,
	PHOTO_MIN_CROP,
	PHOTO_VERSION_PATTERN,
	photoSizeFor,
	photoSizeOfFile,
	photoUrl,
	readCropFields,
} from './profile-photo'

const bytes = (...values: number[]) => Uint8Array.from(values)
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))

describe('what a file is, from its bytes', () => {
	test('JPEG, PNG and WebP are known by their signatures', () => {
		expect(detectPhotoType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg')
		expect(detectPhotoType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png')
		expect(detectPhotoType(bytes(...ascii('RIFF'), 1, 2, 3, 4, ...ascii('WEBPVP8 ')))).toBe('image/webp')
	})

	test('anything else is refused, whatever its name would say: GIF, SVG, a RIFF that is no WebP, text, nothing', () => {
		expect(detectPhotoType(bytes(...ascii('GIF89a')))).toBeNull()
		expect(detectPhotoType(bytes(...ascii('<svg xmlns="http://www.w3.org/2000/svg">')))).toBeNull()
		expect(detectPhotoType(bytes(...ascii('RIFF'), 1, 2, 3, 4, ...ascii('WAVE')))).toBeNull()
		expect(detectPhotoType(bytes(...ascii('hello, I am a .jpg')))).toBeNull()
		expect(detectPhotoType(bytes(0xff, 0xd8))).toBeNull()
		expect(detectPhotoType(bytes())).toBeNull()
	})
})

describe('the crop', () => {
	test('with none chosen, the centre square of the image', () => {
		expect(centreSquare({ width: 300, height: 200 })).toEqual({ x: 50, y: 0, size: 200 })
		expect(centreSquare({ width: 200, height: 301 })).toEqual({ x: 0, y: 50, size: 200 })
		expect(centreSquare({ width: 64, height: 64 })).toEqual({ x: 0, y: 0, size: 64 })
	})

	test('a square of at least 64 px wholly inside the image is accepted', () => {
		expect(cropRefusal({ x: 0, y: 0, size: 64 }, { width: 64, height: 64 })).toBeNull()
		expect(cropRefusal({ x: 236, y: 136, size: 64 }, { width: 300, height: 200 })).toBeNull()
	})

	test('a crop that is too small, reaches outside the image or is not whole pixels is refused', () => {
		expect(cropRefusal({ x: 0, y: 0, size: 63 }, { width: 300, height: 200 })).toMatch(/at least 64/)
		expect(cropRefusal({ x: 101, y: 0, size: 200 }, { width: 300, height: 200 })).toMatch(/inside the photo \(300 × 200/)
		expect(cropRefusal({ x: 0, y: 1, size: 200 }, { width: 300, height: 200 })).toMatch(/inside/)
		expect(cropRefusal({ x: -1, y: 0, size: 100 }, { width: 300, height: 200 })).toMatch(/inside/)
		expect(cropRefusal({ x: 0.5, y: 0, size: 100 }, { width: 300, height: 200 })).toMatch(/whole pixels/)
	})

	test('the centre square of any image big enough is an accepted crop', () => {
		fc.assert(
			fc.property(fc.integer({ min: PHOTO_MIN_CROP, max: 10_000 }), fc.integer({ min: PHOTO_MIN_CROP, max: 10_000 }), (width, height) => {
				expect(isLargeEnough({ width, height })).toBe(true)
				expect(cropRefusal(centreSquare({ width, height }), { width, height })).toBeNull()
			}),
		)
		expect(isLargeEnough({ width: 63, height: 500 })).toBe(false)
	})

	test('form fields: all empty means the centre square, all whole numbers a crop, anything else is invalid', () => {
		expect(readCropFields({ x: '', y: '', size: '' })).toBeNull()
		expect(readCropFields({ x: undefined, y: null, size: undefined })).toBeNull()
		expect(readCropFields({ x: '10', y: ' 20 ', size: '128' })).toEqual({ x: 10, y: 20, size: 128 })
		expect(readCropFields({ x: '10', y: '', size: '128' })).toBe('invalid')
		expect(readCropFields({ x: '-1', y: '0', size: '128' })).toBe('invalid')
		expect(readCropFields({ x: '1.5', y: '0', size: '128' })).toBe('invalid')
		expect(readCropFields({ x: '1e3', y: '0', size: '128' })).toBe('invalid')
		expect(readCropFields({ x: '9999999', y: '0', size: '128' })).toBe('invalid')
	})
})

describe('the served files', () => {
	test('512 and 128 px a side, never enlarged past the crop', () => {
		expect(outputSides(2000)).toEqual({ large: 512, small: 128 })
		expect(outputSides(300)).toEqual({ large: 300, small: 128 })
		expect(outputSides(64)).toEqual({ large: 64, small: 64 })
	})

	test('the small file for up to 64 CSS pixels, the large one above', () => {
		expect(photoSizeFor(40)).toBe('small')
		expect(photoSizeFor(64)).toBe('small')
		expect(photoSizeFor(96)).toBe('large')
	})

	test('each upload gets a new version, and a URL that names it', () => {
		const first = nextPhotoVersion(null, 'ab12cd34ef56ab12cd34')
		expect(first).toBe('1-ab12cd34ef56')
		expect(nextPhotoVersion(first, '0011223344556677')).toBe('2-001122334455')
		expect(first).toMatch(PHOTO_VERSION_PATTERN)
		expect(photoUrl({ userId: 'u-1', version: first }, 'small')).toBe('/photos/u-1/1-ab12cd34ef56/small.webp')
		expect([photoSizeOfFile('large.webp'), photoSizeOfFile('small.webp'), photoSizeOfFile('large.jpg'), photoSizeOfFile('original')]).toEqual(['large', 'small', null, null])
	})
})
