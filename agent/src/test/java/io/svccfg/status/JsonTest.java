package io.svccfg.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\nd\u0001");
        m.put("n", 42L);
        m.put("b", true);
        m.put("null", null);
        m.put("list", Arrays.asList(1, "x", List.of()));
        assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":42,\"b\":true,\"null\":null,\"list\":[1,\"x\",[]]}",
                Json.write(m));
        assertEquals("[]", Json.write(List.of()));
        assertEquals("{}", Json.write(Map.of()));
    }
}
