package dev.backstep.trace;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How terms are written. The mathematics is the same in each; only names and two sign conventions differ.
 * <ul>
 *   <li>{@code z-a}: z⁽ˡ⁾ⱼ, a⁽ˡ⁾ⱼ, δ⁽ˡ⁾ⱼ = ∂E/∂z⁽ˡ⁾ⱼ, W⁽ˡ⁾ᵢⱼ (the deep-learning convention, seed 002);</li>
 *   <li>{@code net-out}: net_h1, out_h1, w1…w8 (the classic step-by-step convention);</li>
 *   <li>{@code slides}: a_j for the weighted sum, y_j for the output, units numbered across layers, and seed 004's
 *       signs δ_j = −∂E/∂a_j… = −∂E/∂z_j and Δw = +η·δ·O.</li>
 * </ul>
 */
public enum Notation {
    Z_A("z-a"),
    NET_OUT("net-out"),
    SLIDES("slides");

    private final String id;

    Notation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Notation> byId(String id) {
        return Arrays.stream(values()).filter(n -> n.id.equals(id)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Notation::id).collect(Collectors.joining(", "));
    }
}
