import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}

export default defineConfig({
	plugins: [
		tailwindcss(),
		remix({
			future: {
				v3_fetcherPersist: true,
				v3_relativeSplatPath: true,
				v3_throwAbortReason: true,
				v3_singleFetch: true,
				v3_lazyRouteDiscovery: true,
				v3_routeConfig: true,
			},
		}),
	],
	resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
	server: { hmr: true },
	// Native modules loaded by Node as they are: bundling them makes esbuild chase the optional
	// binaries of other platforms (@node-rs/argon2-wasm32-wasi, @img/sharp-wasm32) and fail.
	optimizeDeps: { exclude: ['@node-rs/argon2', 'sharp'] },
	ssr: { external: ['@node-rs/argon2', 'sharp'] },
})
