import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { FormError, InputField, SubmitButton } from '~/components/forms'
import { requestPasswordReset } from '~/services/password-reset.server'
import { now } from '~/utils/clock.server'
import { isDomainError } from '~/utils/errors'
import { readFormData } from '~/utils/form.server'
import { ForgotPasswordSchema } from '~/utils/validation'

/** /forgot-password: asks for a reset link by email; the answer is the same whether the address has an account. */

export const meta: MetaFunction = () => [{ title: 'Reset your password · Mentora' }]

export const headers: HeadersFunction = ({ actionHeaders }) => {
	const retryAfter = actionHeaders.get('Retry-After')
	return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export async function action({ request, context }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: ForgotPasswordSchema })
	if (submission.status !== 'success') return data({ result: submission.reply(), sentTo: null }, { status: 400 })
	try {
		await requestPasswordReset({ email: submission.value.email, ip: context.ip, now: now() })
	} catch (error) {
		if (!isDomainError(error)) throw error
		return data({ result: submission.reply({ formErrors: [error.message] }), sentTo: null }, { status: error.status, headers: error.headers })
	}
	return { result: submission.reply(), sentTo: submission.value.email }
}

export default function ForgotPasswordPage() {
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'forgot-password',
		lastResult: actionData?.result,
		constraint: getZodConstraint(ForgotPasswordSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
	})

	return (
		<div className="mx-auto max-w-md">
			<h1 className="text-2xl font-bold tracking-tight">Reset your password</h1>
			{actionData?.sentTo ? (
				<div role="status" className="mt-6 space-y-3 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
					<p className="font-semibold">Check your email</p>
					<p className="text-slate-700">
						If an account exists for <span className="font-medium break-all">{actionData.sentTo}</span>, we have sent it a link to choose a new
						password. The link works for one hour.
					</p>
					<p className="text-sm text-slate-700">
						Nothing arrived? Look in your spam folder, or{' '}
						<Link to="/forgot-password" className="font-semibold text-brand-700 underline">
							ask again
						</Link>
						.
					</p>
				</div>
			) : (
				<>
					<p className="mt-1 text-slate-700">Enter the email address of your account and we will send you a link to choose a new password.</p>
					<Form method="post" {...getFormProps(form)} className="mt-6 space-y-5 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
						<FormError id={form.errorId} errors={form.errors} />
						<InputField field={fields.email} label="Email" type="email" autoComplete="email" />
						<SubmitButton pending={navigation.state === 'submitting'}>Send the link</SubmitButton>
						<p className="text-sm text-slate-700">
							Remembered it?{' '}
							<Link to="/login" className="font-semibold text-brand-700 underline">
								Log in
							</Link>
						</p>
					</Form>
				</>
			)}
		</div>
	)
}
