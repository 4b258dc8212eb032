package io.orderengine.api.shop.orders;

import io.orderengine.api.web.protection.AccessLinkQuota;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.outbound.mail.OrderLinkMails;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * "E-mail me the link": a guest who lost the link to an order asks for the links of their orders to be sent to the
 * address they ordered with. The answer is the same 202 whether or not that address has orders (nothing can be learnt
 * about who ordered here); the look-up and the e-mail happen later, off the request ({@link OrderLinkMails}).
 */
@RestController
class AccessLinkController {

    static final String ACCEPTED =
            "If orders were placed as a guest with this address, an e-mail with their links is" + " on its way.";

    private final OrderLinkMails mails;
    private final AccessLinkQuota quota;

    AccessLinkController(OrderLinkMails mails, AccessLinkQuota quota) {
        this.mails = mails;
        this.quota = quota;
    }

    record AccessLinkRequest(
            @NotBlank @Email @Size(max = 254) @NoInvisibleCharacters(allowJoiners = false)
            String email) {}

    /** The one answer for every address, known or not. */
    record AccessLinkAnswer(String status, String message) {}

    @PostMapping("/api/v1/orders/access-links")
    ResponseEntity<AccessLinkAnswer> send(@Valid @RequestBody AccessLinkRequest body, HttpServletRequest request) {
        quota.takeForClient(request);
        if (quota.tryTakeForAddress(body.email())) {
            mails.request(body.email().trim());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .cacheControl(CacheControl.noStore())
                .body(new AccessLinkAnswer("accepted", ACCEPTED));
    }
}
