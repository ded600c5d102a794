/**
 * The submitted form of a page action. A NUL character is never part of what a person types and
 * PostgreSQL refuses it in text, so a form carrying one is refused here with a 400, before any
 * service sees it, rather than failing later as a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
	const formData = await request.formData()
	for (const value of formData.values()) {
		if (typeof value === 'string' && value.includes('\u0000')) {
			throw new Response('A form field contained a character that is not allowed (NUL).', { status: 400, statusText: 'Bad Request' })
		}
	}
	return formData
}
