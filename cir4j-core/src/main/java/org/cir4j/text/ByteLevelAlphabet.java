package org.cir4j.text;

/**
 * GPT-2/CLIP's reversible byte → character table ({@code bytes_to_unicode} in OpenAI's
 * {@code simple_tokenizer.py}).
 *
 * <p>BPE works on strings, but CLIP's vocabulary must cover every UTF-8 byte without ever containing
 * whitespace or control characters. So each byte is mapped to one printable character: the 188 bytes
 * that already are printable Latin-1 characters ({@code !..~}, {@code ¡..¬}, {@code ®..ÿ}) map to
 * themselves, the remaining 68 bytes map to {@code U+0100 + n} in byte order. The order of
 * {@link #orderedBytes()} is the order of the first 256 vocabulary entries.
 */
final class ByteLevelAlphabet {

    /** {@code ORDERED_BYTES[i]} is the byte whose character is vocabulary entry {@code i}. */
    private static final int[] ORDERED_BYTES = new int[256];
    private static final char[] BYTE_TO_CHAR = new char[256];
    /** Indexed by character; -1 where the character is not in the alphabet. Highest char is U+0143. */
    private static final int[] CHAR_TO_BYTE = new int[0x100 + 68];

    static {
        boolean[] printable = new boolean[256];
        int i = 0;
        for (int b = '!'; b <= '~'; b++) {
            printable[b] = true;
            ORDERED_BYTES[i++] = b;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable[b] = true;
            ORDERED_BYTES[i++] = b;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable[b] = true;
            ORDERED_BYTES[i++] = b;
        }
        for (int b = 0; b < 256; b++) {
            BYTE_TO_CHAR[b] = (char) b;
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable[b]) {
                ORDERED_BYTES[i++] = b;
                BYTE_TO_CHAR[b] = (char) (256 + n++);
            }
        }
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        for (int b = 0; b < 256; b++) {
            CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
        }
    }

    private ByteLevelAlphabet() {}

    /** The 256 bytes in vocabulary order (a fresh copy). */
    static int[] orderedBytes() {
        return ORDERED_BYTES.clone();
    }

    /** The printable character standing for byte {@code b} (0..255). */
    static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte a character stands for, or -1 if {@code c} is not one of the 256 alphabet characters. */
    static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }
}
