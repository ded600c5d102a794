import { Action, Layout, Paragraph, Quote, type EmailBase } from './components/layout'
import { defineTemplate } from './define'
import { formatDate } from './format'

/**
 * A learning assignment's due date passed and it is not done, to the mentee, once (PRODUCT.md
 * "Relationship workspace": "overdue ones are marked and reminded once").
 */
type Props = {
	relationshipId: string
	title: string
	/** A calendar day, `YYYY-MM-DD`: the same day whatever the reader's zone. */
	dueDate: string
	mentorName: string
}

/** "5 March 2027": a due date is a day on the calendar, not an instant, so no zone moves it. */
const dueOn = (day: string) => formatDate(day, 'UTC')

function AssignmentOverdue(props: Props & EmailBase) {
	return (
		<Layout {...props} preview={`${props.title} was due on ${dueOn(props.dueDate)}`} heading="A learning assignment is overdue">
			<Paragraph>{`${props.mentorName} gave you this to work on, due on ${dueOn(props.dueDate)}, and it is not marked done yet:`}</Paragraph>
			<Quote>{props.title}</Quote>
			<Paragraph>When you have finished it, mark it done in your workspace, with a note for {props.mentorName} if you like.</Paragraph>
			<Action href={`${props.appUrl}/relationships/${props.relationshipId}`}>Open your workspace</Action>
		</Layout>
	)
}

export const assignmentOverdue = defineTemplate<Props>({
	component: AssignmentOverdue,
	subject: (p) => `Overdue since ${dueOn(p.dueDate)}: ${p.title}`,
	// Sent once per assignment, about something the mentor asked of the mentee: not a recurring reminder to mute.
	category: 'transactional',
	sample: { relationshipId: '7a1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', title: 'Read "The Manager\'s Path", chapters 1–3', dueDate: '2027-03-05', mentorName: 'Lena Hoffmann' },
})
