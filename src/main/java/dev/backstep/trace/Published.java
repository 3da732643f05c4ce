package dev.backstep.trace;


import java.util.List;

/**
 * Values a source printed for a worked example, kept as printed (with their precision) so the errata check can set
 * each beside the exact value.
 *
 * @param source   who printed them, for the reader
 * @param notation the convention the printed values follow (it fixes the signs of δ and Δw)
 */
public record Published(String source, Notation notation, List<PublishedValue> values) {
    public Published {
        values = List.copyOf(values);
    }
}
