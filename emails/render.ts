import { plainTextSelectors, render } from '@react-email/render'
import { compile } from 'html-to-text'
import { createElement } from 'react'
import { type TemplateDefinition } from './define'
import { templates, type EmailBase, type TemplateData, type TemplateName } from './index'

export type RenderedEmail = { subject: string; html: string; text: string }

/**
 * The plain-text part, read from the HTML with react-email's own rules for it (links, tables,
 * skipped images), compiled once: `render(…, { plainText: true })` would render the template a
 * second time and compile the converter on every email.
 */
const toPlainText = compile({ wordwrap: false, selectors: plainTextSelectors })

/** A template with its data, as the HTML and plain-text parts of one email and its subject. */
export async function renderEmail<T extends TemplateName>(name: T, props: TemplateData<T> & EmailBase): Promise<RenderedEmail> {
	const template = templates[name] as unknown as TemplateDefinition<TemplateData<T>>
	const html = await render(createElement(template.component, props))
	return { subject: template.subject(props), html, text: toPlainText(html) }
}
