package io.orderengine.messages.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.CustomerRef;
import io.orderengine.messages.order.ReturnLine;
import org.junit.jupiter.api.Test;

/** Message records write their personal components as withheld: their text reaches logs and dead letters. */
class PersonalDataTextTest {

    @Test
    void anAddressShowsItsCountryAndWithholdsEverythingPersonal() {
        Address address = new Address(
                "Noa Cohen", "+972501112233", "5 Rothschild Blvd", "Apt 4", "Tel Aviv", null, "6688101", "IL");

        assertThat(address.toString())
                .isEqualTo("Address[fullName=[personal data], phone=[personal data], line1=[personal data],"
                        + " line2=[personal data], city=[personal data], region=null, postalCode=[personal data],"
                        + " country=IL]")
                .doesNotContain("Noa", "Rothschild", "Tel Aviv", "6688101", "972");
    }

    @Test
    void aCustomerReferenceKeepsItsIdsAndWithholdsTheEmailAddress() {
        CustomerRef customer = CustomerRef.customer("alice", "alice@example.com");

        assertThat(customer.toString())
                .isEqualTo("CustomerRef[customerId=alice, email=[personal data], guestTokenHash=null]");
    }

    @Test
    void aReturnLineWithholdsTheCustomersReason() {
        ReturnLine line = new ReturnLine(new SkuCode("MUG-BLUE"), "Blue mug", 1, "my neighbour Dana broke it");

        assertThat(line.toString())
                .isEqualTo("ReturnLine[sku=MUG-BLUE, name=Blue mug, quantity=1, reason=[personal data]]");
    }
}
