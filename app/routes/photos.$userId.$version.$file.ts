import { type LoaderFunctionArgs } from '@remix-run/node'
import { photoSizeOfFile } from '~/rules/profile-photo'
import { readProfilePhoto } from '~/services/profile-photos.server'

/**
 * GET /photos/<userId>/<version>/<large|small>.webp: a profile photo as stored. The URL names one
 * image for ever (a new upload gets a new version), so browsers and shared caches keep it for a
 * year without asking again; a removed or replaced version, like any other path, is not found.
 * Photos are as public as the pages that show them.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const size = photoSizeOfFile(params.file ?? '')
	const photo = size ? await readProfilePhoto(params.userId ?? '', params.version ?? '', size) : null
	if (!photo) {
		return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } })
	}
	const etag = `"${params.version}-${size}"`
	const headers = {
		'Cache-Control': 'public, max-age=31536000, immutable',
		ETag: etag,
		'X-Content-Type-Options': 'nosniff',
	}
	if (request.headers.get('If-None-Match')?.split(/\s*,\s*/).includes(etag)) return new Response(null, { status: 304, headers })
	return new Response(new Uint8Array(photo.bytes), { headers: { ...headers, 'Content-Type': photo.contentType, 'Content-Length': String(photo.bytes.byteLength) } })
}
