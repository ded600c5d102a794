import { render } from '@react-email/render'
import { createElement } from 'react'
import { type TemplateDefinition } from './define'
import { templates, type EmailBase, type TemplateData, type TemplateName } from './index'

export type RenderedEmail = { subject: string; html: string; text: string }

/** A template with its data, as the HTML and plain-text parts of one email and its subject. */
export async function renderEmail<T extends TemplateName>(name: T, props: TemplateData<T> & EmailBase): Promise<RenderedEmail> {
	const template = templates[name] as unknown as TemplateDefinition<TemplateData<T>>
	const element = createElement(template.component, props)
	const [html, text] = await Promise.all([render(element), render(element, { plainText: true })])
	return { subject: template.subject(props), html, text }
}
