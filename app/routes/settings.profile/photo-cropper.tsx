import { type KeyboardEvent, type PointerEvent, useId, useRef } from 'react'
import { PHOTO_MIN_CROP, type Crop, type Dimensions } from '~/rules/profile-photo'

/** The widest the preview is drawn, so it fits a phone's screen inside the settings card. */
const MAX_PREVIEW_PIXELS = 280

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))

/** The crop moved by (dx, dy) image pixels, kept inside the image. */
function moved(crop: Crop, image: Dimensions, dx: number, dy: number): Crop {
	return { ...crop, x: clamp(Math.round(crop.x + dx), 0, image.width - crop.size), y: clamp(Math.round(crop.y + dy), 0, image.height - crop.size) }
}

/** The crop grown (or shrunk) by `delta` pixels around its centre, at least 64 px and inside the image. */
function resizedAroundCentre(crop: Crop, image: Dimensions, delta: number): Crop {
	const size = clamp(Math.round(crop.size + delta), PHOTO_MIN_CROP, Math.min(image.width, image.height))
	const centreX = crop.x + crop.size / 2
	const centreY = crop.y + crop.size / 2
	return { size, x: clamp(Math.round(centreX - size / 2), 0, image.width - size), y: clamp(Math.round(centreY - size / 2), 0, image.height - size) }
}

/** The crop with its bottom-right corner dragged: the top-left corner stays. */
function resizedFromCorner(crop: Crop, image: Dimensions, delta: number): Crop {
	const size = clamp(Math.round(crop.size + delta), PHOTO_MIN_CROP, Math.min(image.width - crop.x, image.height - crop.y))
	return { ...crop, size }
}

/**
 * The chosen photo with a square over it: drag the square to move it and its corner to resize it,
 * or, once it has focus, move it with the arrow keys (Shift for bigger steps) and resize it with
 * + and −. Positions are in the photo's own pixels, as the server crops.
 */
export function PhotoCropper({ src, image, crop, onChange }: { src: string; image: Dimensions; crop: Crop; onChange: (crop: Crop) => void }) {
	const helpId = useId()
	const statusId = useId()
	const scale = Math.min(1, MAX_PREVIEW_PIXELS / Math.max(image.width, image.height))
	const drag = useRef<{ pointerId: number; startX: number; startY: number; start: Crop; mode: 'move' | 'resize' } | null>(null)
	const step = Math.max(1, Math.round(Math.min(image.width, image.height) / 50))

	const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
		const mode = (event.target as HTMLElement).dataset.handle === 'resize' ? 'resize' : 'move'
		event.currentTarget.setPointerCapture(event.pointerId)
		event.currentTarget.focus()
		drag.current = { pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, start: crop, mode }
		event.preventDefault()
	}
	const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
		const current = drag.current
		if (!current || current.pointerId !== event.pointerId) return
		const dx = (event.clientX - current.startX) / scale
		const dy = (event.clientY - current.startY) / scale
		onChange(current.mode === 'move' ? moved(current.start, image, dx, dy) : resizedFromCorner(current.start, image, Math.max(dx, dy)))
	}
	const endDrag = (event: PointerEvent<HTMLDivElement>) => {
		if (drag.current?.pointerId === event.pointerId) drag.current = null
	}
	const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
		const by = event.shiftKey ? step * 5 : step
		const next =
			{
				ArrowLeft: () => moved(crop, image, -by, 0),
				ArrowRight: () => moved(crop, image, by, 0),
				ArrowUp: () => moved(crop, image, 0, -by),
				ArrowDown: () => moved(crop, image, 0, by),
				'+': () => resizedAroundCentre(crop, image, 2 * by),
				'=': () => resizedAroundCentre(crop, image, 2 * by),
				'-': () => resizedAroundCentre(crop, image, -2 * by),
				_: () => resizedAroundCentre(crop, image, -2 * by),
			}[event.key] ?? null
		if (!next) return
		event.preventDefault()
		onChange(next())
	}

	return (
		<div className="space-y-2">
			<div className="relative overflow-hidden rounded-md bg-slate-900 select-none" style={{ width: Math.round(image.width * scale), height: Math.round(image.height * scale) }}>
				<img src={src} alt="Preview of the photo you chose" width={Math.round(image.width * scale)} height={Math.round(image.height * scale)} draggable={false} className="block" />
				<div
					role="group"
					aria-roledescription="crop square"
					aria-label="Crop square"
					aria-describedby={`${helpId} ${statusId}`}
					tabIndex={0}
					data-testid="photo-crop"
					onPointerDown={onPointerDown}
					onPointerMove={onPointerMove}
					onPointerUp={endDrag}
					onPointerCancel={endDrag}
					onKeyDown={onKeyDown}
					className="absolute cursor-move touch-none border-2 border-white shadow-[0_0_0_9999px_rgba(15,23,42,0.55)] outline-offset-2 focus-visible:outline-3 focus-visible:outline-brand-500"
					style={{ left: crop.x * scale, top: crop.y * scale, width: crop.size * scale, height: crop.size * scale }}
				>
					<span className="pointer-events-none absolute inset-0 rounded-full border border-dashed border-white/80" />
					<span data-handle="resize" className="absolute -right-2 -bottom-2 h-5 w-5 cursor-nwse-resize rounded-full border-2 border-slate-900 bg-white" />
				</div>
			</div>
			<p id={helpId} className="text-sm text-slate-600">
				Drag the square, or focus it and use the arrow keys, to choose what shows; drag its corner, or press + and −, to resize it.
			</p>
			<p id={statusId} aria-live="polite" className="text-sm text-slate-700">
				Crop: {crop.size} × {crop.size} pixels, {crop.x} from the left and {crop.y} from the top of {image.width} × {image.height}.
			</p>
		</div>
	)
}
