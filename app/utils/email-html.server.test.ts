import { describe, expect, test } from 'vitest'
import { sanitizeEmailHtml } from './email-html.server'

/** The usual XSS payloads (OWASP's filter evasion list, abridged): none may survive as markup that runs. */
const PAYLOADS = [
	'<script>alert(1)</script>',
	'<SCRIPT SRC=//evil.test/x.js></SCRIPT>',
	'<img src=x onerror=alert(1)>',
	'<svg onload=alert(1)>',
	'<body onload=alert(1)>',
	'<a href="javascript:alert(1)">x</a>',
	'<a href="JaVaScRiPt:alert(1)">x</a>',
	'<a href="jav&#x09;ascript:alert(1)">x</a>',
	'<a href=" javascript:alert(1)">x</a>',
	'<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
	'<a href="vbscript:msgbox(1)">x</a>',
	'<iframe src="javascript:alert(1)"></iframe>',
	'<object data="javascript:alert(1)"></object>',
	'<embed src="javascript:alert(1)">',
	'<form action="javascript:alert(1)"><button>x</button></form>',
	'<div style="background:url(javascript:alert(1))">x</div>',
	'<p onclick="alert(1)" onmouseover="alert(1)">x</p>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
	'<<script>script>alert(1)<</script>/script>',
	'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
	'<base href="javascript:alert(1)//">',
	'<link rel="stylesheet" href="javascript:alert(1)">',
	'<details open ontoggle=alert(1)>',
	'"><script>alert(1)</script>',
]

describe('sanitizeEmailHtml', () => {
	test.each(PAYLOADS)('leaves nothing that runs of %s', (payload) => {
		const clean = sanitizeEmailHtml(`<p>Hello</p>${payload}`)
		expect(clean).not.toMatch(/<\s*(script|iframe|object|embed|form|meta|base|link|svg|style|img|body)\b/i)
		expect(clean).not.toMatch(/\son[a-z]+\s*=/i)
		expect(clean).not.toMatch(/(java|vb)script:|data:text/i)
		expect(clean).not.toMatch(/style=/i)
	})

	test('keeps the text, structure and safe links of an ordinary mail', () => {
		const clean = sanitizeEmailHtml(
			'<div><p>Hi <b>Bob</b>,</p><ul><li>one</li></ul><table><tr><td colspan="2">cell</td></tr></table><a href="https://example.org/doc">the doc</a> <a href="mailto:alice@example.org">me</a></div>',
		)
		expect(clean).toContain('<p>Hi <b>Bob</b>,</p>')
		expect(clean).toContain('<td colspan="2">cell</td>')
		expect(clean).toContain('href="https://example.org/doc"')
		expect(clean).toContain('rel="noopener noreferrer nofollow"')
		expect(clean).toContain('href="mailto:alice@example.org"')
	})
})
