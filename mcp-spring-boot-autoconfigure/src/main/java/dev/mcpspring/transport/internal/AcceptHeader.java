package dev.mcpspring.transport.internal;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The media ranges of an {@code Accept} header, read per RFC 9110 section 12.5.1: wildcards, parameters and
 * q-values, where the most specific matching range decides and {@code q=0} means "not acceptable".
 */
final class AcceptHeader {

    private final List<MediaRange> ranges;

    private AcceptHeader(List<MediaRange> ranges) {
        this.ranges = ranges;
    }

    /** Reads every {@code Accept} header line of a request; none at all means anything is acceptable. */
    static AcceptHeader parse(Enumeration<String> headerValues) {
        List<MediaRange> ranges = new ArrayList<>();
        while (headerValues != null && headerValues.hasMoreElements()) {
            for (String element : headerValues.nextElement().split(",")) {
                MediaRange range = MediaRange.parse(element);
                if (range != null) {
                    ranges.add(range);
                }
            }
        }
        return new AcceptHeader(ranges);
    }

    /** Whether {@code type/subtype} is acceptable (it matches a range whose q-value is above 0). */
    boolean accepts(String type, String subtype) {
        if (ranges.isEmpty()) {
            return true;
        }
        MediaRange best = null;
        for (MediaRange range : ranges) {
            if (range.matches(type, subtype) && (best == null || range.specificity() > best.specificity())) {
                best = range;
            }
        }
        return best != null && best.quality() > 0;
    }

    private record MediaRange(String type, String subtype, double quality) {

        static @Nullable MediaRange parse(String element) {
            String[] parts = element.split(";");
            String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = mediaType.indexOf('/');
            if (slash <= 0 || slash == mediaType.length() - 1) {
                return null;
            }
            double quality = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                    try {
                        quality = Double.parseDouble(parameter.substring(2).trim());
                    }
                    catch (NumberFormatException ex) {
                        quality = 0;
                    }
                }
            }
            return new MediaRange(mediaType.substring(0, slash).trim(), mediaType.substring(slash + 1).trim(),
                    quality);
        }

        boolean matches(String otherType, String otherSubtype) {
            return (type.equals("*") || type.equals(otherType))
                    && (subtype.equals("*") || subtype.equals(otherSubtype));
        }

        int specificity() {
            return (type.equals("*") ? 0 : 1) + (subtype.equals("*") ? 0 : 1);
        }
    }
}
