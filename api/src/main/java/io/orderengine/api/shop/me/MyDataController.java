package io.orderengine.api.shop.me;

import io.orderengine.api.privacy.DataSubjects;
import io.orderengine.api.security.Caller;
import io.orderengine.api.web.ApiException;
import io.orderengine.messages.privacy.DataSubject;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/me/data}: the signed-in customer's personal data and orders as JSON (their own export). */
@RestController
class MyDataController {

    private final DataSubjects subjects;

    MyDataController(DataSubjects subjects) {
        this.subjects = subjects;
    }

    @GetMapping("/api/v1/me/data")
    DataSubjects.PersonalDataExport mine(Authentication authentication) {
        Caller caller = Caller.from(authentication);
        if (!caller.signedIn()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Sign in to export your data.");
        }
        return subjects.export(DataSubject.customer(caller.subject()), true);
    }
}
