package io.orderengine.outbound.mail;

import io.orderengine.messages.order.OrderTotals;
import io.orderengine.outbound.facts.OrderFacts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders customer emails from the Thymeleaf templates in {@code templates/mail/} ({@code <kind>.html} and
 * {@code <kind>.txt}) with the texts of {@code templates/mail/messages_<language>.properties}, in the shop's
 * language. Amounts arrive in minor units and are formatted for the order's currency here. The engine is private to
 * the emails, so it does not change how the web layer resolves views.
 */
@Component
public class MailTemplates {

    private final SpringTemplateEngine engine;
    private final ResourceBundleMessageSource messages;
    private final ShopProperties shop;

    public MailTemplates(ShopProperties shop) {
        this.shop = shop;
        this.messages = new ResourceBundleMessageSource();
        messages.setBasename("templates/mail/messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        this.engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
        engine.setTemplateEngineMessageSource(messages);
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }

    /**
     * The email of {@code kind} about {@code order}. {@code details} are the kind's own values (tracking number,
     * reason, amounts already formatted with {@link #money}); missing ones are shown as absent.
     */
    public Email render(EmailKind kind, OrderFacts order, Map<String, Object> details) {
        Locale locale = shop.locale();
        String subject = messages.getMessage(
                "subject." + kind.template(), new Object[] {shop.name(), order.orderNumber()}, locale);
        Context context = new Context(locale);
        context.setVariable("shopName", shop.name());
        context.setVariable("language", locale.toLanguageTag());
        context.setVariable("subject", subject);
        context.setVariable("order", orderModel(order, locale));
        context.setVariable(
                "link",
                details.containsKey("link")
                        ? details.get("link")
                        : shop.orderLinkFor(order.orderId(), order.orderNumber()));
        context.setVariable("guest", order.guest());
        for (String optional : List.of(
                "trackingNumber",
                "estimatedDelivery",
                "reason",
                "refundDue",
                "refundAmount",
                "refundedTotal",
                "linkExpires",
                "paymentPending",
                "carrier",
                "shipmentLines",
                "oldTotal",
                "newTotal",
                "balanceAmount",
                "payAmount",
                "returnId",
                "returnLines")) {
            context.setVariable(optional, details.get(optional));
        }
        String html = engine.process("mail/" + kind.template() + ".html", context);
        String text = engine.process("mail/" + kind.template() + ".txt", context);
        return new Email(order.email(), subject, text, html);
    }

    /**
     * The e-mail to {@code to} listing {@code orders} (newest first), each with its {@code links} entry, the guest
     * link that opens it; {@code linkExpires} is when those links expire, formatted.
     */
    public Email renderLinks(String to, List<OrderFacts> orders, Map<String, String> links, String linkExpires) {
        Locale locale = shop.locale();
        String subject = messages.getMessage(
                "subject." + EmailKind.ORDER_LINKS.template(), new Object[] {shop.name(), ""}, locale);
        Context context = new Context(locale);
        context.setVariable("shopName", shop.name());
        context.setVariable("language", locale.toLanguageTag());
        context.setVariable("subject", subject);
        context.setVariable("linkExpires", linkExpires);
        context.setVariable(
                "orders",
                orders.stream()
                        .map(order -> Map.of(
                                "number", order.orderNumber(),
                                "placed", date(order.placedAt()),
                                "total",
                                        MoneyFormat.format(
                                                order.totals().total().amountMinor(), order.currency(), locale),
                                "link", links.get(order.orderId())))
                        .toList());
        String html = engine.process("mail/" + EmailKind.ORDER_LINKS.template() + ".html", context);
        String text = engine.process("mail/" + EmailKind.ORDER_LINKS.template() + ".txt", context);
        return new Email(to, subject, text, html);
    }

    /** {@code at} as a long date in the shop's language (UTC). */
    public String date(Instant at) {
        return at == null
                ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(shop.locale())
                        .withZone(ZoneOffset.UTC)
                        .format(at);
    }

    /** The order page of {@code order} opened with the guest link token {@code token}. */
    public String guestLink(OrderFacts order, String token) {
        return shop.guestLinkFor(order.orderId(), order.orderNumber(), token);
    }

    /** The shop's language. */
    public Locale locale() {
        return shop.locale();
    }

    /** {@code amountMinor} of {@code currency} as readers of the shop's language write it. */
    public String money(long amountMinor, String currency) {
        return MoneyFormat.format(amountMinor, currency, shop.locale());
    }

    private Map<String, Object> orderModel(OrderFacts order, Locale locale) {
        String currency = order.currency();
        OrderTotals totals = order.totals();
        Map<String, Object> model = new HashMap<>();
        model.put("number", order.orderNumber());
        model.put(
                "lines",
                order.lines().stream()
                        .map(line -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("sku", line.sku().value());
                            row.put("name", line.name());
                            row.put("quantity", line.quantity());
                            row.put(
                                    "unitPrice",
                                    MoneyFormat.format(line.unitPrice().amountMinor(), currency, locale));
                            row.put(
                                    "lineTotal",
                                    MoneyFormat.format(line.lineTotal().amountMinor(), currency, locale));
                            return row;
                        })
                        .toList());
        model.put("subtotal", MoneyFormat.format(totals.subtotal().amountMinor(), currency, locale));
        model.put(
                "discount",
                totals.discount().isZero()
                        ? null
                        : MoneyFormat.format(totals.discount().amountMinor(), currency, locale));
        model.put("shipping", MoneyFormat.format(totals.shipping().amountMinor(), currency, locale));
        model.put("tax", MoneyFormat.format(totals.tax().amountMinor(), currency, locale));
        model.put("taxRate", percent(totals.taxRateBasisPoints(), locale));
        model.put("total", MoneyFormat.format(totals.total().amountMinor(), currency, locale));
        return model;
    }

    static String percent(long basisPoints, Locale locale) {
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(2);
        return format.format(BigDecimal.valueOf(basisPoints, 4));
    }
}
