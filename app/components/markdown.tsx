import ReactMarkdown, { defaultUrlTransform, type Components } from 'react-markdown'

/**
 * Markdown written by admins and coordinators (programme content, announcements), rendered safely:
 * raw HTML is never rendered, only http(s), mailto and relative URLs survive, and links leave the
 * site in a new tab without handing it the opener.
 */

const SAFE_URL = /^(https?:|mailto:|\/(?!\/)|#)/i

export function safeUrl(url: string): string {
	const transformed = defaultUrlTransform(url)
	return SAFE_URL.test(transformed) ? transformed : ''
}

const components: Components = {
	a: ({ href, children }) => {
		const external = typeof href === 'string' && /^https?:/i.test(href)
		return (
			<a href={href} className="text-brand-700 underline" {...(external ? { target: '_blank', rel: 'noopener noreferrer nofollow' } : {})}>
				{children}
			</a>
		)
	},
	// Images could track readers or break the layout; their alt text is kept as a link.
	img: ({ src, alt }) =>
		typeof src === 'string' && src ? (
			<a href={src} className="text-brand-700 underline" target="_blank" rel="noopener noreferrer nofollow">
				{alt || src}
			</a>
		) : null,
}

export function Markdown({ source, className }: { source: string; className?: string }) {
	return (
		<div className={className ?? 'prose-mentora space-y-3 break-words'}>
			<ReactMarkdown skipHtml urlTransform={safeUrl} components={components}>
				{source}
			</ReactMarkdown>
		</div>
	)
}
