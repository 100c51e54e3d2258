package io.svccfg.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines ended by CRLF or a bare LF from a (buffered) stream, keeping at most a fixed number of bytes of each:
 * a client that sends a line without end cannot make it eat memory. The rest of a longer line is read and dropped,
 * but counted.
 */
final class LineReader {
    private final InputStream in;
    private final byte[] kept;
    private int keptLength;
    private long length;

    LineReader(InputStream in, int limit) {
        this.in = in;
        this.kept = new byte[limit];
    }

    /** Reads the next line; false at the end of the stream, where a last line without its end is dropped. */
    boolean next() throws IOException {
        keptLength = 0;
        length = 0;
        boolean cr = false; // a CR just read: the line's end if LF follows, else a byte of the line
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                return true;
            }
            if (cr) {
                add('\r');
            }
            cr = b == '\r';
            if (!cr) {
                add(b);
            }
        }
        return false;
    }

    private void add(int b) {
        if (keptLength < kept.length) {
            kept[keptLength++] = (byte) b;
        }
        length++;
    }

    /** The whole line's length in bytes, without its end, including any part that was dropped. */
    long length() {
        return length;
    }

    /** Whether the line was longer than the limit, so that only its first bytes were kept. */
    boolean tooLong() {
        return length > keptLength;
    }

    /** The kept bytes as text, one char per byte, so that no byte sequence can fail to decode. */
    String text() {
        return new String(kept, 0, keptLength, StandardCharsets.ISO_8859_1);
    }

    /** Whether the kept bytes start with the byte. */
    boolean startsWith(char c) {
        return keptLength > 0 && kept[0] == c;
    }
}
