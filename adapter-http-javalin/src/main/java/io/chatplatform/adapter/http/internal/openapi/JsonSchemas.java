package io.chatplatform.adapter.http.internal.openapi;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatplatform.adapter.http.internal.view.Nullable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * JSON Schemas (OpenAPI 3.1 dialect) of the view records, derived from the same Jackson
 * configuration that writes them: the property names and types are those Jackson serialises.
 * Records become named component schemas, referenced with {@code $ref}.
 */
final class JsonSchemas {

    private final ObjectMapper mapper;
    private final ObjectNode components;
    private final Map<String, Class<?>> named = new HashMap<>();

    /** @param components the {@code components.schemas} object to fill */
    JsonSchemas(ObjectMapper mapper, ObjectNode components) {
        this.mapper = mapper;
        this.components = components;
    }

    /** The schema of a value of this type, a {@code $ref} for records. */
    ObjectNode of(Class<?> type) {
        return of(mapper.constructType(type));
    }

    /** The schema of a JSON array of this type. */
    ObjectNode arrayOf(Class<?> type) {
        ObjectNode schema = mapper.createObjectNode().put("type", "array");
        schema.set("items", of(type));
        return schema;
    }

    private ObjectNode of(JavaType type) {
        Class<?> raw = type.getRawClass();
        ObjectNode schema = mapper.createObjectNode();
        if (raw == long.class || raw == Long.class) {
            return schema.put("type", "integer").put("format", "int64");
        }
        if (raw == int.class || raw == Integer.class) {
            return schema.put("type", "integer").put("format", "int32");
        }
        if (raw == double.class || raw == Double.class) {
            return schema.put("type", "number").put("format", "double");
        }
        if (Map.class.isAssignableFrom(raw)) {
            schema.put("type", "object");
            schema.set("additionalProperties", of(type.getContentType()));
            return schema;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return schema.put("type", "boolean");
        }
        if (raw == String.class) {
            return schema.put("type", "string");
        }
        if (raw == Instant.class) {
            return schema.put("type", "string").put("format", "date-time")
                    .put("description", "UTC, exactly three fraction digits, e.g. 2026-11-27T14:31:05.123Z");
        }
        if (Collection.class.isAssignableFrom(raw)) {
            schema.put("type", "array");
            schema.set("items", of(type.getContentType()));
            return schema;
        }
        if (JsonNode.class.isAssignableFrom(raw)) {
            return schema.put("type", "object");
        }
        if (raw == Object.class) {
            // FastAPI's loc: strings and array indexes
            ArrayNode anyOf = schema.putArray("anyOf");
            anyOf.addObject().put("type", "string");
            anyOf.addObject().put("type", "integer");
            return schema;
        }
        if (raw.isRecord()) {
            return schema.put("$ref", "#/components/schemas/" + component(type));
        }
        throw new IllegalArgumentException("no JSON schema mapping for " + type + "; add one to " + getClass().getName());
    }

    private String component(JavaType type) {
        Class<?> raw = type.getRawClass();
        String name = raw.getSimpleName();
        Class<?> existing = named.putIfAbsent(name, raw);
        if (existing != null) {
            if (existing != raw) {
                throw new IllegalStateException("two view types named " + name + ": " + existing + " and " + raw);
            }
            return name;
        }
        ObjectNode schema = mapper.createObjectNode().put("title", name).put("type", "object");
        components.set(name, schema);
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        BeanDescription description = mapper.getSerializationConfig().introspect(type);
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (!property.couldSerialize()) {
                continue;
            }
            ObjectNode propertySchema = of(property.getPrimaryType());
            if (isNullable(property)) {
                propertySchema = nullable(propertySchema);
            }
            properties.set(property.getName(), propertySchema);
            required.add(property.getName()); // always present, even when null
        }
        return name;
    }

    private static boolean isNullable(BeanPropertyDefinition property) {
        AnnotatedMember accessor = property.getAccessor();
        return (accessor != null && accessor.hasAnnotation(Nullable.class))
                || (property.getField() != null && property.getField().hasAnnotation(Nullable.class));
    }

    /** The 3.1 way: {@code "type": ["string", "null"]}, or {@code anyOf} around a reference. */
    private ObjectNode nullable(ObjectNode schema) {
        if (schema.has("type") && schema.get("type").isTextual()) {
            String type = schema.get("type").asText();
            ArrayNode types = schema.putArray("type");
            types.add(type).add("null");
            return schema;
        }
        ObjectNode wrapper = mapper.createObjectNode();
        ArrayNode anyOf = wrapper.putArray("anyOf");
        anyOf.add(schema);
        anyOf.addObject().put("type", "null");
        return wrapper;
    }
}
