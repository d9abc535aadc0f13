package dev.mcpspring.transport.internal;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The media ranges of an {@code Accept} header, read per RFC 9110 section 12.5.1: wildcards, parameters and
 * q-values, where the most specific matching range decides and {@code q=0} means "not acceptable".
 * <p>
 * Every POST asks this twice, so the header lines are kept as they came and scanned in place for each question
 * instead of being split into ranges (which cost more than the rest of reading the request's headers).
 */
final class AcceptHeader {

    private static final AcceptHeader ANYTHING = new AcceptHeader(List.of());

    private final List<String> lines;

    private AcceptHeader(List<String> lines) {
        this.lines = lines;
    }

    /** Reads every {@code Accept} header line of a request; none at all means anything is acceptable. */
    static AcceptHeader parse(Enumeration<String> headerValues) {
        if (headerValues == null || !headerValues.hasMoreElements()) {
            return ANYTHING;
        }
        String first = headerValues.nextElement();
        if (!headerValues.hasMoreElements()) {
            return new AcceptHeader(List.of(first));
        }
        List<String> lines = new ArrayList<>();
        lines.add(first);
        while (headerValues.hasMoreElements()) {
            lines.add(headerValues.nextElement());
        }
        return new AcceptHeader(lines);
    }

    /**
     * Whether {@code type/subtype} (lower case) is acceptable: it matches a range whose q-value is above 0, or the
     * header names no media range at all.
     */
    boolean accepts(String type, String subtype) {
        boolean anyRange = false;
        int bestSpecificity = -1;
        double bestQuality = 0;
        for (String line : lines) {
            int start = 0;
            while (start <= line.length()) {
                int end = line.indexOf(',', start);
                end = end < 0 ? line.length() : end;
                int parameters = line.indexOf(';', start);
                parameters = parameters < 0 || parameters > end ? end : parameters;
                int from = skipSpaceForward(line, start, parameters);
                int to = skipSpaceBackward(line, from, parameters);
                int slash = line.indexOf('/', from);
                if (slash > from && slash < to - 1) { // a media range: neither type nor subtype is empty
                    anyRange = true;
                    int typeEnd = skipSpaceBackward(line, from, slash);
                    int subtypeStart = skipSpaceForward(line, slash + 1, to);
                    boolean anyType = isStar(line, from, typeEnd);
                    boolean anySubtype = isStar(line, subtypeStart, to);
                    int specificity = (anyType ? 0 : 1) + (anySubtype ? 0 : 1);
                    if (specificity > bestSpecificity && (anyType || equalsIgnoreCase(line, from, typeEnd, type))
                            && (anySubtype || equalsIgnoreCase(line, subtypeStart, to, subtype))) {
                        bestSpecificity = specificity;
                        bestQuality = quality(line, parameters, end);
                    }
                }
                start = end + 1;
            }
        }
        return !anyRange || (bestSpecificity >= 0 && bestQuality > 0);
    }

    /** The last {@code q} parameter among {@code ;}-separated parameters in {@code [from, end)}; 1 without one. */
    private static double quality(String line, int from, int end) {
        double quality = 1.0;
        int at = from;
        while (at < end) {
            int next = line.indexOf(';', at + 1);
            next = next < 0 || next > end ? end : next;
            int name = skipSpaceForward(line, at + 1, next);
            if (name + 2 <= next && line.regionMatches(true, name, "q=", 0, 2)) {
                try {
                    quality = Double.parseDouble(line.substring(name + 2, next).trim());
                }
                catch (NumberFormatException ex) {
                    quality = 0;
                }
            }
            at = next;
        }
        return quality;
    }

    private static boolean isStar(String line, int from, int to) {
        return to - from == 1 && line.charAt(from) == '*';
    }

    private static boolean equalsIgnoreCase(String line, int from, int to, String expected) {
        return to - from == expected.length() && line.regionMatches(true, from, expected, 0, expected.length());
    }

    private static int skipSpaceForward(String line, int from, int to) {
        while (from < to && isSpace(line.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int skipSpaceBackward(String line, int from, int to) {
        while (to > from && isSpace(line.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static boolean isSpace(char c) {
        return c <= ' '; // what String.trim() removes
    }
}
