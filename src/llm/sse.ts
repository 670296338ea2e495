/**
 * A small reader of server-sent events, as OpenAI-compatible servers stream chat completions:
 * `data: {...}` lines, events separated by a blank line, chunks cut anywhere (inside a line, inside
 * a UTF-8 character), comments (`: keep-alive`) and other fields ignored.
 */

/** The `data` of each event, in order, until the body ends. */
export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const lines = function* (final: boolean): Generator<string> {
    let newline: number;
    // Lines end in \n or \r\n (a lone \r, allowed by the spec, is not sent by these servers).
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
    if (final && buffer) {
      yield buffer;
      buffer = '';
    }
  };
  const take = (line: string): string | undefined => {
    if (line === '') {
      const event = data.length > 0 ? data.join('\n') : undefined;
      data = [];
      return event;
    }
    if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    return undefined;
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    for (const line of lines(false)) {
      const event = take(line);
      if (event !== undefined) yield event;
    }
  }
  buffer += decoder.decode();
  for (const line of [...lines(true), '']) {
    const event = take(line);
    if (event !== undefined) yield event;
  }
}
