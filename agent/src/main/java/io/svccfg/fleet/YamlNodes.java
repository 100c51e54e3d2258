package io.svccfg.fleet;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed access to composed YAML nodes, for one file. We read nodes rather than constructed Java objects because
 * only nodes know their line, and every complaint must name the line of the value it is about. Types follow the
 * JSON schema's tags: {@code 80} is a number, {@code "80"} is a text.
 */
final class YamlNodes {
    private static final int QUOTED_MAX = 40;

    private final String file;

    YamlNodes(String file) {
        this.file = file;
    }

    /** The 1-based line where a node starts. */
    static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
    }

    FleetFileException error(Node at, String problem, String expected) {
        return new FleetFileException(file, line(at), problem, expected);
    }

    /**
     * A mapping whose keys must all be in {@code keys}, with the required ones present.
     *
     * @param what names the mapping in messages: {@code server host121}
     */
    Entries entries(Node node, String what, Keys keys) throws FleetFileException {
        Map<String, Node> values = new LinkedHashMap<>();
        for (NodeTuple pair : pairs(node, what, "a mapping with " + keys)) {
            String key = key(pair);
            if (!keys.required().contains(key) && !keys.optional().contains(key)) {
                throw error(pair.getKeyNode(), what + ": unknown key '" + key + "'", "one of " + keys.all());
            }
            values.put(key, pair.getValueNode());
        }
        for (String key : keys.required()) {
            if (!values.containsKey(key)) {
                throw error(node, what + ": missing key '" + key + "'", keys.toString());
            }
        }
        return new Entries(this, what, values);
    }

    /**
     * The pairs of a mapping whose keys are texts, each once. SnakeYAML's composer, unlike its constructor, lets a
     * key repeat, so the check is here.
     */
    List<NodeTuple> pairs(Node node, String what, String expected) throws FleetFileException {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " is " + describe(node), expected);
        }
        Map<String, Node> seen = new HashMap<>();
        for (NodeTuple pair : mapping.getValue()) {
            Node keyNode = pair.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || key.getTag().equals(Tag.NULL)) {
                throw error(keyNode, what + ": a key is " + describe(keyNode), "a plain word as key");
            }
            Node first = seen.putIfAbsent(key.getValue(), keyNode);
            if (first != null) {
                throw error(keyNode, what + ": key '" + key.getValue() + "' is given twice (first at line "
                        + line(first) + ")", "each key once");
            }
        }
        return mapping.getValue();
    }

    /**
     * How messages name a list item before it is checked: by the name it gives ({@code server host121}), the way
     * the administrator knows it, or else by its place ({@code servers item 2}).
     */
    static String named(Node item, String kind, String otherwise) {
        if (item instanceof MappingNode mapping) {
            for (NodeTuple pair : mapping.getValue()) {
                if (pair.getKeyNode() instanceof ScalarNode key && key.getValue().equals("name")
                        && pair.getValueNode() instanceof ScalarNode name && !name.getTag().equals(Tag.NULL)) {
                    String text = name.getValue();
                    return kind + " " + (text.length() > QUOTED_MAX ? text.substring(0, QUOTED_MAX) + "…" : text);
                }
            }
        }
        return otherwise;
    }

    /** The key of a pair that {@link #pairs} returned: a text. */
    static String key(NodeTuple pair) {
        return ((ScalarNode) pair.getKeyNode()).getValue();
    }

    List<Node> list(Node node, String what, String expected) throws FleetFileException {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, what + " is " + describe(node), expected);
        }
        return sequence.getValue();
    }

    /** Any non-empty scalar as written: {@code name: 121} is the text 121; callers check the form. */
    String text(Node node, String what, String expected) throws FleetFileException {
        if (!(node instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL)) {
            throw error(node, what + " is " + describe(node), expected);
        }
        return scalar.getValue();
    }

    /** A finite number, whole or not. */
    double number(Node node, String what) throws FleetFileException {
        if (!(node instanceof ScalarNode scalar)
                || !(scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT))) {
            throw error(node, what + " is " + describe(node), "a number");
        }
        double value;
        try {
            value = Double.parseDouble(scalar.getValue());
        } catch (NumberFormatException e) {
            value = Double.NaN; // .inf, .nan, or an explicit !!float tag on something else
        }
        if (!Double.isFinite(value)) {
            throw error(node, what + " is " + quoted(scalar.getValue()) + ", not a finite number", "a number");
        }
        return value;
    }

    /** A whole number in [min, max]; {@code 80.0} is refused, a port or a TTL is never a fraction. */
    long whole(Node node, String what, long min, long max) throws FleetFileException {
        String expected = "a whole number from " + min + " to " + max;
        BigInteger value = null;
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
            try {
                value = new BigInteger(scalar.getValue());
            } catch (NumberFormatException e) {
                value = null; // an explicit !!int tag on something else
            }
        }
        if (value == null) {
            throw error(node, what + " is " + describe(node), expected);
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(node, what + " is " + value + ", out of range", expected);
        }
        return value.longValueExact();
    }

    /** What a node is, for "… is X; expected Y". */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return "empty";
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return "the number " + scalar.getValue();
        }
        if (tag.equals(Tag.BOOL)) {
            return "the boolean " + scalar.getValue();
        }
        return "the text " + quoted(scalar.getValue());
    }

    static String quoted(String text) {
        String shown = text.length() > QUOTED_MAX ? text.substring(0, QUOTED_MAX) + "…" : text;
        return "'" + shown + "'";
    }

    /** The keys a mapping takes. */
    record Keys(List<String> required, List<String> optional) {
        String all() {
            return String.join(", ", required) + (optional.isEmpty() ? "" : ", " + String.join(", ", optional));
        }

        @Override
        public String toString() {
            return "keys " + String.join(", ", required)
                    + (optional.isEmpty() ? "" : " and optionally " + String.join(", ", optional));
        }
    }

    /** The values of a checked mapping, with their messages prefixed by what the mapping is. */
    static final class Entries {
        private final YamlNodes yaml;
        private final String what;
        private final Map<String, Node> values;

        private Entries(YamlNodes yaml, String what, Map<String, Node> values) {
            this.yaml = yaml;
            this.what = what;
            this.values = values;
        }

        /** The same entries, named otherwise in messages: once a server's name is known, it names the server. */
        Entries about(String newWhat) {
            return new Entries(yaml, newWhat, values);
        }

        String what() {
            return what;
        }

        /** The value of a required key (present: {@link YamlNodes#entries} checked it). */
        Node node(String key) {
            return values.get(key);
        }

        Optional<Node> optional(String key) {
            return Optional.ofNullable(values.get(key));
        }

        String text(String key, String expected) throws FleetFileException {
            return yaml.text(node(key), what + ": " + key, expected);
        }

        /**
         * The value of {@code key}, one DNS label, in lower case (DNS compares names without case; the model holds
         * them as the records do); otherwise an error saying it {@code isNot}.
         */
        String label(String key, String isNot, String expected) throws FleetFileException {
            String label = text(key, expected);
            if (!DnsNames.isHostLabel(label)) {
                throw yaml.error(node(key), what + ": " + key + " " + quoted(label) + " " + isNot, expected);
            }
            return label.toLowerCase(Locale.ROOT);
        }

        double number(String key) throws FleetFileException {
            return yaml.number(node(key), what + ": " + key);
        }

        long whole(String key, long min, long max) throws FleetFileException {
            return yaml.whole(node(key), what + ": " + key, min, max);
        }

        /** A scalar's value as the file writes it, for messages: {@code -3}, not {@code -3.0}. */
        String written(String key) {
            return node(key) instanceof ScalarNode scalar ? scalar.getValue() : describe(node(key));
        }

        /** A whole number of an optional key, {@code absent} if the key is not there. */
        long whole(String key, long min, long max, long absent) throws FleetFileException {
            return values.containsKey(key) ? whole(key, min, max) : absent;
        }

        List<Node> list(String key, String expected) throws FleetFileException {
            return yaml.list(node(key), what + ": " + key, expected);
        }
    }
}
