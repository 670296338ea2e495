import type { EventEmitter } from 'node:events';

/**
 * A reader that stops early (`briefbot show | head`) closes the pipe under the output: that ends
 * the output, it is no error, so the process exits with `code` instead of an unhandled EPIPE
 * and its stack trace. Any other write error is thrown as before.
 */
export function endQuietlyOnClosedPipe(stream: EventEmitter, exit: (code: number) => void, code = 0): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    exit(code);
  });
}
