package dev.backstep.engine;

/** Where initial parameters come from when a network file does not list them: an initialiser and one seed. */
public record InitSettings(Initializer weights, BiasInit biases, long seed) {
    public static final InitSettings DEFAULT = new InitSettings(Initializer.XAVIER_UNIFORM, BiasInit.ZEROS, 1);
}
