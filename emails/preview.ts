/**
 * `npm run email:preview [folder]`: renders every template with its sample data into a folder
 * (default .email-preview/): <name>.html, <name>.txt and an index.html linking them all.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { templates, type TemplateName } from './index'
import { renderEmail } from './render'

const out = path.resolve(process.argv[2] ?? '.email-preview')
const base = { recipientName: 'Alex Example', timeZone: 'America/New_York', appUrl: 'http://localhost:3000' }

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)

async function main() {
	await mkdir(out, { recursive: true })
	const rows: string[] = []
	for (const name of Object.keys(templates) as TemplateName[]) {
		const template = templates[name]
		const unsubscribeUrl = template.category === 'transactional' ? null : `${base.appUrl}/unsubscribe/sample-token`
		const email = await renderEmail(name, { ...base, unsubscribeUrl, ...template.sample } as never)
		await writeFile(path.join(out, `${name}.html`), email.html)
		await writeFile(path.join(out, `${name}.txt`), `Subject: ${email.subject}\n\n${email.text}\n`)
		rows.push(`<li><a href="${name}.html">${name}</a> (<a href="${name}.txt">text</a>, ${template.category}): ${escape(email.subject)}</li>`)
	}
	await writeFile(path.join(out, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Mentora emails</title><h1>Mentora emails</h1><ul>${rows.join('')}</ul>`)
	console.log(`[email:preview] ${rows.length} templates rendered into ${out}/ (open index.html)`)
}

void main()
