import { render } from '@react-email/render'
import { createElement } from 'react'
import { describe, expect, test } from 'vitest'
import { templates, type TemplateName } from './index'
import { renderEmail } from './render'

const base = { recipientName: 'Alex Example', timeZone: 'America/New_York', appUrl: 'http://localhost:3000' }

describe('every email', () => {
	test.each(Object.keys(templates) as TemplateName[])('%s: its text part is react-email’s plain text of the same template', async (name) => {
		const template = templates[name]
		const props = { ...base, unsubscribeUrl: template.category === 'transactional' ? null : `${base.appUrl}/unsubscribe/t`, ...template.sample } as never
		const email = await renderEmail(name, props)
		const element = createElement(template.component as never, props)
		expect(email.text).toBe(await render(element, { plainText: true }))
		expect(email.html).toBe(await render(element))
		expect(email.text.length).toBeGreaterThan(0)
	})
})
