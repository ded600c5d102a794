/**
 * "Accounts carry a photo (initials when none)": what an uploaded photo may be, how it is cropped
 * and the sizes it is served in. Pure; the service (app/services/photo-images.server.ts) decodes,
 * crops and encodes with sharp.
 */

/** The largest file a person may upload: a phone's photo fits, a raw camera file does not. */
export const PHOTO_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
/** Decoded pixels at most (50 MP): a small file of huge dimensions would otherwise fill memory. */
export const PHOTO_MAX_PIXELS = 50_000_000
/** The smallest square a photo is cropped to, in image pixels. */
export const PHOTO_MIN_CROP = 64

/** Served sizes, in pixels a side: large on a mentor's page, small on cards, lists and the header. */
export const PHOTO_SIZES = { large: 512, small: 128 } as const
export type PhotoSize = keyof typeof PHOTO_SIZES

export const PHOTO_INPUT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type PhotoInputType = (typeof PHOTO_INPUT_TYPES)[number]

/** What a file is, from its first bytes; a name or a declared type says nothing. */
export function detectPhotoType(bytes: Uint8Array): PhotoInputType | null {
	const starts = (signature: number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte)
	if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg'
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
	// RIFF <size> WEBP
	if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'
	return null
}

/** A square in image pixels (after EXIF orientation): its top-left corner and its side. */
export type Crop = { x: number; y: number; size: number }
export type Dimensions = { width: number; height: number }

/** The largest square in the middle of the image: the crop when none is chosen (a form sent without scripts). */
export function centreSquare({ width, height }: Dimensions): Crop {
	const size = Math.min(width, height)
	return { x: Math.floor((width - size) / 2), y: Math.floor((height - size) / 2), size }
}

/** Whether an image is big enough to be cropped at all. */
export function isLargeEnough({ width, height }: Dimensions): boolean {
	return Math.min(width, height) >= PHOTO_MIN_CROP
}

/** Why a crop cannot be used on this image, or null when it can: a square of at least 64 px wholly inside it. */
export function cropRefusal(crop: Crop, image: Dimensions): string | null {
	const { x, y, size } = crop
	if (![x, y, size].every(Number.isSafeInteger)) return 'The crop must be given in whole pixels.'
	if (size < PHOTO_MIN_CROP) return `The crop must be at least ${PHOTO_MIN_CROP} pixels wide.`
	if (x < 0 || y < 0 || x + size > image.width || y + size > image.height) {
		return `The crop must lie inside the photo (${image.width} × ${image.height} pixels).`
	}
	return null
}

/**
 * The crop a form sends (`x`, `y`, `size`, whole pixels): null when all three are empty (then the
 * centre square is used), 'invalid' when some are missing or are not whole numbers.
 */
export function readCropFields(fields: { x: unknown; y: unknown; size: unknown }): Crop | null | 'invalid' {
	const values = [fields.x, fields.y, fields.size].map((value) => (typeof value === 'string' ? value.trim() : value))
	if (values.every((value) => value === undefined || value === null || value === '')) return null
	if (!values.every((value) => typeof value === 'string' && /^\d{1,6}$/.test(value))) return 'invalid'
	const [x, y, size] = values.map(Number) as [number, number, number]
	return { x, y, size }
}

/** The pixels a side of each served file: the target size, or the crop itself when it is smaller (never enlarged). */
export function outputSides(cropSize: number): Record<PhotoSize, number> {
	return { large: Math.min(PHOTO_SIZES.large, cropSize), small: Math.min(PHOTO_SIZES.small, cropSize) }
}

/** The file to show at `displayPixels` CSS pixels, sharp on a screen of twice the density. */
export function photoSizeFor(displayPixels: number): PhotoSize {
	return displayPixels * 2 > PHOTO_SIZES.small ? 'large' : 'small'
}

/**
 * A photo's version: a counter that goes up with every upload, then a digest of the image, so a
 * URL names one image for ever (served as immutable) even when a removed photo's counter starts again.
 */
export function nextPhotoVersion(previous: string | null, digest: string): string {
	const counter = previous === null ? 0 : Number.parseInt(previous, 10) || 0
	return `${counter + 1}-${digest.slice(0, 12)}`
}

export const PHOTO_VERSION_PATTERN = /^\d{1,9}-[0-9a-f]{12}$/

export type PhotoRef = { userId: string; version: string }

export function photoUrl({ userId, version }: PhotoRef, size: PhotoSize): string {
	return `/photos/${userId}/${version}/${size}.webp`
}

/** The size a served file name stands for (`large.webp`), or null. */
export function photoSizeOfFile(file: string): PhotoSize | null {
	if (file === 'large.webp') return 'large'
	if (file === 'small.webp') return 'small'
	return null
}
