import { type AppLoadContext } from '@remix-run/node'
import sharp from 'sharp'

type Handler = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => unknown

/**
 * A photo as a phone saves it: 1200 × 800 pixels as stored, top half red and bottom half blue,
 * with EXIF Orientation 6 (turn 90° clockwise to show), a camera make and a GPS position. Shown
 * upright it is 800 × 1200: blue on the left half, red on the right.
 */
export async function phonePhoto(): Promise<Buffer> {
	const red = await sharp({ create: { width: 1200, height: 400, channels: 3, background: '#ff0000' } })
		.png()
		.toBuffer()
	return sharp({ create: { width: 1200, height: 800, channels: 3, background: '#0000ff' } })
		.composite([{ input: red, left: 0, top: 0 }])
		.jpeg({ quality: 90 })
		.withExif({ IFD0: { Make: 'TestCam', Model: 'Pocket 1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '13/1 24/1 36/1' } })
		.withMetadata({ orientation: 6 })
		.toBuffer()
}

/** A plain image of one colour in the given format. */
export function plainImage(width: number, height: number, format: 'png' | 'webp' | 'jpeg' | 'gif' = 'png'): Promise<Buffer> {
	return sharp({ create: { width, height, channels: 3, background: '#22aa66' } })
		.toFormat(format)
		.toBuffer()
}

export type PhotoPost = { fields?: Record<string, string>; file?: { bytes: Uint8Array; name?: string; type?: string } }

/** Posts the profile page's photo form as a browser does: multipart, the file in `photo`. */
export function photoRequest(cookie: string | null, { fields = {}, file }: PhotoPost): Request {
	const form = new FormData()
	for (const [name, value] of Object.entries({ intent: 'photo-upload', ...fields })) form.append(name, value)
	if (file) form.append('photo', new File([new Uint8Array(file.bytes)], file.name ?? 'photo.jpg', { type: file.type ?? 'image/jpeg' }))
	return new Request('http://localhost:3000/settings/profile', { method: 'POST', headers: cookie ? { Cookie: cookie } : {}, body: form })
}

export type Answer = { status: number; location: string | null; setCookie: string | null; json: any }

/** Sends a request to a route handler and reads the answer, whatever shape Remix would send. */
export async function answerOf(handler: Handler, request: Request, params: Record<string, string> = {}): Promise<Answer> {
	let result: unknown
	try {
		result = await handler({ request, context: { ip: '203.0.113.7', responseCookies: [] }, params })
	} catch (thrown) {
		if (!(thrown instanceof Response)) throw thrown
		result = thrown
	}
	if (result instanceof Response) {
		const text = await result.text()
		let json: unknown = null
		try {
			json = text ? JSON.parse(text) : null
		} catch {
			json = text
		}
		return { status: result.status, location: result.headers.get('Location'), setCookie: result.headers.get('Set-Cookie'), json }
	}
	const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } } | null
	if (wrapped?.type === 'DataWithResponseInit') return { status: wrapped.init?.status ?? 200, location: null, setCookie: null, json: wrapped.data }
	return { status: 200, location: null, setCookie: null, json: result }
}
