import { createServer, type AddressInfo } from 'node:net'

/** A TCP port on 127.0.0.1 that nothing listens on right now (the system picks it), for benchmarks and tests. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer().once('error', reject)
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo
			server.close(() => resolve(port))
		})
	})
}
