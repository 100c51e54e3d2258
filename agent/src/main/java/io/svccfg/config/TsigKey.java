package io.svccfg.config;

/** A TSIG key: its name, its algorithm (like {@code hmac-sha256}) and its secret in base64. */
public record TsigKey(String name, String algorithm, String secret) {

    /** Never the secret. */
    @Override
    public String toString() {
        return name + ":" + algorithm + ":<secret>";
    }
}
