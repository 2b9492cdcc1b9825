// Chunked import: bytes arrive in pieces of any size (File.stream() in the page's import worker),
// are decoded as UTF-8 across piece boundaries (TextDecoder's stream mode keeps a character split
// between two pieces) and cut into lines for the TraceImporter. The result is the same as
// importText over the whole text for every way of cutting it (stream.test.ts checks every
// boundary of a sample). Pure; no worker API.

import { type ImportResult, TraceImporter } from './importer.ts';

export class StreamImport {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly imp: TraceImporter;
  /** The part of the text after the last newline seen. */
  private rest = '';
  private lines = 0;
  /** Bytes received, for the progress bar. */
  bytes = 0;

  constructor(opts: { maxCpu?: number; device?: string } = {}) {
    this.imp = new TraceImporter(opts.maxCpu, opts.device);
  }

  /** Lines cut so far. */
  get lineCount(): number {
    return this.lines;
  }

  /** One piece of the file's bytes. */
  push(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    this.text(this.decoder.decode(chunk, { stream: true }));
  }

  /** One piece of already decoded text. */
  text(s: string): void {
    let from = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', from)) {
      const piece = s.slice(from, nl);
      this.imp.push(this.rest === '' ? piece : this.rest + piece);
      this.rest = '';
      this.lines++;
      from = nl + 1;
    }
    this.rest += s.slice(from);
  }

  /** The end of the file: the last line (without a newline) and the importer's result. */
  finish(): ImportResult {
    this.text(this.decoder.decode());
    // As importText: a final newline ends the last line; an empty file is one blank line.
    if (this.rest !== '' || this.lines === 0) this.imp.push(this.rest);
    this.rest = '';
    return this.imp.finish();
  }
}
