package io.orderengine.saga.edit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.orderengine.messages.common.OrderId;
import java.util.Optional;
import org.bson.Document;

/**
 * Which gateway payments collect the balance of an order edit, in the Mongo collection {@code edit_balance_payments}
 * ({@code _id} = the gateway's payment reference, with the order and the edit id). The edit-balance saga records a
 * payment here before the customer can see it, so the webhook inbox routes the gateway's news about it to the edit's
 * balance instead of the order's first payment.
 */
public class BalancePayments {

    public static final String COLLECTION = "edit_balance_payments";

    private final MongoCollection<Document> payments;

    public BalancePayments(MongoDatabase database) {
        this.payments = database.getCollection(COLLECTION);
    }

    /** Records that {@code paymentReference} pays the balance of {@code editId}; repeating it changes nothing. */
    public void remember(String paymentReference, OrderId orderId, String editId) {
        payments.replaceOne(
                Filters.eq("_id", paymentReference),
                new Document("_id", paymentReference)
                        .append("orderId", orderId.value())
                        .append("editId", editId),
                new ReplaceOptions().upsert(true));
    }

    /** The edit whose balance {@code paymentReference} pays, or empty for any other payment. */
    public Optional<String> editOf(String paymentReference) {
        if (paymentReference == null) {
            return Optional.empty();
        }
        Document payment = payments.find(Filters.eq("_id", paymentReference)).first();
        return Optional.ofNullable(payment).map(p -> p.getString("editId"));
    }
}
