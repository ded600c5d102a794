const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * A state-changing request a browser sent from another site (CSRF). Browsers send `Origin` on
 * every non-GET request and `Sec-Fetch-Site` on all of them; a request with neither comes from a
 * non-browser client, which cannot ride on a visitor's cookies.
 */
export function isCrossSiteWrite(request: {
	method: string
	origin: string | null
	secFetchSite: string | null
	ownOrigins: string[]
}): boolean {
	if (SAFE_METHODS.has(request.method.toUpperCase())) return false
	if (request.origin) return !request.ownOrigins.includes(request.origin)
	if (request.secFetchSite) return request.secFetchSite !== 'same-origin' && request.secFetchSite !== 'none'
	return false
}
