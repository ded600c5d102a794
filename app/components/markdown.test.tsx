import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { Markdown, safeUrl } from './markdown'

const html = (source: string) => renderToStaticMarkup(<Markdown source={source} />)

describe('staff markdown is rendered safely', () => {
	test('formatting and links render', () => {
		const out = html('# Welcome\n\nRead **the guide** at [our wiki](https://wiki.example.org/guide).')
		expect(out).toContain('<h1>Welcome</h1>')
		expect(out).toContain('<strong>the guide</strong>')
		expect(out).toContain('href="https://wiki.example.org/guide"')
		expect(out).toContain('rel="noopener noreferrer nofollow"')
	})

	test('raw HTML and script URLs never reach the page', () => {
		const out = html('<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) [data](data:text/html,hi)')
		expect(out).not.toMatch(/<script|onerror|javascript:|data:text/i)
		expect(out).toContain('click')
	})

	test('only web, mail and same-site addresses are kept', () => {
		expect(safeUrl('https://a.example')).toBe('https://a.example')
		expect(safeUrl('mailto:team@example.org')).toBe('mailto:team@example.org')
		expect(safeUrl('/programmes/x')).toBe('/programmes/x')
		expect(safeUrl('//evil.example')).toBe('')
		expect(safeUrl('vbscript:x')).toBe('')
	})
})
