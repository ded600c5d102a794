import { type ReactElement } from 'react'
import { type EmailCategory } from '../db/schema/emails'
import { type EmailBase } from './components/layout'

/**
 * One email: its component, its subject, its category (transactional or a reminder people can
 * mute) and sample data for `npm run email:preview`. The data is the template's own props; the
 * recipient's name, zone and the links' base come from queueEmail.
 */
export type TemplateDefinition<P> = {
	component: (props: P & EmailBase) => ReactElement
	subject: (props: P & EmailBase) => string
	category: EmailCategory
	sample: P
}

export function defineTemplate<P>(template: TemplateDefinition<P>): TemplateDefinition<P> {
	return template
}

export const SAMPLE_SESSION = {
	id: '5f0c1d5e-8a7b-4c3d-9e2f-1a2b3c4d5e6f',
	type: 'intro' as const,
	startsAt: '2027-03-02T08:00:00.000Z',
	endsAt: '2027-03-02T08:20:00.000Z',
}

export const SAMPLE_PAID_SESSION = { ...SAMPLE_SESSION, type: 'paid' as const, endsAt: '2027-03-02T09:00:00.000Z' }
