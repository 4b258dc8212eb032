package io.orderengine.outbound.invoice;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The seller as printed on invoices, checked when the engine starts: a malformed registration number stops start-up
 * with a message naming the property, rather than printing invoices a tax authority would reject.
 *
 * @param legalName the seller's registered legal name
 * @param address   postal address; a new line or a {@code |} starts a new printed line
 * @param vatNumber VAT registration number; without it the document is an invoice, not a tax invoice. In Saudi
 *                  Arabia ({@code SA}) 15 digits starting and ending with 3; in Israel ({@code IL}) the 9-digit
 *                  dealer number with its check digit
 * @param crNumber  commercial registration number, printed when set; in Saudi Arabia 10 digits
 * @param country   ISO 3166-1 alpha-2 country of the seller; {@code SA} with a VAT number adds the ZATCA QR code
 */
@ConfigurationProperties("engine.shop")
public record SellerProperties(
        @DefaultValue("Order Engine") String legalName,
        @DefaultValue("") String address,
        String vatNumber,
        String crNumber,
        String country) {

    private static final Pattern SAUDI_VAT = Pattern.compile("3\\d{13}3");
    private static final Pattern SAUDI_CR = Pattern.compile("\\d{10}");
    private static final Pattern ISRAELI_DEALER = Pattern.compile("\\d{9}");

    public SellerProperties {
        legalName = blankToNull(legalName);
        address = address == null ? "" : address;
        vatNumber = blankToNull(vatNumber);
        crNumber = blankToNull(crNumber);
        country = blankToNull(country);
        if (legalName == null) {
            throw new IllegalArgumentException("engine.shop.legal-name must not be blank: it is printed on invoices");
        }
        if (country != null && !country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException(
                    "engine.shop.country '" + country + "' is not an ISO 3166-1 alpha-2 code such as SA, IL or DE");
        }
        if ("SA".equals(country)
                && vatNumber != null
                && !SAUDI_VAT.matcher(vatNumber).matches()) {
            throw new IllegalArgumentException("engine.shop.vat-number '" + vatNumber
                    + "' is not a Saudi VAT number: 15 digits, starting and ending with 3 (e.g. 310122393500003)");
        }
        if ("SA".equals(country)
                && crNumber != null
                && !SAUDI_CR.matcher(crNumber).matches()) {
            throw new IllegalArgumentException("engine.shop.cr-number '" + crNumber
                    + "' is not a Saudi commercial registration number: 10 digits");
        }
        if ("IL".equals(country) && vatNumber != null && !israeliDealerNumber(vatNumber)) {
            throw new IllegalArgumentException("engine.shop.vat-number '" + vatNumber
                    + "' is not an Israeli dealer number: 9 digits whose last is the check digit");
        }
    }

    public boolean hasVatNumber() {
        return vatNumber != null;
    }

    /** ZATCA (Saudi e-invoicing) QR code: a Saudi seller with a VAT number. */
    public boolean zatcaQr() {
        return hasVatNumber() && "SA".equals(country);
    }

    /** The address as printed lines. */
    public List<String> addressLines() {
        return Arrays.stream(address.split("[\\n|]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Which invoice number series this seller's invoices belong to: its VAT number, else its legal name. */
    public String series() {
        return vatNumber != null ? country + ":" + vatNumber : legalName;
    }

    /** The check digit rule of Israeli identity and dealer numbers: weights 1,2,1,2…, digits of each product summed. */
    static boolean israeliDealerNumber(String number) {
        if (!ISRAELI_DEALER.matcher(number).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int product = (number.charAt(i) - '0') * (i % 2 == 0 ? 1 : 2);
            sum += product > 9 ? product - 9 : product;
        }
        return sum % 10 == 0;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
