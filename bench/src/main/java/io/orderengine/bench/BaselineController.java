package io.orderengine.bench;

import com.mongodb.client.MongoDatabase;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The checkout baseline: the least a checkout could do in this stack — a Spring MVC endpoint that takes the same JSON
 * body and does one insert into the same store (through the same client, so the embedded store's durable commit
 * applies). Only present when the engine runs from the bench module.
 */
@RestController
class BaselineController {

    private final MongoDatabase database;

    BaselineController(MongoDatabase database) {
        this.database = database;
    }

    @PostMapping("/bench/baseline/orders")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> insert(@RequestBody Map<String, Object> body) {
        String id = UUID.randomUUID().toString();
        database.getCollection("bench_baseline").insertOne(new Document("_id", id).append("body", new Document(body)));
        return Map.of("orderId", id);
    }
}
