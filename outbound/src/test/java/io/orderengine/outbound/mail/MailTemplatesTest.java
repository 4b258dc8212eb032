package io.orderengine.outbound.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.outbound.facts.OrderFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    private static final String ORDER_ID = "3f2b8c1e-0000-4000-8000-000000000001";

    private static OrderFacts order(boolean guest, long discountMinor) {
        return new OrderFacts(
                ORDER_ID,
                "ORD-20250301-000007",
                "noa@example.com",
                guest ? null : "noa",
                guest,
                List.of(OrderLine.of(new SkuCode("MUG-BLUE"), "Blue mug", eur(1250), 2, Map.of(), null)),
                new OrderTotals(eur(2500), eur(discountMinor), eur(500), eur(540), eur(3540 - discountMinor), 1800),
                null,
                null,
                Instant.parse("2025-03-01T10:00:00Z"),
                null,
                null,
                null,
                null,
                null,
                0);
    }

    private static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    private static MailTemplates templates(String language) {
        return new MailTemplates(new ShopProperties("Test Shop", language, "https://shop.example/orders/{orderId}"));
    }

    @Test
    void confirmationShowsTheOrderTheAmountsForTheCurrencyAndTheLinkInBothParts() {
        Email email = templates("en").render(EmailKind.ORDER_CONFIRMED, order(false, 0), Map.of());

        assertThat(email.to()).isEqualTo("noa@example.com");
        assertThat(email.subject()).isEqualTo("Your order ORD-20250301-000007 at Test Shop is confirmed");
        for (String body : List.of(email.text(), email.html())) {
            assertThat(body)
                    .contains(
                            "ORD-20250301-000007",
                            "Blue mug",
                            "€12.50",
                            "€25.00",
                            "€5.00",
                            "€5.40",
                            "€35.40",
                            "18%",
                            "https://shop.example/orders/" + ORDER_ID);
            assertThat(body).doesNotContain("Discount", "private link");
        }
        assertThat(email.html()).contains("dir=\"ltr\"", "<a href=\"https://shop.example/orders/" + ORDER_ID + "\"");
    }

    @Test
    void guestsGetTheirSignedLinkWithItsExpiryAndDiscountsAreShown() {
        String link = "https://shop.example/orders/" + ORDER_ID + "?token=gl1.123.abc";
        Email email = templates("en")
                .render(
                        EmailKind.ORDER_CONFIRMED,
                        order(true, 250),
                        Map.of("link", link, "linkExpires", "March 31, 2025"));

        assertThat(email.text())
                .contains(link, "Anyone with this link can see the order until March 31, 2025", "Discount: -€2.50")
                .contains("€32.90");
        assertThat(email.html()).contains("href=\"" + link.replace("&", "&amp;") + "\"", "-€2.50");
    }

    @Test
    void orderReceivedEmailListsTheOrderAndHowToPayInEveryLanguage() {
        Map<String, Object> pending = Map.of("paymentPending", true, "link", "https://shop.example/pay");
        Email english = templates("en").render(EmailKind.ORDER_RECEIVED, order(false, 0), pending);
        Email hebrew = templates("he").render(EmailKind.ORDER_RECEIVED, order(false, 0), pending);
        Email arabic = templates("ar").render(EmailKind.ORDER_RECEIVED, order(false, 0), pending);
        Email paid = templates("en").render(EmailKind.ORDER_RECEIVED, order(false, 0), Map.of("paymentPending", false));

        assertThat(english.subject()).isEqualTo("We received your order ORD-20250301-000007 at Test Shop");
        for (String body : List.of(english.text(), english.html())) {
            assertThat(body).contains("Blue mug", "€35.40", "Payment is still pending", "https://shop.example/pay");
        }
        assertThat(hebrew.html()).contains("dir=\"rtl\"", "התשלום עדיין ממתין");
        assertThat(hebrew.text()).contains("קיבלנו את הזמנה ORD-20250301-000007");
        assertThat(arabic.html()).contains("dir=\"rtl\"", "الدفع لا يزال معلقًا");
        assertThat(paid.text()).doesNotContain("Payment is still pending");
    }

    @Test
    void orderLinksEmailListsEachOrderWithItsLink() {
        OrderFacts order = order(true, 0);
        Email email = templates("en")
                .renderLinks(
                        "noa@example.com",
                        List.of(order),
                        Map.of(ORDER_ID, "https://shop.example/o?token=gl1.1.x"),
                        "March 31, 2025");

        assertThat(email.subject()).isEqualTo("Your orders at Test Shop");
        assertThat(email.text())
                .contains("ORD-20250301-000007", "€35.40", "https://shop.example/o?token=gl1.1.x", "March 31, 2025");
        assertThat(email.html()).contains("href=\"https://shop.example/o?token=gl1.1.x\"");
    }

    @Test
    void shippingEmailCarriesTheTrackingNumberAndEstimatedDelivery() {
        Email email = templates("en")
                .render(
                        EmailKind.ORDER_SHIPPED,
                        order(false, 0),
                        Map.of("trackingNumber", "TRACK-0042", "estimatedDelivery", "March 5, 2025"));

        assertThat(email.subject()).isEqualTo("Your order ORD-20250301-000007 from Test Shop is on its way");
        assertThat(email.text()).contains("Tracking number: TRACK-0042", "Estimated delivery: March 5, 2025");
        assertThat(email.html()).contains("Tracking number: TRACK-0042");
    }

    @Test
    void aShipmentsEmailListsWhatIsInTheParcel() {
        Email email = templates("en")
                .render(
                        EmailKind.ORDER_SHIPPED,
                        order(false, 0),
                        Map.of(
                                "trackingNumber",
                                "JD0123",
                                "carrier",
                                "DHL",
                                "shipmentLines",
                                java.util.List.of(Map.of("sku", "MUG-BLUE", "name", "Blue mug", "quantity", 1))));

        assertThat(email.text())
                .contains("Tracking number: JD0123", "In this parcel, sent with DHL:", "1 × Blue mug (MUG-BLUE)");
        assertThat(email.html()).contains("In this parcel, sent with DHL:", "1 × Blue mug (MUG-BLUE)");
    }

    @Test
    void aReturnReceivedEmailListsWhatCameBackAndTheRefundInEveryLanguage() {
        Map<String, Object> details = Map.of(
                "returnId",
                "R1",
                "returnLines",
                java.util.List.of(Map.of("sku", "MUG-BLUE", "name", "Blue mug", "quantity", 1)),
                "refundAmount",
                templates("en").money(1250, "EUR"));
        Email english = templates("en").render(EmailKind.RETURN_RECEIVED, order(false, 0), details);

        assertThat(english.subject()).isEqualTo("We received your return for order ORD-20250301-000007 at Test Shop");
        assertThat(english.text())
                .contains(
                        "We received return R1 of order ORD-20250301-000007.",
                        "1 × Blue mug (MUG-BLUE)",
                        "We are refunding €12.50");
        assertThat(english.html()).contains("1 × Blue mug (MUG-BLUE)", "We are refunding €12.50");
        for (String language : java.util.List.of("de", "he", "ar")) {
            Email email = templates(language).render(EmailKind.RETURN_RECEIVED, order(false, 0), details);
            assertThat(email.subject()).as(language).doesNotContain("subject.").contains("ORD-20250301-000007");
            assertThat(email.text()).as(language).contains("R1", "1 × Blue mug (MUG-BLUE)");
            assertThat(email.html()).as(language).doesNotContain("??");
        }
    }

    @Test
    void aDeliveredEmailSaysAParcelArrivedInEveryLanguage() {
        Email english = templates("en").render(EmailKind.ORDER_DELIVERED, order(false, 0), Map.of());

        assertThat(english.subject())
                .isEqualTo("A parcel of your order ORD-20250301-000007 from Test Shop was delivered");
        assertThat(english.text()).contains("A parcel of order ORD-20250301-000007 has been delivered.");
        for (String language : java.util.List.of("de", "he", "ar")) {
            Email email = templates(language).render(EmailKind.ORDER_DELIVERED, order(false, 0), Map.of());
            assertThat(email.subject()).as(language).doesNotContain("subject.").contains("ORD-20250301-000007");
            assertThat(email.text())
                    .as(language)
                    .contains("ORD-20250301-000007")
                    .doesNotContain("??");
        }
    }

    @Test
    void cancellationAndRefundEmailsNameTheAmounts() {
        MailTemplates templates = templates("en");
        Email cancelled = templates.render(
                EmailKind.ORDER_CANCELLED,
                order(false, 0),
                Map.of("reason", "customer asked", "refundDue", templates.money(3540, "EUR")));
        Email refunded = templates.render(
                EmailKind.ORDER_REFUNDED,
                order(false, 0),
                Map.of("refundAmount", templates.money(1000, "EUR"), "refundedTotal", templates.money(1000, "EUR")));

        assertThat(cancelled.text())
                .contains("Reason: customer asked", "The amount you paid (€35.40) will be refunded");
        assertThat(refunded.subject()).isEqualTo("Refund for your order ORD-20250301-000007 at Test Shop");
        assertThat(refunded.text())
                .contains("We refunded €10.00 for order ORD-20250301-000007", "Refunded so far: €10.00 of €35.40.");
    }

    @Test
    void writesInTheShopsLanguage() {
        Email german = templates("de").render(EmailKind.ORDER_CONFIRMED, order(false, 0), Map.of());
        Email arabic = templates("ar").render(EmailKind.ORDER_CONFIRMED, order(false, 0), Map.of());

        assertThat(german.subject()).isEqualTo("Ihre Bestellung ORD-20250301-000007 bei Test Shop ist bestätigt");
        assertThat(german.text().replace('\u00A0', ' ')).contains("35,40 €", "Zwischensumme");
        assertThat(arabic.html()).contains("dir=\"rtl\"", "ORD-20250301-000007");
    }

    @Test
    void theEditedEmailGivesTheNewTotalAndTheRefundInEveryLanguage() {
        for (String language : List.of("en", "de", "he", "ar")) {
            MailTemplates templates = templates(language);
            Email edited = edited(templates, 4130, 3540, "refundAmount", 590);
            assertThat(edited.subject())
                    .as(language)
                    .contains("ORD-20250301-000007")
                    .doesNotContain("??");
            assertThat(edited.text()).as(language).doesNotContain("??").contains("ORD-20250301-000007");
            assertThat(edited.html()).as(language).doesNotContain("??");
        }
        MailTemplates english = templates("en");
        Email edited = edited(english, 4130, 3540, "refundAmount", 590);
        assertThat(edited.subject()).isEqualTo("Your order ORD-20250301-000007 at Test Shop was changed");
        assertThat(edited.text())
                .contains(
                        "New total: €35.40 (was €41.30).",
                        "The difference of €5.90 will be refunded to your original payment method.");
    }

    @Test
    void anEditThatRaisedThePaidTotalAsksForTheBalanceAndItsRollbackIsToldInEveryLanguage() {
        for (String language : List.of("en", "de", "he", "ar")) {
            MailTemplates templates = templates(language);
            Email edited = edited(templates, 1770, 3540, "balanceAmount", 1770);
            assertThat(edited.text()).as(language).doesNotContain("??").contains(templates.money(1770, "EUR"));
            Email undone = templates.render(EmailKind.ORDER_EDIT_ROLLED_BACK, order(false, 0), Map.of());
            assertThat(undone.subject())
                    .as(language)
                    .contains("ORD-20250301-000007")
                    .doesNotContain("??");
            assertThat(undone.text()).as(language).doesNotContain("??").contains("https://shop.example/orders/");
            assertThat(undone.html()).as(language).doesNotContain("??");
        }
        MailTemplates english = templates("en");
        Email edited = edited(english, 1770, 3540, "balanceAmount", 1770);
        assertThat(edited.text())
                .contains(
                        "The difference of €17.70 is due: pay it on your order page (link below).",
                        "https://shop.example/orders/" + ORDER_ID)
                .doesNotContain("refunded");
        assertThat(english.render(EmailKind.ORDER_EDIT_ROLLED_BACK, order(false, 0), Map.of())
                        .subject())
                .isEqualTo("The change to your order ORD-20250301-000007 at Test Shop was undone");
    }

    @Test
    void anUnpaidOrderEditedToAnotherTotalAsksForTheNewTotalInEveryLanguage() {
        for (String language : List.of("en", "de", "he", "ar")) {
            MailTemplates templates = templates(language);
            Email edited = edited(templates, 2065, 6195, "payAmount", 6195);
            assertThat(edited.text()).as(language).doesNotContain("??").contains(templates.money(6195, "EUR"));
            assertThat(edited.html()).as(language).doesNotContain("??");
        }
        MailTemplates english = templates("en");
        Email edited = edited(english, 2065, 6195, "payAmount", 6195);
        assertThat(edited.text())
                .contains(
                        "Your payment is now for €61.95: pay it on your order page (link below).",
                        "https://shop.example/orders/" + ORDER_ID)
                .doesNotContain("refunded", "The difference of");
    }

    /** The order-changed e-mail of an order whose total went from {@code oldTotal} to {@code newTotal} (EUR cents). */
    private Email edited(MailTemplates templates, long oldTotal, long newTotal, String money, long amount) {
        return templates.render(
                EmailKind.ORDER_EDITED,
                order(false, 0),
                Map.of(
                        "oldTotal",
                        templates.money(oldTotal, "EUR"),
                        "newTotal",
                        templates.money(newTotal, "EUR"),
                        money,
                        templates.money(amount, "EUR")));
    }
}
