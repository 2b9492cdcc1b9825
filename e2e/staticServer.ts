// A plain static file server, as a course site or a department web server would be: no SPA
// fallback, no rewriting, no knowledge of Vite. It mounts one folder (the built dist/) at a URL
// prefix such as /course/lab/, so a test can prove the build works from a sub-path.

import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export interface Served {
  server: Server;
  /** e.g. http://127.0.0.1:41234/course/lab/ */
  url: string;
  close: () => Promise<void>;
}

/** Serves `root` under `mount` (starting and ending with '/') on 127.0.0.1 and a free port. */
export function serveStatic(root: string, mount: string): Promise<Served> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === mount.slice(0, -1)) {
      res.writeHead(301, { location: mount }).end();
      return;
    }
    if (!path.startsWith(mount)) {
      res.writeHead(404).end('not under the mount point');
      return;
    }
    let file = normalize(join(root, path.slice(mount.length)));
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ server, url: `http://127.0.0.1:${port}${mount}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
