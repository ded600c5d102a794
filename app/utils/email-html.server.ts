import sanitizeHtml from 'sanitize-html'

/**
 * An email's HTML as it may be stored and shown in a workspace: "stored email HTML never runs
 * script". An allow-list, not a deny-list: text structure, tables and links survive; scripts,
 * styles, forms, frames, images (remote ones are tracking pixels) and every attribute not named
 * here (event handlers, style) are dropped, and links keep only http, https and mailto targets.
 */
const OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: [...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'data'), 'center', 'font'],
	allowedAttributes: {
		a: ['href', 'title', 'rel', 'target'],
		td: ['colspan', 'rowspan', 'align'],
		th: ['colspan', 'rowspan', 'align'],
		ol: ['start'],
	},
	allowedSchemes: ['http', 'https', 'mailto'],
	allowedSchemesAppliedToAttributes: ['href'],
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	// A link in someone's mail opens on its own, never with the workspace as its opener.
	transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
}

export function sanitizeEmailHtml(html: string): string {
	return sanitizeHtml(html, OPTIONS)
}
