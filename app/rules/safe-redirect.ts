/**
 * Where to send a person after logging in: only a path on this site. "//evil.example" and
 * "/\evil.example" are read by browsers as other hosts, so they fall back like anything else.
 */
export function safeRedirectPath(to: unknown, fallback = '/dashboard'): string {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
	// Control characters (tabs, newlines) are stripped by URL parsers and could rebuild "//".
	if ([...to].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback
	return to
}
