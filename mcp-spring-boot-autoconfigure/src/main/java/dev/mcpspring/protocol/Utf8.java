package dev.mcpspring.protocol;

/**
 * Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, no truncated
 * sequences. Jackson reports most invalid bytes itself, but accepts overlong forms and encoded surrogates, and
 * would read a body with a UTF-16 or UTF-32 byte pattern in that encoding; MCP messages are UTF-8 only.
 */
final class Utf8 {

    private Utf8() {
    }

    /** The offset of the first byte that is not part of a valid UTF-8 sequence, or -1 when all are valid. */
    static int firstInvalid(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) { // ASCII
                i++;
                continue;
            }
            int lead = b & 0xFF;
            int length;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
                min = 0x80;
            }
            else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                min = 0x800;
            }
            else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                min = 0x10000;
            }
            else {
                return i; // continuation byte, overlong two-byte lead (C0, C1) or F5..FF
            }
            if (i + length > n) {
                return i;
            }
            int codePoint = lead & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return i;
                }
                codePoint = (codePoint << 6) | (c & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return i;
            }
            i += length;
        }
        return -1;
    }
}
