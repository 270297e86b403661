package com.customerhub.core.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7396 examples. */
class MergePatchTest {
    private final ObjectMapper json = new ObjectMapper();

    private String patch(String target, String patch) throws Exception {
        ObjectNode node = (ObjectNode) json.readTree(target);
        JsonMergePatch.apply(node, (ObjectNode) json.readTree(patch));
        return json.writeValueAsString(node);
    }

    @Test
    void followsTheRfc() throws Exception {
        assertThat(patch("{\"a\":\"b\"}", "{\"a\":\"c\"}")).isEqualTo("{\"a\":\"c\"}");
        assertThat(patch("{\"a\":\"b\"}", "{\"b\":\"c\"}")).isEqualTo("{\"a\":\"b\",\"b\":\"c\"}");
        assertThat(patch("{\"a\":\"b\"}", "{\"a\":null}")).isEqualTo("{}");
        assertThat(patch("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}")).isEqualTo("{\"a\":{\"b\":\"d\"}}");
        assertThat(patch("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}")).isEqualTo("{\"a\":[1]}");
        assertThat(patch("{\"a\":\"foo\"}", "{\"a\":{\"b\":\"c\"}}")).isEqualTo("{\"a\":{\"b\":\"c\"}}");
    }
}
