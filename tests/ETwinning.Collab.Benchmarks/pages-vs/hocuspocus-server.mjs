// Hocuspocus 4.7 with its default settings (in memory, no extensions) on 127.0.0.1:<port>, for the
// side-by-side load. Prints "ready" once listening.
import { Server } from '@hocuspocus/server';

const port = Number(process.argv[2] ?? 0);
const server = new Server({ port, address: '127.0.0.1', quiet: true });
await server.listen();
console.log(`ready ${server.address?.port ?? port}`);
