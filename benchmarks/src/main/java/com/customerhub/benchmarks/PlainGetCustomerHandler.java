package com.customerhub.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.util.Map;

/**
 * The cold-start baseline: a plain aws-lambda-java-core handler answering GET /customers/{id}
 * with the same GetItem, the same SDK client and HTTP client as the function, and no framework.
 */
public class PlainGetCustomerHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create(System.getProperty("aws.endpoint-override.dynamodb")))
            .build();
    private final String table = System.getenv().getOrDefault("CUSTOMERS_TABLE", "CustomersTable");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String tenant = event.getRequestContext().getAuthorizer().getJwt().getClaims().get("custom:tenantId");
        String id = event.getPathParameters().get("id");
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(tenant + "#" + id), "sk", AttributeValue.fromS("PROFILE")))).item();
        boolean found = item != null && !item.isEmpty();
        return APIGatewayV2HTTPResponse.builder().withStatusCode(found ? 200 : 404)
                .withBody(found ? "{\"id\":\"" + id + "\",\"mobile\":\"" + item.get("mobile").s() + "\"}" : "{}").build();
    }
}
