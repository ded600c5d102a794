import { data, redirect } from '@remix-run/node'
import { PHOTO_MAX_UPLOAD_BYTES, readCropFields } from '~/rules/profile-photo'
import { photoTooLarge } from '~/services/photo-images.server'
import { removeProfilePhoto, saveProfilePhoto } from '~/services/profile-photos.server'
import { errorBody } from '~/utils/api.server'
import { now } from '~/utils/clock.server'
import { DomainError, isDomainError } from '~/utils/errors'
import { withToast } from '~/utils/flash.server'
import { readUploadForm } from '~/utils/form.server'

export const PHOTO_INTENTS = ['photo-upload', 'photo-remove'] as const

/** The profile page's form, files at most the photo limit: a larger photo is refused while it is still arriving. */
export function readProfileForm(request: Request): Promise<FormData> {
	return readUploadForm(request, { maxPartBytes: PHOTO_MAX_UPLOAD_BYTES, tooLarge: photoTooLarge })
}

/** A photo refusal: its status and the shared error shape, whose `fields.photo` or `fields.crop` the form shows. */
export function photoRefusal(error: DomainError) {
	return data(errorBody(error), { status: error.status, headers: error.headers })
}

/** Uploads (with the chosen crop, or the centre square) or removes the person's photo, then back to the page with a toast. */
export async function photoAction(userId: string, formData: FormData) {
	try {
		if (formData.get('intent') === 'photo-remove') {
			await removeProfilePhoto(userId)
			return redirect('/settings/profile', { headers: withToast({ kind: 'success', message: 'Your photo is removed.' }) })
		}
		const file = formData.get('photo')
		if (!(file instanceof File) || file.size === 0) {
			throw new DomainError('validation_failed', 'Choose a photo to upload.', { photo: ['Choose a photo to upload.'] })
		}
		const crop = readCropFields({ x: formData.get('x'), y: formData.get('y'), size: formData.get('size') })
		if (crop === 'invalid') {
			const message = 'The crop must be given as whole pixels: x, y and size.'
			throw new DomainError('crop_invalid', message, { crop: [message] })
		}
		await saveProfilePhoto(userId, { bytes: Buffer.from(await file.arrayBuffer()), crop }, { now: now() })
	} catch (error) {
		if (isDomainError(error)) return photoRefusal(error)
		throw error
	}
	return redirect('/settings/profile', { headers: withToast({ kind: 'success', message: 'Your photo is saved.' }) })
}
