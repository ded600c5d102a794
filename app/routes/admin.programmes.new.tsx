import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ProgrammeForm } from '~/components/programme-form'
import { EMPTY_PROGRAMME_FORM, programmeBody, programmeFieldErrors, readProgrammeForm } from '~/rules/programme-form'
import { ProgrammeSchema } from '~/rules/programmes'
import { createProgramme } from '~/services/programmes.server'
import { now } from '~/utils/clock.server'
import { withToast } from '~/utils/flash.server'
import { isDomainError } from '~/utils/errors'
import { readFormData } from '~/utils/form.server'
import { requireAdmin } from '~/utils/session.server'

/** An admin creates a programme: the same schema as POST /api/v1/programmes, then its settings page. */

export const meta: MetaFunction = () => [{ title: 'New programme · Admin · Mentora' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireAdmin(request, context)
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	const admin = await requireAdmin(request, context)
	const form = await readFormData(request)
	const values = readProgrammeForm(form)
	if (form.get('intent') === 'preview') return { ok: true as const, message: null, fields: {}, values, preview: values.description }
	const parsed = ProgrammeSchema.safeParse(programmeBody(values, { withSlug: true }))
	if (!parsed.success) return data({ ok: false as const, message: 'Check the fields marked below.', fields: programmeFieldErrors(parsed.error), values, preview: null }, { status: 422 })
	try {
		const programme = await createProgramme({ actorId: admin.id, programme: parsed.data, now: now() })
		return redirect(`/admin/programmes/${encodeURIComponent(programme.slug)}`, {
			headers: withToast({ kind: 'success', message: 'Programme created. Name its coordinators and write its first announcement below.' }),
		})
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ ok: false as const, message: error.message, fields: error.fields ?? {}, values, preview: null }, { status: error.status })
	}
}

export default function NewProgramme() {
	const answer = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	const values = answer?.values ?? EMPTY_PROGRAMME_FORM
	return (
		<section className="space-y-4">
			<p className="text-sm">
				<Link to="/admin/programmes" className="text-brand-700 underline">
					All programmes
				</Link>
			</p>
			<h1 className="text-2xl font-bold tracking-tight">New programme</h1>
			{answer && !answer.ok ? (
				<p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
					{answer.message}
				</p>
			) : null}
			<ProgrammeForm
				key={JSON.stringify(values)}
				values={values}
				errors={answer?.fields ?? {}}
				withSlug
				submitLabel="Create programme"
				preview={answer?.preview !== null && answer?.preview !== undefined ? { source: answer.preview, label: 'Preview (not saved)' } : null}
				busy={busy}
			/>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
