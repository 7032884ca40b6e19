import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  createBrotliDecompress,
  createGunzip,
  createInflate,
  createInflateRaw,
  type Inflate,
  type InflateRaw,
} from 'node:zlib';

/** Thrown inside the body pipeline when a byte cap is crossed; the pipeline then tears every stage down at once. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`body exceeds ${maxBytes} bytes`);
  }
}

/** The Content-Encoding is unknown, or the compressed stream is corrupt. */
export class BodyDecodeError extends Error {}

/** Counts bytes flowing through and fails as soon as the cap is crossed, before the excess is buffered anywhere. */
class ByteCap extends Transform {
  bytes = 0;
  constructor(
    private readonly maxBytes: number,
    private readonly onCount: (bytes: number) => void = () => {},
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.onCount(this.bytes);
    if (this.bytes > this.maxBytes) callback(new BodyTooLargeError(this.maxBytes));
    else callback(null, chunk);
  }
}

/**
 * `Content-Encoding: deflate` is meant to be zlib-wrapped, but many servers send raw deflate. We look at the first
 * bytes (a zlib header has CM=8 and a checksum divisible by 31) and pick the matching inflater.
 */
class SniffingInflate extends Transform {
  private inner: Inflate | InflateRaw | undefined;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      const b0 = chunk[0] ?? 0;
      const b1 = chunk[1];
      const zlibWrapped = (b0 & 0x0f) === 8 && (b1 === undefined || ((b0 << 8) | b1) % 31 === 0);
      this.inner = zlibWrapped ? createInflate() : createInflateRaw();
      this.inner.on('data', (data: Buffer) => this.push(data));
      this.inner.on('error', (error) => this.destroy(error));
    }
    this.inner.write(chunk, () => callback());
  }
  override _flush(callback: TransformCallback): void {
    if (!this.inner) {
      callback();
      return;
    }
    this.inner.once('end', () => callback());
    this.inner.end();
  }
}

function decoderFor(coding: string): Transform {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return new SniffingInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new BodyDecodeError(`unsupported Content-Encoding "${coding}"`);
  }
}

/** Decoders in the order to apply them: codings are listed in the order they were applied, so undo in reverse. */
function decodersFor(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  return codings.reverse().map(decoderFor);
}

export interface BodyProgress {
  /** Bytes received on the wire so far (still compressed). */
  wireBytes: number;
}

/**
 * Streams a response body through its decompressors into memory, failing fast on either cap. Memory use stays
 * bounded by `maxBytes` plus one zlib chunk whatever the server sends. `progress` is updated as bytes arrive so a
 * caller that sees the stream die can report how much came through.
 */
export async function readBody(
  response: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
  progress: BodyProgress,
): Promise<Buffer> {
  const wireCap = new ByteCap(maxBytes, (bytes) => {
    progress.wireBytes = bytes;
  });
  const decoders = decodersFor(response.headers['content-encoding']);
  const decodedCap = new ByteCap(maxBytes);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  // Whichever stage failed first is the cause; the pipeline then destroys every other stage with that same error,
  // so a connection cut mid-body must not be mistaken for corrupt compression (or the reverse).
  let firstFailure: 'response' | 'decoder' | undefined;
  response.once('error', () => {
    firstFailure ??= 'response';
  });
  for (const decoder of decoders) {
    decoder.once('error', () => {
      firstFailure ??= 'decoder';
    });
  }
  try {
    await pipeline([response, wireCap, ...decoders, decodedCap, sink], { signal });
  } catch (error) {
    if (firstFailure === 'decoder' && !(error instanceof BodyTooLargeError) && !signal.aborted) {
      throw error instanceof BodyDecodeError
        ? error
        : new BodyDecodeError(`corrupt compressed body: ${(error as Error).message}`);
    }
    throw error;
  }
  return Buffer.concat(chunks);
}
