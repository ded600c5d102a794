import { Markdown } from '../app/components/markdown'
import { Action, Layout, type EmailBase } from './components/layout'
import { defineTemplate } from './define'

/** A coordinator's announcement to a programme's participants; the body is the coordinator's markdown, rendered safely. */
type Props = { programme: { slug: string; name: string }; announcement: { id: string; title: string; body: string } }

function ProgrammeAnnouncement(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`${props.programme.name}: ${props.announcement.title}`} heading={props.announcement.title}>
			<Markdown source={props.announcement.body} className="announcement" />
			<Action href={`${props.appUrl}/programmes/${encodeURIComponent(props.programme.slug)}`}>{`Open ${props.programme.name}`}</Action>
		</Layout>
	)
}

export const programmeAnnouncement = defineTemplate<Props>({
	component: ProgrammeAnnouncement,
	subject: (p) => `${p.programme.name}: ${p.announcement.title}`,
	category: 'transactional',
	sample: {
		programme: { slug: 'leadership-2027', name: 'Leadership 2027' },
		announcement: {
			id: '7d4f2a1e-3b5c-4d6e-8f90-1a2b3c4d5e6f',
			title: 'Kick-off on 12 March',
			body: 'We start with a **kick-off** for mentors and mentees.\n\n- Bring one goal\n- Read [the guide](https://example.org/guide)',
		},
	},
})
