package com.customerhub.api.http;

import com.customerhub.core.error.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Parses request bodies into JSON objects, answering malformed JSON, invalid UTF-8, too deep
 * nesting or a non-object with a 400 that names the body, never echoing its content.
 */
@Singleton
public class JsonBodies {
    private final ObjectMapper json;

    public JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("body", "is required: send a JSON object");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("body", "exceeds the JSON limits (nesting, string or number size)");
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw ApiException.badRequest("body", "is not valid JSON"
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
        } catch (IOException e) {
            throw ApiException.badRequest("body", "cannot be read");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("body", "must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
