import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { apiError } from './api.server'
import { DomainError } from './errors'

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/** Thrown, so the action stops here: Remix answers it as it is (the error shape, its 4xx). */
function refuse(code: 'invalid_form' | 'unsupported_media_type', message: string): Response {
	return apiError(new DomainError(code, message))
}

/**
 * The submitted form of every page action. Browsers send forms url-encoded or as multipart; any
 * other body (JSON, none, a multipart body cut short) can only come from a script, and is refused
 * with a 4xx in the shared error shape here, once, instead of surfacing as a 500 in each action.
 * A NUL character is never part of what a person types and PostgreSQL refuses it in text, so a
 * form carrying one is refused here too, before any service sees it.
 */
export async function readFormData(request: Request): Promise<FormData> {
	formTypeOf(request)
	let formData: FormData
	try {
		formData = await request.formData()
	} catch {
		throw refuse('invalid_form', 'The form could not be read: its body is incomplete or malformed.')
	}
	return withoutNul(formData)
}

/**
 * The form of an action that takes a file: as readFormData, but a multipart body is read part by
 * part and no part may exceed `maxPartBytes` (files are kept in memory): a larger one stops the
 * reading at once with the DomainError `tooLarge` gives, before anything is written.
 */
export async function readUploadForm(request: Request, { maxPartBytes, tooLarge }: { maxPartBytes: number; tooLarge: () => DomainError }): Promise<FormData> {
	if (formTypeOf(request) !== 'multipart/form-data') return readFormData(request)
	let formData: FormData
	try {
		formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxPartBytes }))
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) throw tooLarge()
		throw refuse('invalid_form', 'The form could not be read: its body is incomplete or malformed.')
	}
	return withoutNul(formData)
}

function formTypeOf(request: Request): string {
	const type = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
	if (!FORM_TYPES.includes(type)) {
		throw refuse('unsupported_media_type', 'This page takes a form (application/x-www-form-urlencoded or multipart/form-data).')
	}
	return type
}

function withoutNul(formData: FormData): FormData {
	for (const value of formData.values()) {
		if (typeof value === 'string' && value.includes('\u0000')) {
			throw refuse('invalid_form', 'A form field contained a character that is not allowed (NUL).')
		}
	}
	return formData
}
