package com.customerhub.core.link;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.data.AttributeValues;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.PartitionReader;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.validation.FieldReader;
import com.customerhub.core.validation.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.customerhub.core.customer.CustomerKeys.PK;
import static com.customerhub.core.customer.CustomerKeys.SK;

/**
 * Links from a customer to records in other systems, kept in the customer's collection
 * ({@code LINK#id}) so the 360 view shows them, merges move them and erasure removes them.
 */
@Singleton
public class LinkService {
    public static final String PREFIX = "LINK#";
    static final int MAX_LINKS = 200;

    private final DynamoDbClient dynamo;
    private final String table;
    private final CustomerService customers;
    private final Ids ids;
    private final Clock clock;
    private final ObjectMapper json;

    public LinkService(DynamoDbClient dynamo, TableNames tables, CustomerService customers, Ids ids, Clock clock, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = tables.customers();
        this.customers = customers;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    public Link attach(Identity who, String customerId, ObjectNode body) {
        Customer customer = customers.get(who, customerId);
        FieldReader in = new FieldReader(body);
        in.ignore("id", "customerId", "createdBy", "createdAt");
        String system = in.required("system", 100);
        LinkType type = in.enumValue("type", LinkType.class);
        String externalId = in.required("externalId", 200);
        String url = in.string("url", 2000);
        if (url != null && !isHttps(url)) {
            in.error("url", "must be an https URL");
        }
        Link link = new Link(ids.next(), customer.id(), system, type == null ? LinkType.OTHER : type, externalId, url,
                in.string("title", 300), in.string("status", 50), who.userId(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        in.throwIfInvalid();
        if (list(who, customer.id()).size() >= MAX_LINKS) {
            throw ApiException.badRequest("externalId", "a customer has at most " + MAX_LINKS + " links");
        }
        Map<String, AttributeValue> item = AttributeValues.fromObject(json.valueToTree(link));
        item.put(PK, AttributeValue.fromS(CustomerKeys.collection(who.tenantId(), customer.id())));
        item.put(SK, AttributeValue.fromS(PREFIX + link.id()));
        item.put("itemType", AttributeValue.fromS("LINK"));
        DynamoErrors.call(() -> dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")));
        return link;
    }

    /** The customer's links, newest first. */
    public List<Link> list(Identity who, String customerId) {
        Customer customer = customers.get(who, customerId);
        return PartitionReader.items(dynamo, table, CustomerKeys.collection(who.tenantId(), customer.id())).stream()
                .filter(item -> item.get(SK).s().startsWith(PREFIX))
                .map(this::toLink)
                .sorted(Comparator.comparing(Link::createdAt).reversed())
                .toList();
    }

    public void remove(Identity who, String customerId, String linkId) {
        Customer customer = customers.get(who, customerId);
        if (!Ids.isValid(linkId)) {
            throw ApiException.notFound("link");
        }
        try {
            DynamoErrors.call(() -> dynamo.deleteItem(b -> b.tableName(table).conditionExpression("attribute_exists(pk)")
                    .key(Map.of(PK, AttributeValue.fromS(CustomerKeys.collection(who.tenantId(), customer.id())),
                            SK, AttributeValue.fromS(PREFIX + linkId)))));
        } catch (ConditionalCheckFailedException e) {
            throw ApiException.notFound("link " + linkId);
        }
    }

    public Link toLink(Map<String, AttributeValue> item) {
        ObjectNode node = AttributeValues.toObject(item);
        node.remove(List.of(PK, SK, "itemType"));
        try {
            return json.treeToValue(node, Link.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored link cannot be read", e);
        }
    }

    private static boolean isHttps(String url) {
        try {
            URI uri = new URI(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
