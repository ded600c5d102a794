/** Subjects as small tags; the list is a real list for screen readers. */
export function SubjectList({ subjects, label }: { subjects: { slug: string; name: string }[]; label: string }) {
	if (subjects.length === 0) return null
	return (
		<ul aria-label={label} className="flex flex-wrap gap-1.5">
			{subjects.map((subject) => (
				<li key={subject.slug} className="rounded-full bg-brand-50 px-2.5 py-0.5 text-sm font-medium text-brand-700 ring-1 ring-brand-100">
					{subject.name}
				</li>
			))}
		</ul>
	)
}
