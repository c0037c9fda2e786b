package dev.nestor.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void compactHasNoWhitespaceAndKeepsOrder() {
        JsonObject o = Json.object().put("z", 1).put("a", "x\"y\\\u0001").put("l", Json.array().add(true).add(2.5 > 1))
                .put("n", Json.nullValue()).put("r", 0.25).build();
        assertThat(o.toJson()).isEqualTo("{\"z\":1,\"a\":\"x\\\"y\\\\\\u0001\",\"l\":[true,true],\"n\":null,\"r\":0.25}");
    }

    @Test
    void numbersAreWrittenWithTheirSourceText() throws Exception {
        assertThat(JsonParser.parseStrict("[1.50, 1e3, -0]").toJson()).isEqualTo("[1.50,1e3,-0]");
    }

    @Test
    void prettyUsesTwoSpaces() {
        JsonObject o = Json.object().put("a", Json.array().add(1).add(2)).put("b", Json.object()).build();
        assertThat(JsonWriter.pretty(o)).isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}");
    }

    @Test
    void equalityIgnoresPositionsAndNumberSpelling() throws Exception {
        assertThat(JsonParser.parseStrict("{\"a\": 1.0}")).isEqualTo(Json.object().put("a", 1).build());
        assertThat(JsonParser.parseStrict("{\"a\": 1.0}").hashCode()).isEqualTo(Json.object().put("a", 1).build().hashCode());
    }

    @Test
    void typedGettersReturnEmptyOnWrongType() throws Exception {
        JsonObject o = (JsonObject) JsonParser.parseStrict("{\"s\":\"x\",\"n\":5,\"r\":1.5,\"b\":true,\"o\":{},\"a\":[]}");
        assertThat(o.string("s")).contains("x");
        assertThat(o.string("n")).isEmpty();
        assertThat(o.integer("n")).hasValue(5);
        assertThat(o.integer("r")).isEmpty();
        assertThat(o.bool("b")).contains(true);
        assertThat(o.object("o")).contains(JsonObject.EMPTY);
        assertThat(o.array("a")).contains(JsonArray.EMPTY);
        assertThat(o.array("missing")).isEmpty();
    }
}
