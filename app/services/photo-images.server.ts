import sharp, { type Metadata } from 'sharp'
import {
	centreSquare,
	cropRefusal,
	detectPhotoType,
	isLargeEnough,
	outputSides,
	PHOTO_MAX_PIXELS,
	PHOTO_MAX_UPLOAD_BYTES,
	PHOTO_MIN_CROP,
	type Crop,
	type Dimensions,
	type PhotoSize,
} from '../rules/profile-photo'
import { DomainError } from '../utils/errors'

/**
 * Turns an uploaded file into the two square WebP files a profile photo is served as: oriented
 * as the camera held it (EXIF Orientation), cropped to the chosen square (the centre square when
 * none is chosen), resized, and written without any of the original's metadata (EXIF, GPS, XMP,
 * ICC: sharp keeps none unless told to). Every refusal is a DomainError: nothing is stored then.
 */

export type ProcessedPhoto = { contentType: 'image/webp'; crop: Crop; source: Dimensions } & Record<PhotoSize, Buffer>

const SHARP_FORMAT = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const
// Untrusted input: a warning from the decoder (a truncated file) is a refusal, and the pixel count is bounded.
const INPUT = { failOn: 'warning', limitInputPixels: PHOTO_MAX_PIXELS } as const
const QUALITY: Record<PhotoSize, number> = { large: 82, small: 80 }

const unreadable = (message = 'This file is not a photo we can read: upload a JPEG, PNG or WebP image.') =>
	new DomainError('photo_unreadable', message, { photo: [message] })

export async function processPhoto(input: Buffer, requested: Crop | null): Promise<ProcessedPhoto> {
	if (input.byteLength > PHOTO_MAX_UPLOAD_BYTES) throw photoTooLarge()
	const type = detectPhotoType(input)
	if (!type) throw unreadable()
	let metadata: Metadata
	try {
		metadata = await sharp(input, INPUT).metadata()
	} catch {
		throw unreadable('This photo could not be read: the file may be damaged. Try another one.')
	}
	if (metadata.format !== SHARP_FORMAT[type]) throw unreadable()
	if (metadata.width * metadata.height > PHOTO_MAX_PIXELS) {
		const message = `This photo has too many pixels (${metadata.width} × ${metadata.height}); use one of at most ${PHOTO_MAX_PIXELS / 1_000_000} megapixels.`
		throw new DomainError('photo_too_large', message, { photo: [message] })
	}
	// Sizes as the photo is seen, after the EXIF orientation: the crop was chosen on that view.
	const source = { width: metadata.autoOrient.width, height: metadata.autoOrient.height }
	if (!isLargeEnough(source)) {
		const message = `This photo is too small (${source.width} × ${source.height} pixels); use one at least ${PHOTO_MIN_CROP} pixels on each side.`
		throw new DomainError('photo_too_small', message, { photo: [message] })
	}
	const crop = requested ?? centreSquare(source)
	const refusal = cropRefusal(crop, source)
	if (refusal) throw new DomainError('crop_invalid', refusal, { crop: [refusal] })

	const sides = outputSides(crop.size)
	const encode = (size: PhotoSize) =>
		sharp(input, { ...INPUT, autoOrient: true })
			.extract({ left: crop.x, top: crop.y, width: crop.size, height: crop.size })
			.resize(sides[size], sides[size])
			.webp({ quality: QUALITY[size] })
			.toBuffer()
	try {
		const [large, small] = await Promise.all([encode('large'), encode('small')])
		return { contentType: 'image/webp', crop, source, large, small }
	} catch {
		// The header read, the pixels did not (a file cut short).
		throw unreadable('This photo could not be read: the file may be damaged. Try another one.')
	}
}

export function photoTooLarge(): DomainError {
	const message = `This photo is too large: upload one of at most ${PHOTO_MAX_UPLOAD_BYTES / (1024 * 1024)} MB.`
	return new DomainError('photo_too_large', message, { photo: [message] })
}
