import { Action, Layout, Paragraph, type EmailBase } from './components/layout'
import { defineTemplate } from './define'

/** Every month, to a participant still searching: have they found their match? Adding the dates says so. */
type Props = { programme: { slug: string; name: string }; role: 'mentor' | 'mentee' }

function FoundYourMatch(props: Props & EmailBase) {
	const other = props.role === 'mentor' ? 'a mentee' : 'a mentor'
	return (
		<Layout {...props} preview={`Have you found ${other} in ${props.programme.name}?`} heading="Have you found your match?">
			<Paragraph>
				You are looking for {other} in {props.programme.name}. If you have found one, add the dates of your engagement on the programme's page;
				if not, your coordinator can help.
			</Paragraph>
			<Action href={`${props.appUrl}/programmes/${props.programme.slug}`}>{`Open ${props.programme.name}`}</Action>
		</Layout>
	)
}

export const foundYourMatch = defineTemplate<Props>({
	component: FoundYourMatch,
	subject: (p) => `Have you found your match in ${p.programme.name}?`,
	category: 'programme_reminder',
	sample: { programme: { slug: 'leadership-2027', name: 'Leadership 2027' }, role: 'mentee' },
})
